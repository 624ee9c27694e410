import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { planCsr } from '../../shared/csr/plan.js';
import { checkSan } from '../../shared/csr/san.js';
import { parseSanArg } from '../../shared/csr/san-arg.js';
import { parseSubjectString } from '../../shared/csr/subject.js';
import { SAN_TYPES } from '../../shared/model/csr-constants.js';
import { describeKeyType } from '../../shared/model/keys-constants.js';

const RUNS = Number(process.env.CERTBENCH_FUZZ_RUNS ?? 200);

/** Text shaped like what people type into SAN rows: host-ish pieces, digits, colons, unicode. */
const sanText = fc.oneof(
  fc.string({ maxLength: 80 }),
  fc.array(fc.constantFrom('a', 'Z', '0', '9', '-', '.', '*', ':', '@', '/', 'ü', 'ß', '%', ' ', 'xn--', '::', '255', '1'), { maxLength: 40 }).map((p) => p.join('')),
);

describe('CSR validators under random input', () => {
  it('checkSan never throws, and what it accepts is a fixed point', () => {
    fc.assert(
      fc.property(fc.constantFrom(...SAN_TYPES), sanText, (type, raw) => {
        const first = checkSan(type, raw);
        if (!first.ok) {
          expect(first.message.length).toBeGreaterThan(0);
          return;
        }
        const again = checkSan(first.row.type, first.row.value);
        expect(again.ok && again.row).toEqual(first.row);
        expect(first.row.value).toMatch(/^[\x21-\x7e]+$/);
      }),
      { numRuns: RUNS * 5 },
    );
  });

  it('subject parsing fails only with a RangeError, and planning never throws', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 120 }), fc.array(sanText, { maxLength: 6 }), (subjectText, sans) => {
        let subject = {};
        try {
          subject = parseSubjectString(subjectText);
        } catch (err) {
          expect(err).toBeInstanceOf(RangeError);
        }
        const plan = planCsr(
          { subject, sans: sans.map(parseSanArg), addCnToSan: true, hash: 'SHA-256', keyUsage: ['digitalSignature', 'keyEncipherment'], extendedKeyUsage: ['serverAuth'] },
          describeKeyType('ec-p256'),
        );
        for (const s of plan.sans) expect(checkSan(s.type, s.value).ok).toBe(true);
        expect(plan.keyUsage).toEqual(['digitalSignature']);
      }),
      { numRuns: RUNS * 5 },
    );
  });
});
