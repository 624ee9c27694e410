import { CopyButton } from '../../components/CopyButton.js';
import { useKeysStore, type CreatedCsr } from './keys-store.js';

/** The CSR just made: its PEM to copy, and the save buttons for the CSR and, when Certbench holds it, its key. */
export function CsrResult() {
  const { created, saveCsr, busy } = useKeysStore();
  if (!created) return null;
  return (
    <section className="kc-result" aria-label="CSR result">
      <h2>
        {created.kind === 'key' ? `CSR for ${created.key.label}` : `CSR for key pair "${created.alias}"`}
        <CopyButton value={created.pem} label="Copy CSR" />
      </h2>
      <pre className="kc-pem" data-testid="csr-pem">
        {created.pem}
      </pre>
      {created.kind === 'key' ? <HeldKey created={created} /> : <KeystoreKey created={created} />}
      <div className="toolbar">
        <button type="button" className="primary" onClick={() => void saveCsr()} disabled={busy !== null}>
          Save CSR…
        </button>
        {created.kind === 'key' ? <SaveKey /> : null}
      </div>
      {created.kind === 'key' ? <UnencryptedWarning /> : null}
    </section>
  );
}

function HeldKey({ created }: { created: Extract<CreatedCsr, { kind: 'key' }> }) {
  return (
    <p className="hint">
      Key fingerprint (SPKI SHA-256) <code>{created.key.spkiSha256}</code>. The private key stays in Certbench ({created.key.source === 'vault' ? 'kept encrypted in its key folder' : 'this session only'}).
    </p>
  );
}

/** keytool keeps the key: where it is, and how to undo the edit. */
function KeystoreKey({ created }: { created: Extract<CreatedCsr, { kind: 'keystore' }> }) {
  return (
    <p className="hint">
      The private key stays in {created.keystore} under alias <code>{created.alias}</code>; it never leaves the keystore.
      {created.backupId === undefined ? ' The keystore was created for it.' : ` The store as it was is backup ${created.backupId} (Java keystores → Backups, or certbench keystore restore ${created.backupId}).`}
    </p>
  );
}

function SaveKey() {
  const { saveKey, encryptKeyFile, setEncryptKeyFile, busy } = useKeysStore();
  return (
    <>
      <button type="button" onClick={() => void saveKey()} disabled={busy !== null}>
        Save private key…
      </button>
      <label className="inline">
        <input type="checkbox" checked={!encryptKeyFile} onChange={(e) => setEncryptKeyFile(!e.target.checked)} /> Save the key unencrypted
      </label>
    </>
  );
}

function UnencryptedWarning() {
  const encryptKeyFile = useKeysStore((s) => s.encryptKeyFile);
  if (encryptKeyFile) return null;
  return (
    <p className="kc-warnings" role="note">
      An unencrypted key file can be used by anyone who can read it. Keep it only where the appliance needs it.
    </p>
  );
}
