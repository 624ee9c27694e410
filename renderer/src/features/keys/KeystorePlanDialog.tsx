import { useState, type FormEvent } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { Dialog, DialogActions } from '../../components/Dialog.js';
import { useKeysStore, type JavaCsrPlan } from './keys-store.js';

/** What keytool will do to the store, as main planned and keeps it: store, backup, argv (passwords go by environment). */
function PlanView({ planned }: { planned: JavaCsrPlan }) {
  const { keystore } = planned;
  return (
    <section className="kc-keystore-plan" aria-label="Keystore plan">
      <p>
        New key pair <code>{keystore.alias}</code> in {keystore.path} ({keystore.storeType}).
      </p>
      {keystore.backup ? (
        <p>
          Backup: a copy of the store is saved in {keystore.backup.directory} first ("before: {keystore.backup.operation}"); restoring it undoes this.
        </p>
      ) : (
        <p>No file is there yet: a new {keystore.storeType} keystore (owner-only, mode 0600) is made.</p>
      )}
      <p>keytool runs on a private copy of the store, which is re-read and checked (new entry, other entries unchanged, the CSR carries the new key), then put in place:</p>
      <pre aria-label="keytool commands">{keystore.argv.map((argv) => [keystore.keytool, ...argv].join(' ')).join('\n')}</pre>
      <p>The CSR is then shown here, to copy or save.</p>
      {planned.plan.warnings.length > 0 ? (
        <ul className="kc-warnings" aria-label="Warnings">
          {planned.plan.warnings.map((w) => (
            <li key={w.message}>{w.message}</li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}

/**
 * The keystore destination's one dialog: the store password (asked here, never in a dialog behind
 * it), the plan main made with it, then Run. Cancel or Escape drops the kept plan; nothing is
 * written before Run.
 */
export function KeystorePlanDialog() {
  const open = useKeysStore((s) => s.javaPlan !== null && s.key.kind === 'keystore');
  // Mounted only while open: the typed password goes with the dialog, and a new one starts empty.
  return open ? <PlanDialog /> : null;
}

function PlanDialog() {
  const { javaPlan, key, busy, planJavaCsr, dropJavaPlan, runJavaPlan, cancelJavaPlan } = useKeysStore(
    useShallow((s) => ({
      javaPlan: s.javaPlan,
      key: s.key,
      busy: s.busy,
      planJavaCsr: s.planJavaCsr,
      dropJavaPlan: s.dropJavaPlan,
      runJavaPlan: s.runJavaPlan,
      cancelJavaPlan: s.cancelJavaPlan,
    })),
  );
  const [password, setPassword] = useState('');
  if (!javaPlan || key.kind !== 'keystore') return null;
  const planned = javaPlan.planned;
  const showPlan = (e: FormEvent) => {
    e.preventDefault();
    if (password.length > 0) void planJavaCsr(password);
  };
  return (
    <Dialog title="New key pair in a Java keystore" onClose={() => void cancelJavaPlan()} className="wide">
      <form onSubmit={showPlan} aria-label="Keystore password">
        <p>
          keytool makes key pair <code>{key.alias.trim()}</code> in {key.path} and signs the CSR with it.
        </p>
        <label className="kc-dialog-field">
          Store password
          <input
            type="password"
            aria-label="Store password"
            value={password}
            onChange={(e) => {
              setPassword(e.target.value);
              // A plan holds only for the password it was made with.
              void dropJavaPlan();
            }}
            autoComplete="off"
            autoFocus
          />
          <span className="hint">Goes to keytool through its environment, never on its command line.</span>
        </label>
        {planned ? null : (
          <button type="submit" disabled={password.length === 0 || busy !== null}>
            Show plan
          </button>
        )}
      </form>
      {javaPlan.problem ? (
        <p className="kc-warnings" role="alert">
          {javaPlan.problem}
        </p>
      ) : null}
      {planned ? <PlanView planned={planned} /> : null}
      {busy ? (
        <p className="hint" role="status">
          {busy}…
        </p>
      ) : null}
      <DialogActions>
        <button type="button" onClick={() => void cancelJavaPlan()}>
          Cancel
        </button>
        <button type="button" className="primary" disabled={!planned || busy !== null} onClick={() => void runJavaPlan()}>
          Run
        </button>
      </DialogActions>
    </Dialog>
  );
}
