import { readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli, keysTempDir, run } from '../../helpers/keys-cli.js';

let dir: string;
let cleanup: () => Promise<void>;
const PW = { KEY_PW: 'correct horse battery' };

beforeAll(async () => ({ dir, cleanup } = await keysTempDir()));
afterAll(() => cleanup());

describe('certbench key new', () => {
  it.each(['rsa-2048', 'rsa-3072', 'ec-p256', 'ec-p384'])('writes an encrypted %s PKCS#8 key, mode 0600, that openssl opens only with the passphrase', async (type) => {
    const out = join(dir, `${type}.key`);
    const r = await cli(['key', 'new', '--type', type, '--out', out, '--passphrase-env', 'KEY_PW', '--json'], PW);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ path: out, encrypted: true, key: { key: { family: type.slice(0, type.indexOf('-')) } } });
    expect((await stat(out)).mode & 0o777).toBe(0o600);
    const pem = await readFile(out, 'utf8');
    expect(pem).toMatch(/^-----BEGIN ENCRYPTED PRIVATE KEY-----/);
    const parsed = run('openssl', ['asn1parse', '-in', out]).stdout;
    expect(parsed).toContain(':PBES2');
    expect(parsed).toContain(':PBKDF2');
    expect(parsed).toContain(':aes-256-cbc');
    const opened = run('openssl', ['pkey', '-in', out, '-passin', 'env:KEY_PW', '-noout', '-text_pub'], PW);
    expect(opened.code).toBe(0);
    expect(opened.stdout).toMatch(type.startsWith('rsa') ? `Public-Key: (${type.slice(4)} bit)` : /NIST CURVE: P-(256|384)/);
    expect(run('openssl', ['pkey', '-in', out, '-passin', 'pass:', '-noout']).code).not.toBe(0);
  });

  it('keeps generated keys encrypted in the vault (folder 0700, files 0600)', async () => {
    const vault = join(dir, 'data', 'keys');
    expect((await stat(vault)).mode & 0o777).toBe(0o700);
    const names = await readdir(vault);
    for (const name of names) expect({ name, mode: (await stat(join(vault, name))).mode & 0o777 }).toEqual({ name, mode: 0o600 });
    expect(names.some((n) => n.endsWith('.key.pem'))).toBe(true);
  });

  it('writes a plain key only with --no-encrypt, and warns', async () => {
    const out = join(dir, 'plain.key');
    const r = await cli(['key', 'new', '--type', 'ec-p256', '--out', out, '--no-encrypt']);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('UNENCRYPTED');
    expect((await stat(out)).mode & 0o777).toBe(0o600);
    expect(await readFile(out, 'utf8')).toMatch(/^-----BEGIN PRIVATE KEY-----/);
    expect(run('openssl', ['pkey', '-in', out, '-noout']).code).toBe(0);
  });

  it('never overwrites an existing file silently', async () => {
    const out = join(dir, 'existing.key');
    await writeFile(out, 'precious');
    const r = await cli(['key', 'new', '--type', 'ec-p256', '--out', out, '--passphrase-env', 'KEY_PW'], PW);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(new RegExp(`^certbench: ${out} already exists; .* pass --overwrite\n$`));
    expect(await readFile(out, 'utf8')).toBe('precious');
    const again = await cli(['key', 'new', '--type', 'ec-p256', '--out', out, '--passphrase-env', 'KEY_PW', '--overwrite'], PW);
    expect(again.code).toBe(0);
    expect((await stat(out)).mode & 0o777).toBe(0o600);
  });

  it.each([
    [['--passphrase-env', 'SHORT'], 'at least 8 characters'],
    [[], 'Give --passphrase-file F or --passphrase-env VAR'],
    [['--passphrase-env', 'NOPE'], 'Environment variable NOPE is not set'],
    [['--no-encrypt', '--passphrase-env', 'KEY_PW'], 'cannot be combined'],
  ])('refuses %j with one line and exit 2', async (extra, message) => {
    const out = join(dir, 'refused.key');
    const r = await cli(['key', 'new', '--type', 'ec-p256', '--out', out, ...extra], { ...PW, SHORT: 'abc' });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(message);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    await expect(stat(out)).rejects.toThrow();
  });

  it('rejects an unknown key type as a usage error', async () => {
    const r = await cli(['key', 'new', '--type', 'rsa-1024', '--out', join(dir, 'x.key'), '--no-encrypt']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('rsa-1024');
  });
});
