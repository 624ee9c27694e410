import type { CsrSpec } from '../../../../shared/model/csr.js';
import type { SubjectField } from '../../../../shared/model/csr-constants.js';

/** The designer's subject fields in form order, with the labels errors are reported under. */
export const SUBJECT_FIELDS: readonly { field: SubjectField; label: string; placeholder: string }[] = [
  { field: 'CN', label: 'Common name (CN)', placeholder: 'app.example.com' },
  { field: 'O', label: 'Organization (O)', placeholder: 'Example Inc.' },
  { field: 'OU', label: 'Unit (OU)', placeholder: 'IT' },
  { field: 'L', label: 'City (L)', placeholder: 'Springfield' },
  { field: 'ST', label: 'State (ST)', placeholder: 'Oregon' },
  { field: 'C', label: 'Country (C)', placeholder: 'US' },
  { field: 'emailAddress', label: 'Email', placeholder: 'pki@example.com' },
];

/** Where a problem is, in the form's own words: "Country (C)", "SAN 5", not `subject.C` or `sans.4`. */
export function issuePlace(where: string): string {
  const [kind, key = ''] = where.split('.');
  if (kind === 'subject') return SUBJECT_FIELDS.find((f) => f.field === key)?.label ?? key;
  if (kind === 'sans' && /^\d+$/.test(key)) return `SAN ${Number(key) + 1}`;
  return where;
}

/** Nothing typed yet: the "enter a name" error would only scold an empty form. */
export const isPristine = (spec: CsrSpec): boolean =>
  Object.values(spec.subject).every((v) => !v?.trim()) && spec.sans.every((row) => row.value.trim() === '');
