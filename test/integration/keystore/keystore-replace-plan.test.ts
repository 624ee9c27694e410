import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { keystoreService } from '../../helpers/keystore-service-env.js';
import { cleanEnv, keytool, keytoolList, tempDir } from '../../helpers/keystore-tools.js';
import { certExpiringIn, opensslNotAfter, type DatedCert } from '../../helpers/scan-certs.js';

const BIN = new URL('../../../bin/certbench.cjs', import.meta.url).pathname;
const PASSWORD = 'changeit';
let dir: string;
let cleanup: () => Promise<void>;
let store: string;
let oldCert: DatedCert;
let newCert: DatedCert;
let other: DatedCert;
const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/** The built CLI as a script runs it (stdin not a terminal). */
function certbench(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const env = cleanEnv({ CERTBENCH_DATA_DIR: join(dir, 'data'), CERTBENCH_CODE_CACHE_DIR: join(dir, 'code-cache'), STOREPASS: PASSWORD });
  return new Promise((resolve) => {
    const child = execFile(process.execPath, [BIN, ...args], { env, timeout: 60_000 }, (err, stdout, stderr) =>
      resolve({ code: err ? Number((err as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
    child.stdin?.end();
  });
}

const importArgs = (...extra: string[]) => ['keystore', 'import', join(dir, 'new.pem'), '--keystore', store, '--alias', 'app', '--replace', '--storepass-env', 'STOREPASS', ...extra];

/** `openssl x509 -serial` as Certbench prints serials: lowercase hex. */
async function opensslSerial(pem: string): Promise<string> {
  const out = await new Promise<string>((resolve, reject) =>
    execFile('openssl', ['x509', '-noout', '-serial'], { env: cleanEnv() }, (err, stdout) => (err ? reject(err) : resolve(stdout))).stdin!.end(pem),
  );
  return out.trim().replace(/^serial=/, '').toLowerCase();
}

beforeAll(async () => {
  ({ dir, cleanup } = await tempDir());
  store = join(dir, 'app.jks');
  oldCert = await certExpiringIn('app.replace.example', 5);
  newCert = await certExpiringIn('app.replace.example', 400);
  other = await certExpiringIn('other.replace.example', 90);
  for (const [name, cert] of [['old', oldCert], ['new', newCert], ['other', other]] as const) await writeFile(join(dir, `${name}.pem`), cert.pem);
  for (const [alias, name] of [['app', 'old'], ['other', 'other']]) {
    const r = await keytool(['-importcert', '-noprompt', '-alias', alias!, '-file', join(dir, `${name}.pem`), '-keystore', store, '-storetype', 'JKS', '-storepass:env', 'KS_PW'], PASSWORD);
    expect(r.code).toBe(0);
  }
}, 60_000);

afterAll(() => cleanup());

describe('keystore import --replace: a plan the user sees before the alias is replaced', () => {
  it('refuses to run from a script without --yes (exit 2 naming --yes) and leaves the store as it was', async () => {
    const before = await readFile(store);
    const r = await certbench(importArgs());
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toContain('--yes');
    expect(r.stdout).toContain(`Plan: import into ${store}`);
    expect(await readFile(store)).toEqual(before);
  });

  it('asks y/N on a terminal (util-linux script gives it a pty) and changes nothing when the answer is no', async () => {
    const before = await readFile(store);
    const env = cleanEnv({ CERTBENCH_DATA_DIR: join(dir, 'data'), CERTBENCH_CODE_CACHE_DIR: join(dir, 'code-cache'), STOREPASS: PASSWORD });
    const command = [process.execPath, BIN, ...importArgs()].map((a) => `'${a}'`).join(' ');
    const r = await new Promise<{ code: number; out: string }>((resolve) => {
      const child = execFile('script', ['-qec', command, '/dev/null'], { env, timeout: 60_000 }, (err, stdout) => resolve({ code: err ? Number((err as { code?: number }).code ?? 1) : 0, out: stdout }));
      child.stdin!.end('n\n');
    });
    expect(r.out).toContain('Run these steps? [y/N]');
    expect(r.out).toContain('declined: nothing was changed');
    expect(r.code).toBe(1);
    expect(await readFile(store)).toEqual(before);
  });

  it('--dry-run prints which certificate is replaced by which, the backup and the exact keytool argv, and changes nothing', async () => {
    const before = await readFile(store);
    const r = await certbench(importArgs('--dry-run'));
    expect(r.code).toBe(0);
    const out = r.stdout;
    expect(out).toContain('Alias "app": replace the certificate it holds');
    for (const [name, cert] of [['old', oldCert], ['new', newCert]] as const) {
      expect(out).toContain(sha256(cert.der));
      expect(out).toContain(await opensslSerial(cert.pem));
      expect(out).toContain(await opensslNotAfter(join(dir, `${name}.pem`)));
    }
    // Old before new: the reader sees what goes first.
    expect(out.indexOf(sha256(oldCert.der))).toBeLessThan(out.indexOf(sha256(newCert.der)));
    expect(out).toContain(join(dir, 'data', 'keystore-backups'));
    expect(out).toMatch(/keytool -delete -alias app -keystore <store-copy> -storetype JKS -storepass:env \S+\n/);
    expect(out).toMatch(/keytool -importcert -noprompt -trustcacerts -alias app -file <scratch>\/cert-0\.pem -keystore <store-copy> -storetype JKS -storepass:env \S+\n/);
    expect(out).not.toContain(PASSWORD);
    expect(out).toContain('dry run: nothing was changed');
    expect(await readFile(store)).toEqual(before);

    const json = await certbench(importArgs('--dry-run', '--json'));
    expect(json.code).toBe(0);
    const { plan, done } = JSON.parse(json.stdout) as { plan: { items: { alias: string; replaces: { sha256: string }; certificate: { sha256: string } }[] }; done: boolean };
    expect(done).toBe(false);
    expect(plan.items).toEqual([expect.objectContaining({ alias: 'app', replaces: expect.objectContaining({ sha256: sha256(oldCert.der) }), certificate: expect.objectContaining({ sha256: sha256(newCert.der) }) })]);
  });

  it('--yes replaces the alias as planned: keytool sees the new certificate, the other entry untouched, the old store backed up', async () => {
    const original = await readFile(store);
    const r = await certbench(importArgs('--yes'));
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Replaced "app"');
    const { entries } = await keytoolList(store, PASSWORD);
    expect(entries).toEqual([
      { alias: 'app', entryType: 'trustedCert', sha256s: [sha256(newCert.der)] },
      { alias: 'other', entryType: 'trustedCert', sha256s: [sha256(other.der)] },
    ]);
    const backups = JSON.parse((await certbench(['keystore', 'backups', '--keystore', store, '--json'])).stdout) as { backups: { sha256: string; operation: string }[] };
    expect(backups.backups).toEqual([expect.objectContaining({ sha256: sha256(original), operation: 'import app' })]);
  });

  it('refuses to run a plan on a store that changed after it was shown, and writes nothing', async () => {
    const service = keystoreService(dir);
    const selector = { path: store, password: PASSWORD };
    const plan = await service.planImport(selector, oldCert.der, { alias: 'app', replace: true });
    expect(plan.items[0]!.replaces?.sha256).toBe(sha256(newCert.der));
    // Another program edits the store between the plan and the approval.
    expect((await keytool(['-importcert', '-noprompt', '-alias', 'late', '-file', join(dir, 'other.pem'), '-keystore', store, '-storepass:env', 'KS_PW'], PASSWORD)).code).toBe(0);
    const changed = await readFile(store);
    await expect(service.importCertificates(selector, oldCert.der, { alias: 'app', replace: true, plannedStoreSha256: plan.storeSha256 })).rejects.toMatchObject({ code: 'conflict' });
    expect(await readFile(store)).toEqual(changed);
  });
});
