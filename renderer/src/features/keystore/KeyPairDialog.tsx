import { useState } from 'react';
import { Dialog, DialogActions } from '../../components/Dialog.js';
import { useKeystoreStore } from './keystore-store.js';
import { StorePasswordField, useStorePasswordNeeded } from './StorePasswordField.js';

/** Key pair import from a PFX/P12: its password, the alias in this store, and whether to replace. */
export function KeyPairDialog({ name }: { name: string }) {
  const { confirmKeyPair, cancelImport } = useKeystoreStore();
  const needsPassword = useStorePasswordNeeded();
  const [storePassword, setStorePassword] = useState('');
  const [password, setPassword] = useState('');
  const [alias, setAlias] = useState('');
  const [replace, setReplace] = useState(false);
  return (
    <Dialog title={`Import key pair from ${name}`} onClose={cancelImport}>
      <label className="ks-field">
        PFX password
        <input type="password" aria-label="PFX password" value={password} onChange={(e) => setPassword(e.target.value)} autoFocus />
      </label>
      <label className="ks-field">
        Alias (empty: the PFX's own)
        <input aria-label="Key pair alias" value={alias} onChange={(e) => setAlias(e.target.value)} />
      </label>
      <label>
        <input type="checkbox" checked={replace} onChange={(e) => setReplace(e.target.checked)} /> Replace an entry with the same alias
      </label>
      {needsPassword ? <StorePasswordField value={storePassword} onChange={setStorePassword} /> : null}
      <DialogActions>
        <button type="button" onClick={cancelImport}>
          Cancel
        </button>
        <button type="button" onClick={() => void confirmKeyPair(password, alias.trim(), replace, storePassword || undefined)}>
          Import key pair
        </button>
      </DialogActions>
    </Dialog>
  );
}
