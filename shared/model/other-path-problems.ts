import type { ChainReport } from './chain.js';
import { LINT_PROBLEM_CODES } from './client-families.js';

/** A problem found only on an alternative path (not the best one, which diagnoses explain). */
export interface OtherPathProblem {
  readonly code: string;
  readonly certificate: string;
  readonly detail: string;
  /** The alternative path it was found on, leaf first. */
  readonly path: readonly string[];
}

/**
 * Problems of the non-chosen paths that the best path (`paths[0]`, the one diagnoses explain) does
 * not have: the tree marks them on their branch, so the Diagnoses list names them too. Lint codes
 * stay out, as they do in the tree.
 */
export function otherPathProblems(report: Pick<ChainReport, 'paths'>): OtherPathProblem[] {
  const [best, ...others] = report.paths;
  if (!best) return [];
  const seen = new Set(best.problems.map((p) => `${p.code}:${p.certificate}`));
  const out: OtherPathProblem[] = [];
  for (const path of others) {
    for (const p of path.problems) {
      const key = `${p.code}:${p.certificate}`;
      if (LINT_PROBLEM_CODES.has(p.code) || seen.has(key)) continue;
      seen.add(key);
      out.push({ code: p.code, certificate: p.certificate, detail: p.detail, path: path.certificates });
    }
  }
  return out;
}
