import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServices } from '../../electron/services/services.js';
import { defaultServiceEnv } from '../../electron/services/service-env.js';
import { CertbenchError } from '../../shared/errors.js';
import { readCertificateInput } from '../../shared/pki/certificate-input.js';
import { opensslCertificates } from '../helpers/certificate-oracle.js';
import { tempDir, toolEnv } from '../helpers/inspect-openssl.js';

/**
 * Differential fuzzing of the certificate reader against openssl (issue 16.3): PEM bundles damaged
 * the way files get damaged — armour lines cut or altered, base64 lines duplicated or dropped,
 * base64url characters, padding lost, truncation — and no certificate may be listed that openssl
 * does not print from the same bytes (storeutl, crl2pkcs7, pkcs7, cms: any of them).
 * Each case spawns openssl a few times, so the count is capped below `npm run fuzz`'s 100k.
 */
const RUNS = Math.min(Number(process.env.CERTBENCH_FUZZ_RUNS ?? 120), 3000);
const ZLINT = join(import.meta.dirname, '../fixtures/inspect/zlint');
const services = await createServices(defaultServiceEnv({ now: () => new Date('2026-01-01T00:00:00Z') }));

let t: { dir: string; cleanup: () => Promise<void> };
let seedLines: string[] = [];

beforeAll(async () => {
  t = await tempDir('reader-fuzz');
  const pems: string[] = [];
  for (const [name, alg] of [
    ['ec', ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256']],
    ['rsa', ['-newkey', 'rsa:1024']],
  ] as const) {
    execFileSync('openssl', ['req', '-x509', ...alg, '-nodes', '-keyout', join(t.dir, `${name}.key`), '-out', join(t.dir, `${name}.pem`), '-subj', `/CN=fuzz ${name}`, '-days', '30'], { env: toolEnv(), stdio: 'ignore' });
    pems.push(readFileSync(join(t.dir, `${name}.pem`), 'latin1'));
  }
  pems.push(readFileSync(join(ZLINT, 'certVersion1NoExtensions.pem'), 'latin1').replace(/^[\s\S]*?(?=-----BEGIN CERTIFICATE-----)/, ''));
  seedLines = pems.join('').split('\n');
});
afterAll(() => t.cleanup());

type Edit = { kind: 'duplicate' | 'delete' | 'base64url' | 'armour' | 'truncate' | 'unpad'; at: number; by: number };

const edits = fc.array(
  fc.record({ kind: fc.constantFrom('duplicate', 'delete', 'base64url', 'armour', 'truncate', 'unpad'), at: fc.nat(), by: fc.nat() }),
  { minLength: 1, maxLength: 3 },
) as fc.Arbitrary<Edit[]>;

/** Applies line-level damage to the seed bundle. */
function damage(lines: readonly string[], list: readonly Edit[]): string {
  const out = [...lines];
  for (const { kind, at, by } of list) {
    // Truncation and deletion can leave nothing (or no armour) for the next edit to change.
    if (out.length === 0) break;
    const i = at % out.length;
    const line = out[i]!;
    if (kind === 'duplicate') out.splice(i, 0, line);
    else if (kind === 'delete') out.splice(i, 1);
    else if (kind === 'base64url') out[i] = line.replace(/[+/]/g, (c) => (c === '+' ? '-' : '_'));
    else if (kind === 'armour') {
      const armour = out.map((l, n) => (l.startsWith('-----') ? n : -1)).filter((n) => n >= 0);
      if (armour.length === 0) continue;
      const j = armour[by % armour.length]!;
      const a = out[j]!;
      const cut = 1 + (by % (a.length - 1));
      out[j] = a.slice(0, cut) + a.slice(cut + 1);
    } else if (kind === 'truncate') out.splice(i + 1);
    else out[i] = line.replace(/=+$/, '');
  }
  return out.join('\n');
}

const sha = (der: Uint8Array) => createHash('sha256').update(der).digest('hex');

describe('the certificate reader never lists a certificate openssl rejects', () => {
  it('on damaged PEM bundles (armour, duplicated and dropped lines, base64url, padding, truncation)', async () => {
    let n = 0;
    await fc.assert(
      fc.asyncProperty(edits, async (list) => {
        const text = damage(seedLines, list);
        const file = join(t.dir, `mutant-${n++}.pem`);
        writeFileSync(file, text);
        const accepted = new Set(opensslCertificates(file, join(t.dir, 'scratch')).sha256);
        let listed: string[] = [];
        try {
          listed = readCertificateInput(new TextEncoder().encode(text)).certificates.map((c) => sha(c.der));
        } catch (err) {
          expect(err).toBeInstanceOf(CertbenchError);
        }
        expect(listed.filter((s) => !accepted.has(s)), `listed but rejected by openssl, from ${JSON.stringify(list)}`).toEqual([]);
        let inspected: string[] = [];
        try {
          const result = await services.inspect.openBytes('mutant', new TextEncoder().encode(text));
          inspected = result.objects.flatMap((o) => (o.kind === 'certificate' ? [o.summary.sha256] : []));
        } catch (err) {
          expect(err).toBeInstanceOf(CertbenchError);
        }
        services.store.clear();
        expect(inspected).toEqual(listed);
      }),
      { numRuns: RUNS },
    );
  });
});

/** How one PEM block of the seed bundle is indented: `uneven` moves its END line or one body line off its indentation. */
type Indentation = { by: string; uneven: 'no' | 'end' | 'body' };

const indentations = fc.array(
  fc.record({ by: fc.constantFrom('', ' ', '  ', '    ', '\t', ' \t', '        '), uneven: fc.constantFrom('no', 'no', 'end', 'body') }),
  { minLength: 3, maxLength: 3 },
) as fc.Arbitrary<Indentation[]>;

/** Indents the lines of the k-th block (BEGIN line to END line) by `list[k]`. */
function indent(lines: readonly string[], list: readonly Indentation[]): string {
  let block = -1;
  let inside = false;
  let bodyLine = 0;
  return lines
    .map((line) => {
      if (line.includes('-----BEGIN ')) [block, inside, bodyLine] = [block + 1, true, 0];
      if (!inside) return line;
      const { by, uneven } = list[block % list.length]!;
      const end = line.includes('-----END ');
      if (end) inside = false;
      if (end && uneven === 'end') return `${by} ${line}`;
      if (!end && !line.includes('-----BEGIN ') && uneven === 'body' && ++bodyLine === 2) return `${by.slice(1)}${line}`;
      return `${by}${line}`;
    })
    .join('\n');
}

/** The file an admin gets by de-indenting: every line's leading blanks gone (OpenSSL skips them in base64 lines anyway). */
const deIndented = (text: string) => text.replace(/^[ \t]+/gm, '');

// Indented armour is a deliberate difference from OpenSSL (docs/pki-facts.md, "Indented PEM"):
// Certbench reads a block indented whole, with a note, and what it reads is what openssl reads
// once the file is de-indented; a block indented unevenly is damaged, as openssl finds it.
describe('indented PEM: the certificates openssl reads from the de-indented file', () => {
  it('and never one it rejects, for indented, unevenly indented and damaged bundles', async () => {
    let n = 0;
    await fc.assert(
      fc.asyncProperty(indentations, fc.option(edits, { nil: undefined }), async (list, damaging) => {
        const text = indent(damaging ? damage(seedLines, damaging).split('\n') : seedLines, list);
        const file = join(t.dir, `indented-${n++}.pem`);
        writeFileSync(file, deIndented(text));
        const reading = opensslCertificates(file, join(t.dir, 'scratch'));
        let input: ReturnType<typeof readCertificateInput> | undefined;
        try {
          input = readCertificateInput(new TextEncoder().encode(text));
        } catch (err) {
          expect(err).toBeInstanceOf(CertbenchError);
        }
        const listed = input?.certificates.map((c) => sha(c.der)) ?? [];
        const why = `from ${JSON.stringify({ list, damaging })}`;
        expect(listed.filter((s) => !reading.sha256.includes(s)), `listed but rejected by openssl de-indented, ${why}`).toEqual([]);
        // Even: no moved line, or a body line moved back by nothing (`by` empty).
        if (!damaging && list.every((i) => i.uneven === 'no' || (i.uneven === 'body' && i.by === ''))) {
          expect(listed, `the bundle indented evenly, ${why}`).toEqual(reading.sha256);
          expect(input!.notes.length, why).toBe(list.filter((i) => i.by !== '').length);
        }
        const result = await services.inspect.openBytes('indented', new TextEncoder().encode(text)).catch((err: unknown) => {
          expect(err).toBeInstanceOf(CertbenchError);
          return undefined;
        });
        services.store.clear();
        expect(result?.objects.flatMap((o) => (o.kind === 'certificate' ? [o.summary.sha256] : [])) ?? [], why).toEqual(listed);
        expect(result?.notes.length ?? 0, why).toBe(input?.notes.length ?? 0);
      }),
      { numRuns: Math.ceil(RUNS / 2) },
    );
  });
});

