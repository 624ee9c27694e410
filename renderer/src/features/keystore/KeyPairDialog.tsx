import { useState, type ChangeEvent } from 'react';
import { Dialog, DialogActions } from '../../components/Dialog.js';
import { useKeystoreStore, type KeystoreImportPlan } from './keystore-store.js';
import { AliasTakenPlan } from './ReplacePlan.js';
import { StorePasswordField, useStorePasswordNeeded } from './StorePasswordField.js';

/**
 * Key pair import from a PFX/P12: its password and the alias in this store. Import plans first; when
 * the alias is taken it imports nothing and shows what Replace would do, which then runs that plan.
 */
export function KeyPairDialog({ name }: { name: string }) {
  const { planKeyPair, confirmKeyPair, cancelImport } = useKeystoreStore();
  const needsPassword = useStorePasswordNeeded();
  const [storePassword, setStorePassword] = useState('');
  const [password, setPassword] = useState('');
  const [alias, setAlias] = useState('');
  // A plan holds only for the password and alias it was made with.
  const [plan, setPlan] = useState<KeystoreImportPlan | null>(null);
  const typed = (set: (value: string) => void) => (e: ChangeEvent<HTMLInputElement>) => {
    set(e.target.value);
    setPlan(null);
  };
  const storePasswordOrNone = () => storePassword || undefined;
  const importKeyPair = async () => {
    const planned = await planKeyPair(password, alias.trim(), storePasswordOrNone());
    if (!planned) return;
    if (planned.items[0]?.aliasTaken) setPlan(planned);
    else await confirmKeyPair(password, alias.trim(), null, storePasswordOrNone());
  };
  return (
    <Dialog title={`Import key pair from ${name}`} onClose={cancelImport}>
      <label className="ks-field">
        PFX password
        <input type="password" aria-label="PFX password" value={password} onChange={typed(setPassword)} autoFocus />
      </label>
      <label className="ks-field">
        Alias (empty: the PFX's own)
        <input aria-label="Key pair alias" value={alias} onChange={typed(setAlias)} />
      </label>
      {plan ? <AliasTakenPlan plan={plan} /> : null}
      {needsPassword ? <StorePasswordField value={storePassword} onChange={setStorePassword} /> : null}
      <DialogActions>
        <button type="button" onClick={cancelImport}>
          Cancel
        </button>
        {plan ? (
          <button type="button" className="danger" onClick={() => void confirmKeyPair(password, alias.trim(), plan, storePasswordOrNone())}>
            Replace
          </button>
        ) : (
          <button type="button" onClick={() => void importKeyPair()}>
            Import key pair
          </button>
        )}
      </DialogActions>
    </Dialog>
  );
}
