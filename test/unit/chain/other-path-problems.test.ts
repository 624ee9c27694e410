import { describe, expect, it } from 'vitest';
import { otherPathProblems } from '../../../shared/model/other-path-problems.js';

const expiredCross = { code: 'expired', certificate: 'x', detail: 'CN=R expired on 2025-01-01T00:00:00.000Z' };

describe('otherPathProblems', () => {
  it('names a problem only an alternative path has, with that path', () => {
    const found = otherPathProblems({
      paths: [
        { certificates: ['leaf', 'i', 'r'], end: 'anchor', anchorSource: 'roots', trusted: true, problems: [] },
        { certificates: ['leaf', 'i', 'x', 'old'], end: 'anchor', anchorSource: 'roots', trusted: false, problems: [expiredCross] },
      ],
    });
    expect(found).toEqual([{ ...expiredCross, path: ['leaf', 'i', 'x', 'old'] }]);
  });

  it('leaves out what the chosen path has too, lint, and repeats across alternative paths', () => {
    const shared = { code: 'weak-signature', certificate: 'i', detail: 'CN=I is signed with SHA-1' };
    const lint = { code: 'nonconforming', certificate: 'x', detail: 'CN=R has no authority key identifier' };
    const found = otherPathProblems({
      paths: [
        { certificates: ['leaf', 'i', 'r'], end: 'anchor', trusted: false, problems: [shared] },
        { certificates: ['leaf', 'i', 'x', 'old'], end: 'anchor', trusted: false, problems: [shared, lint, expiredCross] },
        { certificates: ['leaf', 'i', 'x', 'older'], end: 'self-signed', trusted: false, problems: [expiredCross] },
      ],
    });
    expect(found.map((p) => `${p.code}:${p.certificate}`)).toEqual(['expired:x']);
  });

  it('finds nothing when there is one path or none', () => {
    expect(otherPathProblems({ paths: [] })).toEqual([]);
    expect(otherPathProblems({ paths: [{ certificates: ['leaf'], end: 'issuer-not-found', trusted: false, problems: [expiredCross] }] })).toEqual([]);
  });
});
