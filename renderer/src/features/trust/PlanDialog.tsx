import type { IssuedPlan } from '../../../../shared/model/trust.js';
import { describeSafeguards, describeStep } from '../../../../shared/model/trust-plan-text.js';
import { Dialog, DialogActions } from '../../components/Dialog.js';
import { useTrustStore, type PendingChange } from './trust-store.js';

/** One plan: the OS it is for, warnings, side effects, rights, and the exact commands. */
function PlanView({ plan }: { plan: IssuedPlan }) {
  return (
    <section className="trust-plan-view" aria-label={`Plan for ${plan.storeId}`}>
      <h3>
        {plan.action === 'add' ? 'Add to' : 'Remove from'} {plan.storeId} <span className="hint">· steps for {plan.platform}</span>
      </h3>
      {plan.warnings.map((w) => (
        <p key={w} className="trust-warning" role="alert">
          {w}
        </p>
      ))}
      {plan.alreadyDone ? (
        <p>Nothing to do: the store {plan.action === 'add' ? 'already holds' : 'does not hold'} this certificate.</p>
      ) : (
        <>
          {plan.runnableHere ? null : <p className="trust-warning">A plan for another OS: copy these steps to run them there; nothing runs here.</p>}
          <p>{plan.needsElevation ? 'Needs administrator rights: your system will ask for them.' : 'Runs with your own rights.'}</p>
          <ol className="trust-plan" aria-label="Plan steps">
            {plan.steps.map((s, i) => (
              <li key={i}>
                <code>{describeStep(s)}</code>
                {s.note ? <span className="hint"> {s.note}</span> : null}
              </li>
            ))}
          </ol>
          {describeSafeguards(plan).map((line) => (
            <p key={line} className="hint">
              {line}
            </p>
          ))}
          {plan.sideEffects.length > 0 ? (
            <ul className="trust-side-effects" aria-label="Also changes">
              {plan.sideEffects.map((e) => (
                <li key={e}>Also: {e}</li>
              ))}
            </ul>
          ) : null}
        </>
      )}
    </section>
  );
}

/**
 * The plan preview: every plan main will run, exactly as it will run them, and the stores left
 * out with the reason. Nothing happens until the user confirms; Cancel drops the kept plans.
 */
export function PlanDialog({ pending }: { pending: PendingChange }) {
  const { confirm, cancel } = useTrustStore();
  const runnable = pending.plans.filter((p) => !p.alreadyDone && p.runnableHere).length;
  const action = pending.plans[0]?.action === 'remove' ? 'Remove' : 'Add';
  return (
    <Dialog title={pending.title} onClose={() => void cancel()} className="wide">
      {pending.plans[0] ? <p className="hint">SHA-256 {pending.plans[0].sha256}</p> : null}
      {pending.plans.map((plan) => (
        <PlanView key={plan.planId} plan={plan} />
      ))}
      {pending.skipped.length > 0 ? (
        <ul className="trust-skipped" aria-label="Left out">
          {pending.skipped.map((s) => (
            <li key={s.store.id}>
              {s.store.displayName}: {s.reason}
            </li>
          ))}
        </ul>
      ) : null}
      <DialogActions>
        <button type="button" onClick={() => void cancel()}>
          Cancel
        </button>
        {runnable === 0 ? null : (
          <button type="button" className={action === 'Remove' ? 'danger' : 'primary'} onClick={() => void confirm()}>
            {runnable > 1 ? `${action} in ${runnable} stores` : action}
          </button>
        )}
      </DialogActions>
    </Dialog>
  );
}
