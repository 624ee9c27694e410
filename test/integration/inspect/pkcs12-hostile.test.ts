import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WORK_LIMITS } from '../../../electron/services/pkcs12/work-budget.js';
import { berNesting, dataSafe, encryptedSafe, nestedBags, pbes2Encrypt, pfxOf, pkcs12PbeJunk, secretBag, shroudedKeyBag, slowBomb } from '../../helpers/pfx-bombs.js';

const run = promisify(execFile);
const BIN = new URL('../../../bin/certbench.cjs', import.meta.url).pathname;

/**
 * The hostile PKCS#12 corpus of issue 16, opened by the built CLI as an admin would: every file is
 * answered within 5 s and 512 MB with a specific error, never an internal one. The old reader spent
 * 127 s on the first file (a per-bag cap, and the empty password tried automatically).
 */
const CORPUS: readonly { name: string; bytes: () => Uint8Array; code: string; limit?: RegExp }[] = [
  {
    name: 'ten encrypted safes at the old 2,000,000 cap, no MAC',
    bytes: () => pfxOf(Array.from({ length: 10 }, () => encryptedSafe(pkcs12PbeJunk(2_000_000)))),
    code: 'work-limit',
    limit: /limit (iterations|milliseconds)Per(File|Request)/,
  },
  { name: 'ten encrypted safes at 1,000,000 iterations, no MAC', bytes: slowBomb, code: 'work-limit', limit: /limit (iterations|milliseconds)PerFile/ },
  {
    name: 'a hundred key bags that really decrypt with the empty password, 500,000 PBKDF2 iterations each',
    bytes: () => pfxOf([dataSafe(Array(100).fill(shroudedKeyBag(pbes2Encrypt(Uint8Array.of(1, 2, 3), '', 500_000))))]),
    code: 'work-limit',
    limit: /limit (iterations|milliseconds)PerFile/,
  },
  {
    name: 'three safes at 999,999 PBKDF2-SHA512 iterations (each nearly a whole file budget)',
    bytes: () => pfxOf(Array(3).fill(encryptedSafe(pbes2Encrypt(Uint8Array.of(0x30, 0), '', 999_999, 'sha512')))),
    code: 'work-limit',
    limit: /limit (iterations|milliseconds)PerFile/,
  },
  { name: 'a MAC of 2^31-1 iterations', bytes: () => pfxOf([dataSafe([secretBag()])], { iterations: 0x7fffffff }), code: 'work-limit', limit: /limit iterationsPerFile/ },
  {
    name: 'a MAC of 1,900,000 iterations, tried with the empty and the absent password',
    bytes: () => pfxOf([dataSafe([secretBag()])], { iterations: 1_900_000 }),
    code: 'work-limit',
    limit: /limit (iterations|milliseconds)PerFile/,
  },
  { name: 'safeContentsBags nested 1,000 deep', bytes: () => pfxOf([dataSafe([nestedBags(1_000, secretBag())])]), code: 'parse' },
  { name: '20,000 bags', bytes: () => pfxOf([dataSafe(Array.from({ length: 20_000 }, secretBag))]), code: 'too-large' },
  { name: 'BER nested 200,000 deep', bytes: () => berNesting(200_000), code: 'parse' },
];

const timed = async (args: string[], env: NodeJS.ProcessEnv) => {
  // GNU time's %e/%M: elapsed seconds and peak resident set (KB) of the whole CLI process.
  const result = await run('/usr/bin/time', ['-f', 'TIME %e %M', process.execPath, BIN, ...args], { env, timeout: 60_000 }).catch((e: { code: number; stdout: string; stderr: string }) => e);
  const [, seconds, kb] = /TIME (\S+) (\d+)\s*$/.exec(result.stderr) ?? [];
  return { seconds: Number(seconds), megabytes: Number(kb) / 1024, stdout: result.stdout, stderr: result.stderr.replace(/TIME .*\s*$/, '') };
};

describe('hostile PKCS#12 files are answered within 5 s and 512 MB', () => {
  let dir: string;
  let env: NodeJS.ProcessEnv;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'certbench-pfx-hostile-'));
    env = { ...process.env, CERTBENCH_CODE_CACHE_DIR: join(dir, 'code-cache'), CERTBENCH_DATA_DIR: join(dir, 'data'), KS_PW: '' };
    delete env.NODE_EXTRA_CA_CERTS;
    delete env.SSL_CERT_FILE;
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  CORPUS.forEach(({ name, bytes, code, limit }, i) => {
    it(name, async () => {
      const path = join(dir, `hostile-${i}.p12`);
      const pfx = bytes();
      await writeFile(path, pfx);
      for (const args of [
        ['inspect', path, '--json'],
        ['keystore', 'list', '--keystore', path, '--storepass-env', 'KS_PW', '--json'],
      ]) {
        const answer = await timed(args, env);
        const said = answer.stdout + answer.stderr;
        expect(answer.seconds, `${args[0]}: ${said}`).toBeLessThan(5);
        expect(answer.megabytes).toBeLessThan(512);
        expect(said).not.toMatch(/internal/i);
        if (args[0] === 'inspect') {
          expect(said).toContain(code === 'work-limit' ? 'Refused' : '');
          if (limit) expect(said).toMatch(limit);
        }
      }
    });
  });

  it('names limits that exist', () => {
    expect(Object.keys(WORK_LIMITS)).toEqual(['iterationsPerFile', 'millisecondsPerFile', 'iterationsPerRequest', 'millisecondsPerRequest']);
  });
});
