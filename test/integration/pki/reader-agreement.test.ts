import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NativeKeystore } from '../../../electron/services/keystore/keystore-reader.js';
import { createServices } from '../../../electron/services/services.js';
import { defaultServiceEnv } from '../../../electron/services/service-env.js';
import { certificateDers, readCertificateInput } from '../../../shared/pki/certificate-input.js';
import { opensslCertificates } from '../../helpers/certificate-oracle.js';
import { keystoreForImports, readerPaths, type ReaderPath } from '../../helpers/certificate-reader-paths.js';
import { tempDir, toolEnv } from '../../helpers/inspect-openssl.js';

const FIXTURES = new URL('../../fixtures/', import.meta.url).pathname;
const BIN = new URL('../../../bin/certbench.cjs', import.meta.url).pathname;
const services = await createServices(defaultServiceEnv({ now: () => new Date('2026-01-01T00:00:00Z') }));

let t: { dir: string; cleanup: () => Promise<void> };
let importTarget: NativeKeystore;
const edgeCases: string[] = [];
const openssl = (...args: string[]) => execFileSync('openssl', args, { env: toolEnv() });
const pemBody = (pem: string) => pem.replace(/-----[^-]+-----/g, '');
const certPem = (name: string) => readFileSync(join(t.dir, `${name}.pem`), 'latin1');

/** Writes one edge case and remembers it for the agreement run. */
function edge(name: string, content: string | Uint8Array): string {
  const path = join(t.dir, 'cases', name);
  writeFileSync(path, content);
  edgeCases.push(path);
  return path;
}

beforeAll(async () => {
  t = await tempDir('reader-agreement');
  execFileSync('mkdir', [join(t.dir, 'cases')]);
  for (const [name, alg] of [
    ['ec', ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256']],
    ['rsa', ['-newkey', 'rsa:2048']],
    ['ca', ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-384', '-addext', 'basicConstraints=critical,CA:TRUE']],
  ] as const) {
    openssl('req', '-x509', ...alg, '-nodes', '-keyout', join(t.dir, `${name}.key`), '-out', join(t.dir, `${name}.pem`), '-subj', `/O=Certbench Test/CN=${name}`, '-days', '30');
    openssl('x509', '-in', join(t.dir, `${name}.pem`), '-outform', 'DER', '-out', join(t.dir, `${name}.der`));
  }
  const der = (name: string) => readFileSync(join(t.dir, `${name}.der`));
  const [ec, rsa, ca] = ['ec', 'rsa', 'ca'].map(certPem) as [string, string, string];
  edge('one.pem', ec);
  edge('bundle.pem', ec + rsa + ca);
  edge('bom-crlf-prose.pem', `\uFEFFYour certificate, as requested:\r\n${(ec + 'and the CA:\n' + ca).replace(/\n/g, '\r\n')}-- the PKI team\r\n`);
  edge('x509-label.pem', ec.replace(/CERTIFICATE/g, 'X509 CERTIFICATE'));
  edge('trusted.pem', openssl('x509', '-in', join(t.dir, 'ec.pem'), '-addtrust', 'serverAuth', '-addreject', 'clientAuth', '-setalias', 'edge', '-trustout'));
  edge('trusted-bundle.pem', Buffer.concat([openssl('x509', '-in', join(t.dir, 'rsa.pem'), '-addtrust', 'serverAuth', '-trustout'), Buffer.from(ca)]));
  edge('one.der', der('ec'));
  edge('concatenated.der', Buffer.concat([der('ec'), der('rsa'), der('ca')]));
  openssl('crl2pkcs7', '-nocrl', '-certfile', join(t.dir, 'ec.pem'), '-certfile', join(t.dir, 'ca.pem'), '-outform', 'DER', '-out', edge('certs.p7b', ''));
  openssl('crl2pkcs7', '-nocrl', '-certfile', join(t.dir, 'rsa.pem'), '-certfile', join(t.dir, 'ca.pem'), '-out', edge('certs.p7c.pem', ''));
  edge('pkcs7-signed-data-label.pem', readFileSync(join(t.dir, 'cases', 'certs.p7c.pem'), 'latin1').replace(/PKCS7/g, 'PKCS #7 SIGNED DATA'));
  edge('cms-label.pem', readFileSync(join(t.dir, 'cases', 'certs.p7c.pem'), 'latin1').replace(/PKCS7/g, 'CMS'));
  openssl('base64', '-in', join(t.dir, 'rsa.der'), '-out', edge('bare.b64', ''));
  edge('key-and-certificates.pem', readFileSync(join(t.dir, 'ec.key'), 'latin1') + ec + ca);
  // A junk key block before the certificates: openssl reads the certificates, so must every reader.
  edge('junk-key-first.pem', `-----BEGIN PRIVATE KEY-----\nnot base64 @@@\n-----END PRIVATE KEY-----\n${ec}${rsa}`);
  importTarget = await keystoreForImports(t.dir, join(t.dir, 'ca.pem'));
});
afterAll(() => t.cleanup());

/** Fixture files in certificate formats (the keystores and CRLs are other readers' input). */
function fixtureFiles(): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (/\.(pem|crt|cer|der|p7b|p7c)$/.test(entry.name)) out.push(path);
    }
  };
  walk(FIXTURES);
  return out.sort();
}

/**
 * Where a reader path's certificates differ from openssl's. `printed`: compare with what openssl
 * printed even when it exited non-zero (storeutl fails on a key beside the certificates, junk or
 * not, after printing them); otherwise only files openssl read cleanly are compared.
 */
async function disagreements(files: readonly string[], paths: Record<string, ReaderPath>, printed = false): Promise<string[]> {
  const out: string[] = [];
  let compared = 0;
  for (const file of files) {
    const oracle = opensslCertificates(file, join(t.dir, 'oracle-scratch'));
    if (!oracle.clean && !(printed && oracle.sha256.length > 0)) continue;
    compared++;
    for (const [name, read] of Object.entries(paths)) {
      const got = await read(file);
      const comparable = (list: string[] | { refused: string }) => JSON.stringify(Array.isArray(list) && !oracle.ordered ? [...list].sort() : list);
      if (comparable(got) !== comparable(oracle.sha256)) out.push(`${file} via ${name}: ${JSON.stringify(got)} but openssl ${JSON.stringify(oracle.sha256)}`);
    }
  }
  expect(compared).toBeGreaterThan(0);
  return out;
}

describe('every reader path gives the certificates openssl gives', () => {
  it('on the generated edge cases (every label, DER, concatenated DER, PKCS#7, CMS, base64, BOM/CRLF, junk blocks), the built CLI included', async () => {
    const env = { ...toolEnv(), CERTBENCH_CODE_CACHE_DIR: join(t.dir, 'code-cache'), CERTBENCH_DATA_DIR: join(t.dir, 'data') };
    for (const file of edgeCases) expect(opensslCertificates(file, join(t.dir, 'oracle-scratch')).sha256.length, `openssl finds certificates in ${file}`).toBeGreaterThan(0);
    expect(await disagreements(edgeCases, readerPaths(services, importTarget, { bin: BIN, env }), true)).toEqual([]);
  });

  it('on every certificate file among the test fixtures', async () => {
    expect(await disagreements(fixtureFiles(), readerPaths(services, importTarget))).toEqual([]);
  });

  it('TRUSTED CERTIFICATE yields the certificate without OpenSSL trust settings, byte for byte what openssl x509 writes', () => {
    const trusted = readFileSync(join(t.dir, 'cases', 'trusted.pem'));
    const [der] = certificateDers(trusted);
    expect(Buffer.from(der!)).toEqual(openssl('x509', '-in', join(t.dir, 'cases', 'trusted.pem'), '-outform', 'DER'));
    expect(Buffer.from(pemBody(trusted.toString('latin1')), 'base64').length).toBeGreaterThan(der!.length);
  });
});

describe('strict PEM: a damaged block is an error for that block, the others still read (issue 16.3)', () => {
  const kinds = ['trailing bytes after the certificate', 'a duplicated base64 line', "base64url characters ('-', '_')", 'padding removed', 'a damaged END line', 'cut short'];
  const damaged = (): Record<string, string> => {
    // The certificate to damage; one whose base64 ends in '=' when there is one, for the padding case.
    const ec = ['ec', 'ca', 'rsa'].map(certPem).find((pem) => pem.includes('=')) ?? certPem('ec');
    const lines = ec.trimEnd().split('\n');
    const body = Buffer.from(pemBody(ec), 'base64');
    const wrap = (b: Buffer) => `-----BEGIN CERTIFICATE-----\n${b.toString('base64').replace(/.{64}/g, '$&\n')}\n-----END CERTIFICATE-----\n`;
    return {
      'trailing bytes after the certificate': wrap(Buffer.concat([body, Buffer.from([0x05, 0x00])])),
      'a duplicated base64 line': [...lines.slice(0, 3), lines[2], ...lines.slice(3)].join('\n') + '\n',
      "base64url characters ('-', '_')": ec.replace(/\+/g, '-').replace(/\//g, '_'),
      'padding removed': ec.includes('=') ? ec.replace(/=+\n/, '\n') : wrap(Buffer.concat([body, Buffer.from([0])])).replace(/=+\n/, '\n'),
      'a damaged END line': ec.replace('-----END CERTIFICATE-----', '-----END CERTIFICATE----'),
      'cut short': lines.slice(0, 4).join('\n') + '\n-----END CERTIFICATE-----\n',
    };
  };

  it.each(kinds)('%s: never a certificate from that block, the next block read, the block named', (kind) => {
    const bad = damaged()[kind]!;
    const other = ['ec', 'ca', 'rsa'].map(certPem).find((pem) => pem.includes('=')) === certPem('rsa') ? certPem('ec') : certPem('rsa');
    const file = join(t.dir, `damaged-${kind.replace(/\W+/g, '-')}.pem`);
    writeFileSync(file, bad + other);
    const otherFile = join(t.dir, 'other.pem');
    writeFileSync(otherFile, other);
    const otherSha = opensslCertificates(otherFile, join(t.dir, 'oracle-scratch')).sha256;
    const oracle = opensslCertificates(file, join(t.dir, 'oracle-scratch'));
    const input = readCertificateInput(readFileSync(file));
    const listed = input.certificates.map((c) => createHash('sha256').update(c.der).digest('hex'));
    expect(listed).toEqual(otherSha);
    expect(listed.every((sha) => oracle.sha256.includes(sha))).toBe(true);
    expect(input.problems).toHaveLength(1);
    expect(input.problems[0]!.message).toMatch(/^PEM block 1 \(CERTIFICATE\)/);
    expect(() => certificateDers(readFileSync(file), file)).toThrow(expect.objectContaining({ message: expect.stringContaining('PEM block 1 (CERTIFICATE)') }));
  });

  it('inspect shows the readable blocks and reports the damaged one; the built CLI exits 1 and names it', async () => {
    const file = join(t.dir, 'inspect-damaged.pem');
    writeFileSync(file, certPem('ec').replace('-----\n', '-----\n-') + certPem('rsa'));
    const result = await services.inspect.openFile(file);
    expect(result.objects.map((o) => o.kind)).toEqual(['certificate']);
    expect(result.problems).toEqual([expect.objectContaining({ origin: 'PEM block 1 (CERTIFICATE)', code: 'bad-base64' })]);
    const env = { ...toolEnv(), CERTBENCH_CODE_CACHE_DIR: join(t.dir, 'code-cache'), CERTBENCH_DATA_DIR: join(t.dir, 'data') };
    const run = (() => {
      try {
        return { status: 0, stdout: execFileSync(process.execPath, [BIN, 'inspect', '--json', '--brief', file], { env }).toString() };
      } catch (err) {
        const e = err as { status: number; stdout: Buffer };
        return { status: e.status, stdout: e.stdout.toString() };
      }
    })();
    expect(run.status).toBe(1);
    const json = JSON.parse(run.stdout) as { objects: unknown[]; problems: Array<{ origin: string; code: string }> };
    expect(json.objects).toHaveLength(1);
    expect(run.stdout, 'printed object by object, the same text as one pretty-printed JSON').toBe(`${JSON.stringify(json, null, 2)}\n`);
    expect(json.problems).toEqual([expect.objectContaining({ origin: 'PEM block 1 (CERTIFICATE)', code: 'bad-base64' })]);
  });
});

describe('hostile sizes through the built CLI (issue 16)', () => {
  it('a 600 KB DER of 300,000 children, definite or indefinite length, is one clear error, not an internal one', () => {
    const nulls = Buffer.alloc(600_000);
    for (let i = 0; i < nulls.length; i += 2) nulls[i] = 0x05;
    const env = { ...toolEnv(), CERTBENCH_CODE_CACHE_DIR: join(t.dir, 'code-cache'), CERTBENCH_DATA_DIR: join(t.dir, 'data') };
    for (const [name, bytes] of [
      ['wide-definite.der', Buffer.concat([Buffer.from([0x30, 0x83, 0x09, 0x27, 0xc0]), nulls])],
      ['wide-indefinite.der', Buffer.concat([Buffer.from([0x30, 0x80]), nulls, Buffer.from([0, 0])])],
    ] as const) {
      const file = join(t.dir, name);
      writeFileSync(file, bytes);
      let failure: { status: number; stderr: Buffer } | undefined;
      try {
        execFileSync(process.execPath, [BIN, 'inspect', file], { env, stdio: 'pipe' });
      } catch (err) {
        failure = err as { status: number; stderr: Buffer };
      }
      expect(failure?.status, name).toBe(2);
      const stderr = failure!.stderr.toString();
      expect(stderr.split('\n').filter(Boolean), name).toHaveLength(1);
      expect(stderr, name).not.toMatch(/internal error|call stack/i);
    }
  });
});
