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
import { benchEnv, printMeasured, printRatio, timeAsync, timeProcesses } from './_timing.js';

execFileSync(process.execPath, ['scripts/build.mjs', 'cli'], { stdio: 'inherit' });
const dir = mkdtempSync(join(tmpdir(), 'certbench-ks-bench-'));
try {
  const store = join(dir, 'cacerts');
  copyFileSync('/etc/ssl/certs/java/cacerts', store);
  const env = benchEnv({ KS_PW: 'changeit', CERTBENCH_DATA_DIR: join(dir, 'data') });
  const [keytool, ours, version, node] = timeProcesses(
    [
      { label: 'keytool -list -v (cacerts copy)', file: 'keytool', args: ['-list', '-v', '-keystore', store, '-storepass:env', 'KS_PW'] },
      { label: 'certbench keystore list --json (cacerts copy)', file: process.execPath, args: ['bin/certbench.cjs', 'keystore', 'list', '--keystore', store, '--json'] },
      { label: 'certbench --version (CLI start-up floor)', file: process.execPath, args: ['bin/certbench.cjs', '--version'] },
      { label: 'node -e 0', file: process.execPath, args: ['-e', '0'] },
    ],
    11,
    env,
  );
  const native = await timeAsync('in-process readKeystore + describe (verified)', async () => describeKeystore(store, await readKeystore(store, 'changeit'), new Date()));
  printMeasured(keytool!, ours!, version!, node!, native);
  const ratio = printRatio('certbench keystore list / keytool -list -v', ours!.medianMs, keytool!.medianMs, 0.15);
  if (ratio > 0.15) process.exitCode = 1;
  printRatio('certbench --version / keytool -list -v', version!.medianMs, keytool!.medianMs);
  printRatio('node -e 0 / keytool -list -v', node!.medianMs, keytool!.medianMs);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
