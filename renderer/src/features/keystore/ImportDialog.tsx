import { useState } from 'react';
import { Dialog, DialogActions } from '../../components/Dialog.js';
import { useKeystoreStore, type PendingImport } from './keystore-store.js';
import { StorePasswordField, useStorePasswordNeeded } from './StorePasswordField.js';

/**
 * The alias dialog of an import: the suggested alias, what is already in the store, the store
 * password when the store was opened without it, and — when the alias is taken — the choice
 * between replacing that entry and picking another alias.
 */
export function ImportDialog({ pending }: { pending: PendingImport }) {
  const { confirmImport, cancelImport, planImport } = useKeystoreStore();
  const needsPassword = useStorePasswordNeeded();
  const first = pending.items[0]!;
  const [alias, setAlias] = useState(first.alias);
  const [storePassword, setStorePassword] = useState('');
  const bundle = pending.items.length > 1;
  const checkAlias = () => void planImport({ name: pending.name, base64: pending.base64 }, alias);
  const taken = first.aliasTaken && first.alias === alias.toLowerCase();
  return (
    <Dialog title={`Import ${pending.name}`} onClose={cancelImport}>
      <ul className="ks-import-items">
        {pending.items.map((item) => (
          <li key={item.sha256}>
            <span className="ks-subject">{item.subject}</span>
            {item.presentAs !== undefined ? (
              <span className="ks-note" role="note">
                Already in the store under alias "{item.presentAs}" — it will not be imported again
              </span>
            ) : null}
          </li>
        ))}
      </ul>
      <label className="ks-field">
        {bundle ? 'Alias (the first certificate; the others get -2, -3…)' : 'Alias'}
        <input aria-label="Alias" value={alias} onChange={(e) => setAlias(e.target.value)} onBlur={checkAlias} autoFocus />
      </label>
      {taken ? (
        <>
          <p className="ks-conflict" role="alert">
            Alias "{first.alias}" already exists in this keystore. Replace that entry, or choose another alias.
          </p>
          <ReplacePlan pending={pending} />
        </>
      ) : null}
      {needsPassword ? <StorePasswordField value={storePassword} onChange={setStorePassword} /> : null}
      <DialogActions>
        <button type="button" onClick={cancelImport}>
          Cancel
        </button>
        {taken ? (
          <button type="button" className="danger" onClick={() => void confirmImport(alias, true, storePassword || undefined)}>
            Replace
          </button>
        ) : null}
        <button type="button" disabled={alias.trim() === ''} onClick={() => void confirmImport(alias.trim(), false, storePassword || undefined)}>
          Import
        </button>
      </DialogActions>
    </Dialog>
  );
}

type PlannedCertificate = Pick<PendingImport['items'][number], 'subject' | 'serial' | 'notAfter' | 'sha256'>;

function CertificateFacts({ label, cert }: { label: string; cert: PlannedCertificate }) {
  return (
    <dl aria-label={label}>
      <dt>{label}</dt>
      <dd>{cert.subject}</dd>
      <dd>Serial {cert.serial}</dd>
      <dd>Not after {cert.notAfter}</dd>
      <dd>SHA-256 {cert.sha256}</dd>
    </dl>
  );
}

/** What Replace will do, before it is pressed: the certificate that goes, the one that comes, the backup and keytool's argv. */
function ReplacePlan({ pending }: { pending: PendingImport }) {
  const first = pending.items[0]!;
  return (
    <section className="ks-replace-plan" aria-label="Replace plan">
      {first.replaces ? <CertificateFacts label="Replaced certificate" cert={first.replaces} /> : null}
      <CertificateFacts label="New certificate" cert={first} />
      <p>
        A backup of {pending.path} is saved in {pending.backup.directory} first.
      </p>
      <details>
        <summary>keytool commands (run on a private copy, checked, then renamed over the store)</summary>
        <pre>{first.keytool.map((argv) => [pending.keytool, ...argv].join(' ')).join('\n')}</pre>
      </details>
    </section>
  );
}
