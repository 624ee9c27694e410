import { useState } from 'react';
import { useKeystoreStore } from './keystore-store.js';
import { Modal } from './Modal.js';

/** Confirms a delete; the service backs the store up before keytool runs. */
export function DeleteDialog({ alias, onClose }: { alias: string; onClose: () => void }) {
  const deleteEntry = useKeystoreStore((s) => s.deleteEntry);
  return (
    <Modal title={`Delete "${alias}"?`} onClose={onClose}>
      <p>The entry is removed from the keystore. A backup is taken first and can be restored.</p>
      <div className="ks-modal-actions">
        <button type="button" onClick={onClose}>
          Cancel
        </button>
        <button type="button" className="danger" onClick={() => void deleteEntry(alias).then((ok) => ok && onClose())}>
          Delete
        </button>
      </div>
    </Modal>
  );
}

export function RenameDialog({ alias, onClose }: { alias: string; onClose: () => void }) {
  const renameEntry = useKeystoreStore((s) => s.renameEntry);
  const [newAlias, setNewAlias] = useState(alias);
  return (
    <Modal title={`Rename "${alias}"`} onClose={onClose}>
      <label className="ks-field">
        New alias
        <input aria-label="New alias" value={newAlias} onChange={(e) => setNewAlias(e.target.value)} autoFocus />
      </label>
      <p className="hint">keytool stores aliases in lower case.</p>
      <div className="ks-modal-actions">
        <button type="button" onClick={onClose}>
          Cancel
        </button>
        <button
          type="button"
          disabled={newAlias.trim() === '' || newAlias.toLowerCase() === alias}
          onClick={() => void renameEntry(alias, newAlias.trim()).then((ok) => ok && onClose())}
        >
          Rename
        </button>
      </div>
    </Modal>
  );
}
