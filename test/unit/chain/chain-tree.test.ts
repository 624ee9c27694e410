import { describe, expect, it } from 'vitest';
import type { ChainReport } from '../../../shared/model/chain.js';
import { buildChainTree, certificatesOffPath } from '../../../shared/model/chain-tree.js';

const summary = (subject: string, issuer: string) => ({
  subject, subjectRfc4514: subject, issuer, issuerRfc4514: issuer, serial: '01', notBefore: '2026-01-01T00:00:00.000Z', notAfter: '2027-01-01T00:00:00.000Z', daysLeft: 100,
  expiry: 'ok' as const, sha1: '', sha256: '', sans: [], isCA: true, selfSigned: subject === issuer, keyType: 'EC P-256',
});
const cert = (sha256: string, subject: string, issuer: string) => ({ id: sha256, sha256, summary: summary(subject, issuer), pem: '', origin: 'server' as const });

function report(paths: ChainReport['paths'], diagnoses: ChainReport['diagnoses'] = []): ChainReport {
  return {
    origin: { kind: 'files', files: ['x.pem'] },
    verifiedAt: '2026-06-01T00:00:00.000Z',
    trustSources: ['test'],
    skippedTrust: [],
    certificates: [cert('leaf', 'CN=leaf', 'CN=I'), cert('i', 'CN=I', 'CN=R'), cert('r', 'CN=R', 'CN=R'), cert('x', 'CN=R', 'CN=Old'), cert('old', 'CN=Old', 'CN=Old')],
    presented: ['leaf', 'i'],
    paths,
    trusted: paths[0]?.trusted ?? false,
    headline: ['openssl'],
    clients: [],
    diagnoses,
  };
}

describe('buildChainTree', () => {
  it('merges cross-signed paths into one branch point, keeping per-path status', () => {
    const tree = buildChainTree(
      report([
        { certificates: ['leaf', 'i', 'r'], end: 'anchor', anchorSource: 'roots', trusted: true, problems: [] },
        { certificates: ['leaf', 'i', 'x', 'old'], end: 'anchor', anchorSource: 'roots', trusted: false, problems: [{ code: 'expired', certificate: 'x', detail: 'expired' }] },
      ]),
    )!;
    expect(tree.sha256).toBe('leaf');
    expect(tree.status).toBe('trusted');
    const inter = tree.children[0]!;
    expect(inter.children.map((c) => [c.sha256, c.status])).toEqual([
      ['r', 'trusted'],
      ['x', 'error'],
    ]);
    expect(inter.children[0]!.anchorSource).toBe('roots');
    expect(inter.children[1]!.children[0]!.status).toBe('untrusted');
  });

  it('adds a missing-issuer placeholder naming the issuer, and colours named diagnoses', () => {
    const tree = buildChainTree(
      report(
        [{ certificates: ['leaf'], end: 'issuer-not-found', trusted: false, problems: [] }],
        [{ code: 'missing-intermediate', severity: 'error', message: 'm', certificates: ['leaf'], fix: { text: 'f', place: 'server-config' } }],
      ),
    )!;
    expect(tree.status).toBe('error');
    expect(tree.children).toMatchObject([{ status: 'missing', missingIssuer: 'CN=I' }]);
  });

  it('lists presented certificates that are on no path, once', () => {
    const r = { ...report([{ certificates: ['leaf', 'i', 'r'], end: 'anchor', trusted: true, problems: [] }]), presented: ['leaf', 'old', 'i', 'old'] };
    expect(certificatesOffPath(r)).toEqual(['old']);
  });

  it('returns null when there is no path', () => {
    expect(buildChainTree(report([]))).toBeNull();
  });
});
