import type { ChainPath } from '../../../../shared/model/chain.js';

/**
 * Best path first: trusted, then anchored, then with fewer problems, then shorter (what a client
 * that tries every path ends up using, RFC 4158 §3).
 */
export function rankPaths(paths: readonly ChainPath[]): ChainPath[] {
  const score = (p: ChainPath): number[] => [p.trusted ? 0 : 1, p.end === 'anchor' ? 0 : 1, p.problems.length, p.certificates.length];
  return paths
    .map((path, index) => ({ path, index, key: score(path) }))
    .sort((a, b) => {
      for (let i = 0; i < a.key.length; i++) if (a.key[i] !== b.key[i]) return a.key[i]! - b.key[i]!;
      return a.index - b.index;
    })
    .map((x) => x.path);
}
