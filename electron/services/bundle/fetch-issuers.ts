import type { BundleProblem } from '../../../shared/model/keys-bundle.js';
import { completeWithAia } from '../chain/aia/aia-resolver.js';
import type { PooledCertificate } from './order-chain.js';

const AIA_LIMITS = { maxBytes: 1024 * 1024, timeoutMs: 10_000 } as const;

/** Downloads the missing issuers named by AIA caIssuers, reusing the chain engineer's resolver. */
export async function fetchMissingIssuers(top: PooledCertificate, progress: (label: string) => void): Promise<{ certificates: Uint8Array[]; problems: BundleProblem[] }> {
  const attempts = await completeWithAia([top.der], { ...AIA_LIMITS, hasIssuer: () => false, onProgress: progress });
  return {
    certificates: attempts.flatMap((a) => a.certificates),
    problems: attempts.filter((a) => a.error).map((a) => ({ severity: 'warning' as const, message: `Could not download the issuer from ${a.url}: ${a.error}` })),
  };
}
