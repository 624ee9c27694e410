import { useKeystoreStore } from './keystore-store.js';

/** Whether an edit needs the store password the user has not given: asked inside the edit's own dialog. */
export function useStorePasswordNeeded(): boolean {
  return useKeystoreStore((s) => s.needsPassword || (s.store?.password === undefined && s.listing?.integrity === 'unverified'));
}

/** The store password field of an edit dialog (an edit rewrites the store, so keytool needs it). */
export function StorePasswordField({ value, onChange }: { value: string; onChange(value: string): void }) {
  const wrong = useKeystoreStore((s) => s.needsPassword);
  return (
    <label className="ks-field">
      Store password
      <input type="password" aria-label="Store password" value={value} onChange={(e) => onChange(e.target.value)} autoComplete="off" />
      <span className="hint" role={wrong ? 'alert' : undefined}>
        {wrong ? 'The keystore password is missing or wrong: enter the store password to change this store.' : 'This store was opened without its password; changing it needs the password.'}
      </span>
    </label>
  );
}
