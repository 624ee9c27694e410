import { useState } from 'react';
import { Dialog, DialogActions } from '../../components/Dialog.js';
import { useKeystoreStore } from './keystore-store.js';
import { StorePasswordField, useStorePasswordNeeded } from './StorePasswordField.js';

/** Confirms a delete; the service backs the store up before keytool runs. */
export function DeleteDialog({ alias, onClose }: { alias: string; onClose: () => void }) {
  const deleteEntry = useKeystoreStore((s) => s.deleteEntry);
  const needsPassword = useStorePasswordNeeded();
  const [password, setPassword] = useState('');
  return (
    <Dialog title={`Delete "${alias}"?`} onClose={onClose}>
      <p>The entry is removed from the keystore. A backup is taken first and can be restored.</p>
      {needsPassword ? <StorePasswordField value={password} onChange={setPassword} /> : null}
      <DialogActions>
        <button type="button" onClick={onClose}>
          Cancel
        </button>
        <button type="button" className="danger" onClick={() => void deleteEntry(alias, password || undefined).then((ok) => ok && onClose())}>
          Delete
        </button>
      </DialogActions>
    </Dialog>
  );
}

export function RenameDialog({ alias, onClose }: { alias: string; onClose: () => void }) {
  const renameEntry = useKeystoreStore((s) => s.renameEntry);
  const needsPassword = useStorePasswordNeeded();
  const [password, setPassword] = useState('');
  const [newAlias, setNewAlias] = useState(alias);
  return (
    <Dialog title={`Rename "${alias}"`} onClose={onClose}>
      <label className="ks-field">
        New alias
        <input aria-label="New alias" value={newAlias} onChange={(e) => setNewAlias(e.target.value)} autoFocus />
      </label>
      <p className="hint">keytool stores aliases in lower case.</p>
      {needsPassword ? <StorePasswordField value={password} onChange={setPassword} /> : null}
      <DialogActions>
        <button type="button" onClick={onClose}>
          Cancel
        </button>
        <button
          type="button"
          disabled={newAlias.trim() === '' || newAlias.toLowerCase() === alias}
          onClick={() => void renameEntry(alias, newAlias.trim(), password || undefined).then((ok) => ok && onClose())}
        >
          Rename
        </button>
      </DialogActions>
    </Dialog>
  );
}
