import type { PathProblem, PathProblemCode, Severity } from './types.js';

/** Collects problems for one path; checks call it instead of building arrays of their own. */
export type Report = (code: PathProblemCode, certIndex: number, detail: string) => void;

const WEAK_CODES = new Set<PathProblemCode>(['weak-key', 'weak-signature']);

/** A collector whose weak-crypto problems get `weakSeverity`; every other problem is an error. */
export function problemCollector(weakSeverity: Severity): { readonly problems: PathProblem[]; readonly report: Report } {
  const problems: PathProblem[] = [];
  const report: Report = (code, certIndex, detail) =>
    void problems.push({ code, severity: WEAK_CODES.has(code) ? weakSeverity : 'error', certIndex, detail });
  return { problems, report };
}
