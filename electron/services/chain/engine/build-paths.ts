import type { CertScan } from '../../../../shared/pki/cert-scan.js';
import { scanOnce } from './scan-once.js';
import { CandidatePool, logicalKeyOf, type Candidate } from './candidate-pool.js';
import type { BuildInput, CertPath, PathCert, PathEnd } from './types.js';

const DEFAULT_MAX_PATHS = 16;
const DEFAULT_MAX_DEPTH = 10;
/** Issuer lookups per build: bounds the search on adversarial input (cross-sign meshes, RFC 4158 §5.2). */
const STEP_BUDGET = 4096;

interface Node {
  readonly scan: CertScan;
  readonly cert: PathCert;
  readonly logicalKey: string;
}

/**
 * Every path from the leaf towards an anchor (RFC 4158 forward building, depth first, most promising
 * issuer first). Complete paths come first, then dead ends (each is one path to "the last reachable
 * certificate", so a missing intermediate or an untrusted root is visible). A certificate whose
 * subject and key are already on the path is not added again, which breaks cross-sign loops
 * (RFC 4158 §5.2). Throws CertbenchError `parse`/`truncated` when the leaf is not a certificate.
 */
export function buildPaths(input: BuildInput): CertPath[] {
  const leaf = scanOnce(input.leaf);
  const pool = new CandidatePool(input.intermediates, input.anchors);
  return buildFromPool(leaf, pool, input.maxPaths ?? DEFAULT_MAX_PATHS, input.maxDepth ?? DEFAULT_MAX_DEPTH);
}

/** Path building over an already indexed pool (see buildPaths). */
function buildFromPool(leaf: CertScan, pool: CandidatePool, maxPaths: number, maxDepth: number): CertPath[] {
  const leafNode: Node = { scan: leaf, logicalKey: logicalKeyOf(leaf), cert: { der: leaf.der, sha256: leaf.sha256, origin: 'leaf', inputIndex: 0 } };
  if (pool.isAnchor(leaf)) return [{ certs: [leafNode.cert], end: 'anchor' }];
  const complete: CertPath[] = [];
  const partial: CertPath[] = [];
  const stack: Node[] = [leafNode];
  // Certificates and logical CAs on the current path (RFC 4158 §5.2: never revisit either).
  const onPath = new Set<string>([leaf.sha256, leafNode.logicalKey]);
  let steps = 0;
  const finish = (end: PathEnd) => {
    const target = end === 'anchor' ? complete : partial;
    if (target.length < maxPaths) target.push({ certs: stack.map((n) => n.cert), end });
  };
  const walk = (): void => {
    if (complete.length >= maxPaths || steps++ >= STEP_BUDGET) return;
    const top = stack[stack.length - 1]!;
    if (stack.length >= maxDepth) return finish('depth-limit');
    const issuers = pool.issuersOf(top.scan);
    const fresh = issuers.filter((c) => !onPath.has(c.scan.sha256) && !onPath.has(c.logicalKey));
    if (fresh.length === 0) {
      if (top.scan.selfIssued && issuers.some((c) => c.scan.sha256 === top.scan.sha256)) return finish('self-signed');
      return finish(issuers.length > 0 ? 'cycle' : top.scan.selfIssued ? 'self-signed' : 'issuer-not-found');
    }
    for (const c of fresh) {
      stack.push(toNode(c));
      onPath.add(c.scan.sha256).add(c.logicalKey);
      if (c.origin === 'anchor') finish('anchor');
      else walk();
      onPath.delete(c.scan.sha256);
      onPath.delete(c.logicalKey);
      stack.pop();
      if (complete.length >= maxPaths || steps >= STEP_BUDGET) return;
    }
  };
  walk();
  return [...complete, ...partial];
}

function toNode(c: Candidate): Node {
  return { scan: c.scan, logicalKey: c.logicalKey, cert: { der: c.scan.der, sha256: c.scan.sha256, origin: c.origin, inputIndex: c.inputIndex } };
}
