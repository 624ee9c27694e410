import { useState } from 'react';
import { Dialog, DialogActions } from '../../components/Dialog.js';
import { useKeystoreStore, type PendingImport } from './keystore-store.js';
import { AliasTakenPlan } from './ReplacePlan.js';
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
      {taken ? <AliasTakenPlan plan={pending} /> : null}
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
