import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../../../electron/cli/program.js';
import { captureIo } from '../../helpers/capture-io.js';
import { makeSelfSignedWithOpenssl, type MadeCertificate } from '../../helpers/openssl-cert.js';

describe('certbench CLI', () => {
  let dir: string;
  let cert: MadeCertificate;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'certbench-cli-'));
    cert = await makeSelfSignedWithOpenssl(dir, 'cli.example', 'DNS:cli.example,IP:192.0.2.7');
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('prints help and version with exit 0', async () => {
    const help = captureIo();
    expect(await runCli(['--help'], help)).toBe(0);
    expect(help.stdout()).toContain('inspect');
    const version = captureIo();
    expect(await runCli(['--version'], version)).toBe(0);
    expect(version.stdout().trim()).toMatch(/^\d+\.\d+\.\d+/);
  });

  it('inspect --json prints the certificate fields the issue promises', async () => {
    const io = captureIo();
    expect(await runCli(['inspect', cert.derPath, '--json'], io)).toBe(0);
    const [object] = JSON.parse(io.stdout()).objects;
    expect(object).toMatchObject({
      kind: 'certificate',
      subject: 'CN=cli.example, O=Certbench Test',
      issuer: 'CN=cli.example, O=Certbench Test',
      sans: [{ type: 'dns', value: 'cli.example' }, { type: 'ip', value: '192.0.2.7' }],
      keyType: 'EC P-256',
    });
    expect(object.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(object.sha1).toMatch(/^[0-9a-f]{40}$/);
  });

  it.each([
    ['an unknown option', ['inspect', '--bogus']],
    ['an unknown command', ['frobnicate']],
    ['a missing argument', ['inspect']],
  ])('exits 2 with one stderr line on %s', async (_name, argv) => {
    const io = captureIo();
    expect(await runCli(argv, io)).toBe(2);
    expect(io.stderr().trim().split('\n')).toHaveLength(1);
    expect(io.stderr()).toMatch(/^certbench: /);
  });

  it.each([
    ['a missing file', () => join(dir, 'missing.pem'), /does not exist/],
    ['an empty file', () => join(dir, 'empty.pem'), /is empty/],
  ])('exits 2 with one clear line for %s, never a stack', async (_name, path, message) => {
    await writeFile(join(dir, 'empty.pem'), '');
    const io = captureIo();
    expect(await runCli(['inspect', path()], io)).toBe(2);
    expect(io.stderr()).toMatch(message);
    expect(io.stderr()).not.toMatch(/\n\s+at /);
    expect(io.stderr().trim().split('\n')).toHaveLength(1);
  });
});
