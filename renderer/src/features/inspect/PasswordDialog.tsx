import { useState, type FormEvent } from 'react';
import { Dialog, DialogActions } from '../../components/Dialog.js';
import type { PasswordPrompt } from './inspect-store.js';

/** Asks for the password of a PFX, keystore or encrypted key; the password goes to main only. */
export function PasswordDialog({ prompt, onSubmit, onCancel }: { prompt: PasswordPrompt; onSubmit(password: string): void; onCancel(): void }) {
  const [password, setPassword] = useState('');
  const submit = (e: FormEvent) => {
    e.preventDefault();
    onSubmit(password);
    setPassword('');
  };
  return (
    <Dialog title={`Password for ${prompt.request.name}`} onClose={onCancel}>
      <form className="dialog-form" onSubmit={submit}>
        <p role="status">{prompt.reason}</p>
        <label className="dialog-field">
          Password
          <input type="password" autoFocus value={password} onChange={(e) => setPassword(e.target.value)} autoComplete="off" />
        </label>
        <DialogActions>
          <button type="button" onClick={onCancel}>
            Cancel
          </button>
          <button type="submit" className="primary">
            Open
          </button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
