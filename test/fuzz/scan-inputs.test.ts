import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { endpointsFromText } from '../../electron/cli/commands/scan-command.js';
import { certificatesInFile } from '../../electron/services/scan/file-certificates.js';
import { scanPrometheus } from '../../electron/services/scan/scan-prometheus.js';
import { CertbenchError } from '../../shared/errors.js';
import { parseDuration } from '../../shared/scan/duration.js';
import { certExpiringIn } from '../helpers/scan-certs.js';

const RUNS = Number(process.env.CERTBENCH_FUZZ_RUNS ?? 200);

describe('scan inputs under arbitrary text and bytes', () => {
  let dir: string;
  let pem: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'certbench-fuzz-scan-'));
    pem = (await certExpiringIn('fuzz.scan.example', 30)).pem;
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('parseDuration accepts number+unit and refuses anything else with a RangeError', () => {
    fc.assert(
      fc.property(fc.string(), (text) => {
        try {
          expect(parseDuration(text)).toBeGreaterThanOrEqual(0);
          expect(text).toMatch(/^\s*\d+(\.\d+)?\s*[smhdw]?\s*$/i);
        } catch (err) {
          expect(err).toBeInstanceOf(RangeError);
        }
      }),
      { numRuns: RUNS },
    );
  });

  it('endpoint files either parse into HOST:PORT [SNI] lines or fail with a CertbenchError', () => {
    fc.assert(
      fc.property(fc.string(), (text) => {
        try {
          for (const e of endpointsFromText(text)) expect(e.target).not.toMatch(/\s/);
        } catch (err) {
          expect(err).toBeInstanceOf(CertbenchError);
        }
      }),
      { numRuns: RUNS },
    );
  });

  it('a certificate file with bytes changed anywhere gives certificates, nothing, or a CertbenchError', async () => {
    const bytes = new TextEncoder().encode(pem);
    await fc.assert(
      fc.asyncProperty(fc.array(fc.record({ at: fc.nat({ max: bytes.length - 1 }), value: fc.integer({ min: 0, max: 255 }) }), { minLength: 1, maxLength: 6 }), async (edits) => {
        const copy = bytes.slice();
        for (const e of edits) copy[e.at] = e.value;
        const path = join(dir, 'mutated.pem');
        await writeFile(path, copy);
        try {
          expect(Array.isArray(await certificatesInFile(path))).toBe(true);
        } catch (err) {
          expect(err).toBeInstanceOf(CertbenchError);
        }
      }),
      { numRuns: RUNS },
    );
  });

  it('Prometheus lines stay one sample each whatever the certificate text', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), (subject, where) => {
        const text = scanPrometheus({
          scannedAt: '2026-01-01T00:00:00.000Z',
          windowMs: 0,
          findings: [{ kind: 'file', where, path: where, subject, subjectRfc4514: subject, sans: [], issuer: subject, issuerRfc4514: subject, serial: '01', notBefore: '2025-01-01T00:00:00.000Z', notAfter: '2027-01-01T00:00:00.000Z', daysLeft: 1, keyType: 'EC P-256', sha256: 'ab', status: 'ok' }],
          problems: [],
          filesSeen: 1,
        });
        for (const line of text.trimEnd().split('\n')) expect(line).toMatch(/^(# (HELP|TYPE) .*|[a-z_]+(\{.*\})? -?\d+)$/);
      }),
      { numRuns: RUNS },
    );
  });
});
