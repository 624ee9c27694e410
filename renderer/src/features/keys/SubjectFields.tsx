import { memo } from 'react';
import type { CsrIssue } from '../../../../shared/model/csr.js';
import { SUBJECT_FIELDS as FIELDS } from './issue-places.js';
import { useKeysStore } from './keys-store.js';


/** The subject attributes, each with the error the shared validator found for it. */
export const SubjectFields = memo(function SubjectFields({ errors }: { errors: readonly CsrIssue[] }) {
  const subject = useKeysStore((s) => s.spec.subject);
  const setSubject = useKeysStore((s) => s.setSubject);
  return (
    <fieldset className="kc-subject">
      <legend>Subject</legend>
      {FIELDS.map(({ field, label, placeholder }) => {
        const error = errors.find((e) => e.where === `subject.${field}`);
        return (
          <label key={field} className={error ? 'invalid' : undefined}>
            <span>{label}</span>
            <input aria-label={label} placeholder={placeholder} value={subject[field] ?? ''} aria-invalid={error ? true : undefined} onChange={(e) => setSubject(field, e.target.value)} />
            {error ? <span className="kc-error">{error.message}</span> : null}
          </label>
        );
      })}
    </fieldset>
  );
});
