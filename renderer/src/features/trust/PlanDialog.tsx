import { describeStep } from '../../../../shared/model/trust-plan-text.js';
import { Dialog, DialogActions } from '../../components/Dialog.js';
import { useTrustStore, type PendingChange } from './trust-store.js';

/**
 * The plan preview: warnings, whether administrator rights are needed, and the exact commands,
 * shown before anything runs. Nothing happens until the user confirms.
 */
export function PlanDialog({ pending }: { pending: PendingChange }) {
  const { confirm, cancel } = useTrustStore();
  const { plan } = pending;
  const title = `${plan.action === 'add' ? 'Add to' : 'Remove from'} ${plan.storeId}`;
  return (
    <Dialog title={title} onClose={cancel} className="wide">
      <p className="hint">SHA-256 {plan.sha256}</p>
      {plan.warnings.map((w) => (
        <p key={w} className="trust-warning" role="alert">
          {w}
        </p>
      ))}
      {plan.alreadyDone ? (
        <p>Nothing to do: the store {plan.action === 'add' ? 'already holds' : 'does not hold'} this certificate.</p>
      ) : (
        <>
          <p>{plan.needsElevation ? 'Needs administrator rights: your system will ask for them.' : 'Runs with your own rights.'}</p>
          <ol className="trust-plan" aria-label="Plan steps">
            {plan.steps.map((s, i) => (
              <li key={i}>
                <code>{describeStep(s)}</code>
                {s.note ? <span className="hint"> {s.note}</span> : null}
              </li>
            ))}
          </ol>
        </>
      )}
      <DialogActions>
        <button type="button" onClick={cancel}>
          Cancel
        </button>
        {plan.alreadyDone ? null : (
          <button type="button" className={plan.action === 'remove' ? 'danger' : 'primary'} onClick={() => void confirm()}>
            {plan.action === 'add' ? 'Add' : 'Remove'}
          </button>
        )}
      </DialogActions>
    </Dialog>
  );
}
