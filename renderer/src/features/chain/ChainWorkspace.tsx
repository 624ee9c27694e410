import { PlannedWorkspace } from '../../components/PlannedWorkspace.js';

export function ChainWorkspace() {
  return (
    <PlannedWorkspace
      title="Chain"
      summary="Fetch the chain a server presents, or build one from files, and see in plain words why it is not trusted."
      items={[
        'host:port with SNI, directly or through an HTTP proxy',
        'the chain drawn as a tree, alternative paths as branches',
        'diagnoses: missing intermediate, wrong order, expired cross-sign, hostname mismatch, TLS inspection…',
        'the fix, and a corrected bundle to download',
      ]}
    />
  );
}
