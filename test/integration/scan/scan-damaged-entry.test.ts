import { execFile, execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ScanReport } from '../../../shared/model/scan.js';
import { cleanEnv } from '../../helpers/keystore-tools.js';
import { certExpiringIn, type DatedCert } from '../../helpers/scan-certs.js';

const BIN = new URL('../../../bin/certbench.cjs', import.meta.url).pathname;
const PASSWORD = 'changeit';
let root: string;
const p = (...parts: string[]) => join(root, ...parts);
const certs: DatedCert[] = [];

function certbench(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const env = cleanEnv({ CERTBENCH_DATA_DIR: p('data'), CERTBENCH_CODE_CACHE_DIR: p('code-cache'), STOREPASS: PASSWORD });
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, ...args], { env, maxBuffer: 16 * 1024 * 1024, timeout: 60_000 }, (err, stdout, stderr) =>
      resolve({ code: err ? Number((err as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
  });
}

/**
 * Damages the certificate `der` inside a JKS without changing any length (its outer SEQUENCE tag
 * becomes a SET), then re-seals the store's keyed SHA-1 so it still opens with its password: only
 * that one entry is unreadable.
 */
function damageEntry(jks: Buffer, der: Uint8Array, password: string): Buffer {
  const at = jks.indexOf(Buffer.from(der));
  if (at < 0) throw new Error('certificate not found in the keystore');
  const body = Buffer.from(jks.subarray(0, jks.length - 20));
  body[at] = 0x31;
  const seal = createHash('sha1').update(Buffer.from(password, 'utf16le').swap16()).update('Mighty Aphrodite', 'utf8').update(body).digest();
  return Buffer.concat([body, seal]);
}

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'certbench-scan-damaged-'));
  await mkdir(p('tree'));
  for (const [i, days] of [10, 20, 300].entries()) certs.push(await certExpiringIn(`entry${i}.damaged.example`, days));
  for (const [i, cert] of certs.entries()) {
    await writeFile(p(`c${i}.pem`), cert.pem);
    execFileSync('keytool', ['-importcert', '-noprompt', '-alias', `entry${i}`, '-file', p(`c${i}.pem`), '-keystore', p('store.jks'), '-storetype', 'JKS', '-storepass:env', 'STOREPASS'], {
      env: cleanEnv({ STOREPASS: PASSWORD }),
      stdio: 'ignore',
    });
  }
  await writeFile(p('tree', 'store.jks'), damageEntry(await readFile(p('store.jks')), certs[1]!.der, PASSWORD));
}, 60_000);

afterAll(() => rm(root, { recursive: true, force: true }));

describe('scan: one damaged certificate inside a keystore', () => {
  it('keytool gives up on the whole store (the oracle for "one entry is damaged, the rest is readable")', async () => {
    const list = (path: string) =>
      new Promise<{ code: number; out: string }>((resolve) =>
        execFile('keytool', ['-list', '-keystore', path, '-storetype', 'JKS', '-storepass:env', 'STOREPASS', '-J-Duser.language=en'], { env: cleanEnv({ STOREPASS: PASSWORD }) }, (err, stdout) =>
          resolve({ code: err ? 1 : 0, out: stdout }),
        ),
      );
    expect(await list(p('store.jks'))).toMatchObject({ code: 0, out: expect.stringContaining('contains 3 entries') });
    expect((await list(p('tree', 'store.jks'))).code).not.toBe(0);
  });

  it.each([
    ['given as --keystore with its password', ['--keystore', 'STORE', '--storepass-env', 'STOREPASS']],
    ['found in a folder', ['TREE']],
  ])('reports only that entry and lists the others (%s)', async (_, args) => {
    const store = p('tree', 'store.jks');
    const r = await certbench(['scan', ...args.map((a) => (a === 'STORE' ? store : a === 'TREE' ? p('tree') : a)), '--json']);
    const report = JSON.parse(r.stdout) as ScanReport;
    expect(report.findings.map((f) => f.where).sort()).toEqual([`${store}#entry0`, `${store}#entry2`]);
    expect(report.problems).toHaveLength(1);
    expect(report.problems[0]).toMatchObject({ kind: 'keystore', where: `${store}#entry1` });
    // Expiring entries are still found, so the check still fails.
    expect(r.code).toBe(1);
  });
});
