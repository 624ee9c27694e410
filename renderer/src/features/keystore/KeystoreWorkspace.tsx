import { PlannedWorkspace } from '../../components/PlannedWorkspace.js';

export function KeystoreWorkspace() {
  return (
    <PlannedWorkspace
      title="Java keystores"
      summary="Find every JDK and its cacerts, and edit keystores safely through the JDK's own keytool."
      items={[
        'JDKs found on this machine with their cacerts',
        'entries listed fast, with expiry badges',
        'import with an alias, delete, rename, change the password, convert JKS ↔ PKCS#12',
        'a backup before every edit, restorable',
      ]}
    />
  );
}
