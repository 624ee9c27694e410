import { spawn } from 'node:child_process';
import { build } from 'esbuild';
import { mkdir, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { readKeystore } from '../../electron/services/keystore/keystore-reader.js';
import { cleanEnv, copyCacerts, entryKeys, keytoolList, opensslCa } from './keystore-tools.js';

const REPO = join(import.meta.dirname, '../..');
const ALIAS = 'crash-target';

export interface CrashReport {
  readonly trials: number;
  readonly before: number;
  readonly after: number;
  readonly failures: readonly string[];
  readonly strayFiles: number;
}

/** Mulberry32: a seeded PRNG, so a failing run can be replayed with its printed seed. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Bundles the CLI from the current sources into `dir` (as scripts/build.mjs does), so kills hit real start-up timing. */
async function buildCli(dir: string): Promise<string> {
  const outfile = join(dir, 'certbench-cli.mjs');
  await build({
    entryPoints: [join(REPO, 'electron/cli/main.ts')],
    outfile,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'esm',
    logLevel: 'warning',
    banner: { js: "import { createRequire as __cbRequire } from 'node:module'; const require = __cbRequire(import.meta.url);" },
  });
  return outfile;
}

/** Runs the CLI in its own process group; SIGKILLs the CLI process after `killAfterMs`, then waits for the whole group. */
async function runCli(cli: string, args: string[], dataDir: string, killAfterMs: number | undefined): Promise<number> {
  const started = Date.now();
  const child = spawn(process.execPath, [cli, ...args], {
    cwd: REPO,
    // TMPDIR inside the test dir: a killed CLI cannot remove its scratch folder, the test's cleanup does.
    env: cleanEnv({ CERTBENCH_DATA_DIR: dataDir, TMPDIR: join(dataDir, '..', 'scratch') }),
    stdio: 'ignore',
    detached: true,
  });
  const timer = killAfterMs === undefined ? undefined : setTimeout(() => child.kill('SIGKILL'), killAfterMs);
  await new Promise((resolve) => child.on('exit', resolve));
  clearTimeout(timer);
  // keytool may outlive the killed CLI (it is an orphan then): wait until the group is gone.
  for (;;) {
    try {
      process.kill(-child.pid!, 0);
      await new Promise((r) => setTimeout(r, 50));
    } catch {
      break;
    }
  }
  return Date.now() - started;
}

const nativeKeys = async (path: string) =>
  entryKeys((await readKeystore(path, 'changeit')).entries.map((e) => ({ ...e, sha256s: e.certificates.map((c) => c.sha256) })));

/**
 * Crash safety: alternately imports and deletes one certificate in a cacerts copy through the CLI,
 * SIGKILLing it at a random moment of its run; afterwards keytool must open the store and see
 * exactly the state before or after the edit.
 */
export async function crashTrials(dir: string, trials: number, seed: number): Promise<CrashReport> {
  const random = prng(seed);
  const store = await copyCacerts(dir);
  const pem = await opensslCa(dir, 'crash-root');
  const dataDir = join(dir, 'data');
  const edit = (present: boolean) =>
    present ? ['keystore', 'delete', '--keystore', store, '--alias', ALIAS] : ['keystore', 'import', pem, '--keystore', store, '--alias', ALIAS];
  await mkdir(join(dir, 'scratch'));
  const cli = await buildCli(dir);
  const calibrate = await runCli(cli, edit(false), dataDir, undefined);
  let before = 0;
  let after = 0;
  const failures: string[] = [];
  for (let i = 0; i < trials; i++) {
    const start = await nativeKeys(store);
    const present = start.some((k) => k.startsWith(`${ALIAS}|`));
    await runCli(cli, edit(present), dataDir, Math.floor(random() * calibrate * 1.1));
    let seen: string[];
    try {
      seen = entryKeys((await keytoolList(store)).entries);
    } catch (err) {
      failures.push(`trial ${i}: keytool cannot open the store: ${(err as Error).message}`);
      continue;
    }
    const withoutTarget = start.filter((k) => !k.startsWith(`${ALIAS}|`));
    const other = present ? withoutTarget : [...seen.filter((k) => k.startsWith(`${ALIAS}|`)), ...withoutTarget].sort();
    if (JSON.stringify(seen) === JSON.stringify(start)) before++;
    else if (JSON.stringify(seen) === JSON.stringify(other) && seen.length !== start.length) after++;
    else failures.push(`trial ${i}: store is neither the before nor the after state`);
  }
  // A killed edit leaves its private temp folder; the next edit removes it, so at most the last kill's remains.
  const strayFiles = (await readdir(dir)).filter((n) => n.startsWith('.certbench-')).length;
  return { trials, before, after, failures, strayFiles };
}
