/**
 * The chain engine: path building (RFC 4158) and path verification (RFC 5280 §6 including policy
 * processing and, when CRLs are given, revocation; RFC 6125 host matching; CA/B Forum profile
 * rules) over DER certificates. Plain Node (signatures use node:crypto), synchronous, no I/O:
 * fetching, trust sources and diagnoses live in the chain service on top.
 *
 * Typical use:
 * ```ts
 * const result = validateChain({ leaf, intermediates, anchors }, { at: new Date(), host: 'example.com', purpose: 'serverAuth' });
 * result.trusted;                   // best path valid?
 * result.paths[0].path.certs;       // leaf first; .origin/.inputIndex map back to the inputs
 * result.paths[0].verdict.problems; // [{ code: 'expired', severity: 'error', certIndex: 1, detail: '…' }, …]
 * ```
 * Defaults follow TLS clients at their strictest (pyca/CA-B Forum: `profile: 'webpki'`, SHA-1 and
 * small keys are errors). Private PKIs issued without the CA/B rules (a v1 leaf, no key identifiers,
 * non-critical basicConstraints, DSA) pass under `profile: 'rfc5280'`, the RFC 5280 §6 algorithm alone.
 *
 * Errors: only an unreadable `leaf` throws (CertbenchError `parse`/`truncated`); unreadable
 * intermediates or anchors are skipped, since they cannot be on a path. Every search is bounded
 * (`maxPaths`, `maxDepth`, an internal step budget), so cross-sign loops and huge candidate sets
 * cannot hang a call; 10,000 distractors cost a few milliseconds of indexing.
 */
export { buildPaths } from './build-paths.js';
export { verifyPath } from './verify-path.js';
export { validateChain } from './validate-chain.js';
export { PATH_PROBLEM_CODES } from './types.js';
export type {
  BuildInput,
  CertOrigin,
  CertPath,
  ChainValidation,
  PathCert,
  PathEnd,
  PathProblem,
  PathProblemCode,
  PathVerdict,
  PolicyInputs,
  Profile,
  Purpose,
  Severity,
  VerifiedPath,
  VerifyOptions,
} from './types.js';
