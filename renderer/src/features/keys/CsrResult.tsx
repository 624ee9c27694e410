import { CopyButton } from '../../components/CopyButton.js';
import { useKeysStore } from './keys-store.js';

/** The CSR just made: its PEM to copy, and the save buttons for the CSR and its key. */
export function CsrResult() {
  const { created, encryptKeyFile, setEncryptKeyFile, saveCsr, saveKey, busy } = useKeysStore();
  if (!created) return null;
  return (
    <section className="kc-result" aria-label="CSR result">
      <h2>
        CSR for {created.key.label}
        <CopyButton value={created.pem} label="Copy CSR" />
      </h2>
      <pre className="kc-pem" data-testid="csr-pem">
        {created.pem}
      </pre>
      <p className="hint">
        Key fingerprint (SPKI SHA-256) <code>{created.key.spkiSha256}</code>. The private key stays in Certbench ({created.key.source === 'vault' ? 'kept encrypted in its key folder' : 'this session only'}).
      </p>
      <div className="toolbar">
        <button type="button" className="primary" onClick={() => void saveCsr()} disabled={busy !== null}>
          Save CSR…
        </button>
        <button type="button" onClick={() => void saveKey()} disabled={busy !== null}>
          Save private key…
        </button>
        <label className="inline">
          <input type="checkbox" checked={!encryptKeyFile} onChange={(e) => setEncryptKeyFile(!e.target.checked)} /> Save the key unencrypted
        </label>
      </div>
      {!encryptKeyFile ? (
        <p className="kc-warnings" role="note">
          An unencrypted key file can be used by anyone who can read it. Keep it only where the appliance needs it.
        </p>
      ) : null}
    </section>
  );
}
