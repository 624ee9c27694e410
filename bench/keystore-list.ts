/**
 * `certbench keystore list` (the built CLI, whole process) against `keytool -list -v` on the same
 * 144-entry cacerts copy, in the same run; also the in-process native read alone. Goal ≤ 0.15×.
 * Builds the CLI first so the bundle matches the sources.
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describeKeystore } from '../electron/services/keystore/keystore-describe.js';
import { readKeystore } from '../electron/services/keystore/keystore-reader.js';
import { printMeasured, printRatio, timeAsync, timeProcess } from './_timing.js';

execFileSync(process.execPath, ['scripts/build.mjs', 'cli'], { stdio: 'inherit' });
const dir = mkdtempSync(join(tmpdir(), 'certbench-ks-bench-'));
try {
  const store = join(dir, 'cacerts');
  copyFileSync('/etc/ssl/certs/java/cacerts', store);
  const env: NodeJS.ProcessEnv = { ...process.env, KS_PW: 'changeit', CERTBENCH_DATA_DIR: join(dir, 'data') };
  delete env.JAVA_TOOL_OPTIONS;
  delete env._JAVA_OPTIONS;
  const keytool = timeProcess('keytool -list -v (cacerts copy)', 'keytool', ['-list', '-v', '-keystore', store, '-storepass:env', 'KS_PW'], 7, env);
  const ours = timeProcess('certbench keystore list --json (cacerts copy)', process.execPath, ['bin/certbench.cjs', 'keystore', 'list', '--keystore', store, '--json'], 7, env);
  const version = timeProcess('certbench --version (CLI start-up floor)', process.execPath, ['bin/certbench.cjs', '--version'], 7, env);
  const native = await timeAsync('in-process readKeystore + describe (verified)', async () => describeKeystore(store, await readKeystore(store, 'changeit'), new Date()));
  printMeasured(keytool, ours, version, native);
  printRatio('certbench keystore list / keytool -list -v', ours.medianMs, keytool.medianMs, 0.15);
  printRatio('certbench --version / keytool -list -v', version.medianMs, keytool.medianMs);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
