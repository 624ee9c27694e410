import { processPolicies, type PolicyInputs } from '../../../../shared/pki/chain/policy-tree.js';
import type { ParsedCert } from './parsed-cert.js';
import type { Report } from './report.js';

/**
 * Runs RFC 5280 §6.1 policy processing over a complete path (anchor last) and reports a `policy`
 * problem on the certificate where no acceptable policy remained.
 */
export function checkPolicies(certs: readonly (ParsedCert | undefined)[], inputs: PolicyInputs | undefined, report: Report): void {
  const last = certs.length - 1;
  if (last < 1 || certs.some((c) => !c)) return;
  const belowAnchor = certs.slice(0, last).reverse() as ParsedCert[];
  const outcome = processPolicies(
    belowAnchor.map((c) => ({ policy: c.ext.policy, selfIssued: c.selfIssued })),
    inputs,
  );
  if (!outcome.ok) {
    const index = last - outcome.position;
    report('policy', index, `${certs[index]!.label}: ${outcome.detail}`);
  }
}
