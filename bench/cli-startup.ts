/**
 * CLI cold start: `certbench --version` (the built bundle) against Node's own start-up, and the
 * bundle sizes the app ships. Run `npm run build` first.
 */
import { statSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { printMeasured, printRatio, timeProcesses } from './_timing.js';

const [node, version] = timeProcesses(
  [
    { label: 'node -e 0', file: process.execPath, args: ['-e', '0'] },
    { label: 'certbench --version', file: process.execPath, args: ['bin/certbench.cjs', '--version'] },
  ],
  21,
);
printMeasured(node!, version!);
printRatio('certbench --version / node -e 0', version!.medianMs, node!.medianMs);
console.log(`certbench --version above node -e 0: ${(version!.medianMs - node!.medianMs).toFixed(1)} ms`);

const sizeOf = (dir: string, ext: string) =>
  readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith(ext))
    .reduce((sum, f) => sum + statSync(join(dir, f)).size, 0);
const kib = (n: number) => `${(n / 1024).toFixed(0)} KiB`;
console.log(`bundle: main ${kib(sizeOf('dist/electron', 'main.cjs'))}, preload ${kib(sizeOf('dist/electron', 'preload.cjs'))}, ` +
  `renderer js ${kib(sizeOf('dist/renderer', '.js'))} + css ${kib(sizeOf('dist/renderer', '.css'))}, ` +
  `cli entry ${kib(statSync('dist/cli/certbench.cjs').size)}, cli total ${kib(sizeOf('dist/cli', '.cjs'))}`);
