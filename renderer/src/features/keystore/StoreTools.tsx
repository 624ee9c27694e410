import { useState } from 'react';
import { useKeystoreStore } from './keystore-store.js';
import { Dialog, DialogActions } from '../../components/Dialog.js';

/** Store-wide actions: password change, conversion, and the backups with restore. */
export function StoreTools() {
  const { listing, backups, changePassword, convert, restore } = useKeystoreStore();
  const [newPassword, setNewPassword] = useState('');
  const [restoring, setRestoring] = useState<string | null>(null);
  if (!listing) return null;
  return (
    <div className="ks-tools">
      <details>
        <summary>Change store password</summary>
        <form
          className="ks-path-form"
          onSubmit={(e) => {
            e.preventDefault();
            void changePassword(newPassword).then((ok) => ok && setNewPassword(''));
          }}
        >
          <input type="password" aria-label="New store password" value={newPassword} onChange={(e) => setNewPassword(e.target.value)} minLength={6} />
          <button type="submit" disabled={newPassword.length < 6}>
            Change password
          </button>
        </form>
      </details>
      <details>
        <summary>Convert</summary>
        <div className="toolbar">
          <button type="button" onClick={() => void convert('PKCS12')} disabled={listing.type === 'PKCS12'}>
            Save as PKCS12…
          </button>
          <button type="button" onClick={() => void convert('JKS')} disabled={listing.type === 'JKS'}>
            Save as JKS…
          </button>
        </div>
      </details>
      <details open={backups.length > 0}>
        <summary>Backups ({backups.length})</summary>
        <ul className="ks-backups" aria-label="Backups">
          {backups.map((b) => (
            <li key={b.id} data-backup={b.id}>
              <span>{new Date(b.createdAt).toLocaleString()}</span> <span className="hint">before: {b.operation}</span>
              <button type="button" onClick={() => setRestoring(b.id)} aria-label={`Restore backup ${b.id}`}>
                Restore
              </button>
            </li>
          ))}
        </ul>
      </details>
      {restoring ? (
        <Dialog title="Restore this backup?" onClose={() => setRestoring(null)}>
          <p>The keystore goes back to the state it had before that edit. Its current state is backed up first.</p>
          <DialogActions>
            <button type="button" onClick={() => setRestoring(null)}>
              Cancel
            </button>
            <button type="button" onClick={() => void restore(restoring).then(() => setRestoring(null))}>
              Restore
            </button>
          </DialogActions>
        </Dialog>
      ) : null}
    </div>
  );
}
