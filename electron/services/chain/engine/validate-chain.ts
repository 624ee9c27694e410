import { buildPaths } from './build-paths.js';
import { verifyPath } from './verify-path.js';
import type { BuildInput, ChainValidation, VerifiedPath, VerifyOptions } from './types.js';

/**
 * Builds every path and verifies each, best first: valid paths, then complete ones, then fewer
 * errors, then fewer warnings, then shorter (RFC 4158 §3.5 prefers short paths). `trusted` when the best is valid.
 */
export function validateChain(input: BuildInput, options: VerifyOptions): ChainValidation {
  const verified: VerifiedPath[] = buildPaths(input).map((path) => ({ path, verdict: verifyPath(path, options) }));
  const ranked = verified
    .map((v, order) => ({ v, order }))
    .sort(
      (a, b) =>
        Number(b.v.verdict.valid) - Number(a.v.verdict.valid) ||
        Number(b.v.path.end === 'anchor') - Number(a.v.path.end === 'anchor') ||
        errors(a.v) - errors(b.v) ||
        a.v.verdict.problems.length - b.v.verdict.problems.length ||
        a.v.path.certs.length - b.v.path.certs.length ||
        a.order - b.order,
    )
    .map((x) => x.v);
  return { trusted: ranked[0]?.verdict.valid ?? false, paths: ranked };
}

const errors = (v: VerifiedPath): number => v.verdict.problems.filter((p) => p.severity === 'error').length;
