import type { ChainReport } from './chain.js';
import { LINT_PROBLEM_CODES } from './client-families.js';

/** How a tree node is coloured: on a trusted path, with an error, with a warning, or neither. */
export type NodeStatus = 'trusted' | 'error' | 'warning' | 'untrusted' | 'missing';

/** One node of the chain tree: a certificate (or a missing issuer) and the issuers above it. */
export interface ChainTreeNode {
  /** Unique per position: the path prefix from the leaf. */
  readonly key: string;
  readonly sha256?: string;
  /** For a missing-issuer placeholder: the issuer DN nobody presented. */
  readonly missingIssuer?: string;
  readonly status: NodeStatus;
  readonly problems: readonly { readonly code: string; readonly detail: string }[];
  readonly anchorSource?: string;
  readonly children: ChainTreeNode[];
}

interface Mutable {
  key: string;
  sha256?: string;
  missingIssuer?: string;
  trusted: boolean;
  problems: Map<string, { code: string; detail: string }>;
  anchorSource?: string;
  children: Map<string, Mutable>;
}

/** Presented certificates on no path at all (strays), which the tree cannot show. */
export function certificatesOffPath(report: ChainReport): string[] {
  const used = new Set(report.paths.flatMap((p) => p.certificates));
  return [...new Set(report.presented)].filter((sha) => !used.has(sha));
}

/**
 * Merges every path (leaf first) into one tree rooted at the leaf; the view draws it upside down,
 * anchors on top, so alternative paths (cross-signs) appear as branches.
 */
export function buildChainTree(report: ChainReport): ChainTreeNode | null {
  const first = report.paths[0];
  if (!first) return null;
  const root: Mutable = node(first.certificates[0]!, first.certificates[0]!);
  for (const path of report.paths) {
    let current = root;
    current.trusted ||= path.trusted;
    addProblems(current, path.problems, current.sha256!);
    for (let i = 1; i < path.certificates.length; i++) {
      const sha = path.certificates[i]!;
      const key = `${current.key}>${sha}`;
      const next = current.children.get(sha) ?? node(sha, key);
      current.children.set(sha, next);
      current = next;
      current.trusted ||= path.trusted;
      addProblems(current, path.problems, sha);
    }
    if (path.end === 'anchor') current.anchorSource ??= path.anchorSource;
    if (path.end === 'issuer-not-found') {
      const issuer = report.certificates.find((c) => c.sha256 === current.sha256)?.summary.issuer ?? '';
      const key = `${current.key}>missing`;
      current.children.set('missing', { ...node('', key), sha256: undefined, missingIssuer: issuer });
    }
  }
  return freeze(root, report);
}

function node(sha256: string, key: string): Mutable {
  return { key, sha256, trusted: false, problems: new Map(), children: new Map() };
}

function addProblems(target: Mutable, problems: ChainReport['paths'][number]['problems'], sha: string): void {
  for (const p of problems) {
    if (p.certificate === sha && !LINT_PROBLEM_CODES.has(p.code)) target.problems.set(`${p.code}:${p.detail}`, { code: p.code, detail: p.detail });
  }
}

function freeze(m: Mutable, report: ChainReport): ChainTreeNode {
  // Only diagnoses about this one certificate colour it; set-wide ones (wrong order) would tint them all.
  const named = report.diagnoses.filter((d) => m.sha256 !== undefined && d.certificates.length === 1 && d.certificates[0] === m.sha256);
  const status: NodeStatus = m.missingIssuer !== undefined
    ? 'missing'
    : m.problems.size > 0 || named.some((d) => d.severity === 'error')
      ? 'error'
      : named.some((d) => d.severity === 'warning')
        ? 'warning'
        : m.trusted
          ? 'trusted'
          : 'untrusted';
  return {
    key: m.key,
    sha256: m.sha256,
    missingIssuer: m.missingIssuer,
    status,
    problems: [...m.problems.values()],
    anchorSource: m.anchorSource,
    children: [...m.children.values()].map((c) => freeze(c, report)),
  };
}
