import type { PathProblem, PathProblemCode, Severity } from './types.js';

/** Collects problems for one path; checks call it instead of building arrays of their own. */
export type Report = (code: PathProblemCode, certIndex: number, detail: string) => void;

const WEAK_CODES = new Set<PathProblemCode>(['weak-key', 'weak-signature']);

/** How severe each kind of problem is for this verification (see VerifyOptions). */
export interface SeverityPolicy {
  readonly weakCrypto: Severity;
  readonly anchorFaults: Severity;
  /** Index of the trust anchor on the path, or -1 when the path is incomplete. */
  readonly anchorIndex: number;
}

/** A collector that grades problems by `policy`; anything it does not soften is an error. */
export function problemCollector(policy: SeverityPolicy): { readonly problems: PathProblem[]; readonly report: Report } {
  const problems: PathProblem[] = [];
  const severity = (code: PathProblemCode, index: number): Severity => {
    if (WEAK_CODES.has(code)) return policy.weakCrypto;
    if (code === 'nonconforming' && index === policy.anchorIndex) return policy.anchorFaults;
    return 'error';
  };
  const report: Report = (code, certIndex, detail) => void problems.push({ code, severity: severity(code, certIndex), certIndex, detail });
  return { problems, report };
}
