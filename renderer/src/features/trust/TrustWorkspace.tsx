import { PlannedWorkspace } from '../../components/PlannedWorkspace.js';

export function TrustWorkspace() {
  return (
    <PlannedWorkspace
      title="Trust stores"
      summary="Add, list and remove CA certificates in the stores this machine's software trusts."
      items={[
        'Windows LocalMachine Root and CA, macOS System keychain, Linux system store, NSS databases, PEM bundles',
        'a preview of the exact commands before anything runs, with elevation only where needed',
        'the trust map: which stores hold a certificate',
        'fleet export: configuration profile, PowerShell, Ansible, shell',
      ]}
    />
  );
}
