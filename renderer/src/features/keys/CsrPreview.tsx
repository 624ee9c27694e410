import type { CsrPlan } from '../../../../shared/model/csr.js';
import { issuePlace } from './issue-places.js';

/** Live preview: exactly what the CSR will contain, with blocking errors and advisory warnings. */
export function CsrPreview({ plan, pristine }: { plan: CsrPlan; pristine: boolean }) {
  const subject = plan.subject.map((a) => `${a.field}=${a.value}`).join(', ');
  return (
    <aside className="kc-preview" aria-label="CSR preview">
      <h2>The CSR will contain</h2>
      <dl>
        <dt>Subject</dt>
        <dd data-preview="subject">{subject || '(empty)'}</dd>
        <dt>SANs</dt>
        <dd>
          <ul data-preview="sans">
            {plan.sans.map((s) => (
              <li key={`${s.type}:${s.value}`}>
                <code>{s.type.toUpperCase()}</code> {s.value}
              </li>
            ))}
          </ul>
          {plan.sans.length === 0 ? '(none)' : null}
        </dd>
        <dt>Key</dt>
        <dd data-preview="key">{plan.key.label}</dd>
        <dt>Signature</dt>
        <dd>{plan.key.family === 'ed25519' ? 'Ed25519' : plan.hash}</dd>
        <dt>Usage</dt>
        <dd>{[...plan.keyUsage, ...plan.extendedKeyUsage].join(', ') || '(none requested)'}</dd>
      </dl>
      {plan.notes.map((n) => (
        <p key={n} className="hint">
          IDN: {n}
        </p>
      ))}
      {pristine ? (
        <p className="hint">Enter a Common Name or a SAN to see the CSR.</p>
      ) : plan.errors.length > 0 ? (
        <ul className="kc-errors" aria-label="Errors">
          {plan.errors.map((e) => (
            <li key={`${e.where}${e.message}`}>
              {issuePlace(e.where)}: {e.message}
            </li>
          ))}
        </ul>
      ) : null}
      {plan.warnings.length > 0 ? (
        <ul className="kc-warnings" aria-label="Warnings">
          {plan.warnings.map((w) => (
            <li key={`${w.where}${w.message}`}>{w.message}</li>
          ))}
        </ul>
      ) : null}
    </aside>
  );
}
