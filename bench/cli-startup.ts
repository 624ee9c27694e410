/**
 * CLI cold start: `certbench --version` (the built bundle) against Node's own start-up, the V8
 * code cache against none on a command that does work (docs/performance.md: the cache stays only
 * while it pays), and the bundle sizes the app ships. Run `npm run build` first.
 */
import { mkdtempSync, rmSync, statSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { printMeasured, printRatio, timeProcesses } from './_timing.js';

const dir = mkdtempSync(join(tmpdir(), 'certbench-startup-'));
try {
  writeFileSync(join(dir, 'not-a-dir'), '');
  // A cache in a temp dir, and none at all: a cache root under a file cannot be created.
  const cached = { CERTBENCH_CODE_CACHE_DIR: join(dir, 'cache') };
  const uncached = { CERTBENCH_CODE_CACHE_DIR: join(dir, 'not-a-dir', 'cache') };
  const bin = 'bin/certbench.cjs';
  const cert = '/etc/ssl/certs/ca-certificates.crt';
  // The system bundle holds expired roots, so inspect rightly exits 1 on it.
  const [node, version, inspectCached, inspectUncached] = timeProcesses(
    [
      { label: 'node -e 0', file: process.execPath, args: ['-e', '0'] },
      { label: 'certbench --version', file: process.execPath, args: [bin, '--version'], env: cached },
      { label: 'certbench inspect (system CA bundle) --brief --json', file: process.execPath, args: [bin, 'inspect', cert, '--brief', '--json'], env: cached, status: 1 },
      { label: '  the same without a code cache', file: process.execPath, args: [bin, 'inspect', cert, '--brief', '--json'], env: uncached, status: 1 },
    ],
    21,
  );
  printMeasured(node!, version!, inspectCached!, inspectUncached!);
  printRatio('certbench --version / node -e 0', version!.medianMs, node!.medianMs, 1.5);
  console.log(`certbench --version above node -e 0: ${(version!.medianMs - node!.medianMs).toFixed(1)} ms`);
  printRatio('inspect with the code cache / without', inspectCached!.medianMs, inspectUncached!.medianMs, 1);
} finally {
  rmSync(dir, { recursive: true, force: true });
}

const sizeOf = (dir: string, ext: string) =>
  readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith(ext))
    .reduce((sum, f) => sum + statSync(join(dir, f)).size, 0);
const kib = (n: number) => `${(n / 1024).toFixed(0)} KiB`;
console.log(`bundle: main ${kib(sizeOf('dist/electron', 'main.cjs'))}, preload ${kib(sizeOf('dist/electron', 'preload.cjs'))}, ` +
  `renderer js ${kib(sizeOf('dist/renderer', '.js'))} + css ${kib(sizeOf('dist/renderer', '.css'))}, ` +
  `cli entry ${kib(statSync('dist/cli/certbench.cjs').size)}, cli total ${kib(sizeOf('dist/cli', '.cjs'))}`);
