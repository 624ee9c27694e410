import type { CsrPlan } from '../../../shared/model/csr.js';
import type { JsonName } from '../../../shared/pki/x509.js';

/** The plan's subject as @peculiar/x509 JSON; `E` is its name for PKCS#9 emailAddress. */
export function planSubjectName(plan: Pick<CsrPlan, 'subject'>): JsonName {
  return plan.subject.map((a) => ({ [a.field === 'emailAddress' ? 'E' : a.field]: [a.value] }));
}
