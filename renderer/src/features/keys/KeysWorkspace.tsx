import { PlannedWorkspace } from '../../components/PlannedWorkspace.js';

export function KeysWorkspace() {
  return (
    <PlannedWorkspace
      title="Keys & CSR"
      summary="Make a key and a CSR with the right SANs, keep the key safe, and build the bundle an appliance wants."
      items={[
        'RSA and ECDSA keys, saved encrypted',
        'a CSR designer with SAN validation and a live preview',
        'the CA answer matched to its key, completed into fullchain.pem and a PFX',
        'self-signed certificates and a small local CA',
      ]}
    />
  );
}
