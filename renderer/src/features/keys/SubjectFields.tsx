import { memo } from 'react';
import type { CsrIssue } from '../../../../shared/model/csr.js';
import type { SubjectField } from '../../../../shared/model/csr-constants.js';
import { useKeysStore } from './keys-store.js';

const FIELDS: readonly { field: SubjectField; label: string; placeholder: string }[] = [
  { field: 'CN', label: 'Common name (CN)', placeholder: 'app.example.com' },
  { field: 'O', label: 'Organization (O)', placeholder: 'Example Inc.' },
  { field: 'OU', label: 'Unit (OU)', placeholder: 'IT' },
  { field: 'L', label: 'City (L)', placeholder: 'Springfield' },
  { field: 'ST', label: 'State (ST)', placeholder: 'Oregon' },
  { field: 'C', label: 'Country (C)', placeholder: 'US' },
  { field: 'emailAddress', label: 'Email', placeholder: 'pki@example.com' },
];

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
