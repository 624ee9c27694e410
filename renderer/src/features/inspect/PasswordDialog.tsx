import { useState, type FormEvent } from 'react';
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
    <div className="inspect-modal-backdrop">
      <form className="inspect-modal" role="dialog" aria-modal="true" aria-label="Password required" onSubmit={submit}>
        <h2>Password for {prompt.request.name}</h2>
        <p role="status">{prompt.reason}</p>
        <label>
          Password
          <input type="password" autoFocus value={password} onChange={(e) => setPassword(e.target.value)} autoComplete="off" />
        </label>
        <div className="inspect-modal-actions">
          <button type="button" onClick={onCancel}>
            Cancel
          </button>
          <button type="submit">Open</button>
        </div>
      </form>
    </div>
  );
}
