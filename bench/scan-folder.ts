/**
 * `certbench scan FOLDER` against the shell one-liner admins use for the same question,
 * `find FOLDER -type f -exec openssl x509 -noout -enddate -in {} \;`, on 1,000 and 10,000
 * certificate files (100 a folder, nested two deep), in the same run. Goal: ≤ 0.1× of find+openssl
 * at 10,000 files, and time growing linearly with the number of files. Builds the CLI first.
 * BENCH_SCAN_FILES overrides the sizes (comma-separated).
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { benchCerts } from './_scan-certs.js';
import { benchEnv, printMeasured, printRatio, timeProcesses } from './_timing.js';

const sizes = (process.env.BENCH_SCAN_FILES ?? '1000,10000').split(',').map(Number);
const dir = mkdtempSync(join(tmpdir(), 'certbench-bench-scan-folder-'));
const distinct = await benchCerts(500, 'file');

function tree(count: number): string {
  const root = join(dir, String(count));
  for (let i = 0; i < count; i++) {
    const folder = join(root, `d${Math.floor(i / 1000)}`, `e${Math.floor(i / 100) % 10}`);
    if (i % 100 === 0) mkdirSync(folder, { recursive: true });
    writeFileSync(join(folder, `cert-${i}.pem`), distinct[i % distinct.length]!.certPem);
  }
  return root;
}

try {
  execFileSync(process.execPath, ['scripts/build.mjs', 'cli'], { stdio: 'inherit' });
  const env = benchEnv();
  const results: { count: number; ours: number; theirs: number }[] = [];
  for (const count of sizes) {
    const root = tree(count);
    const runs = count >= 10_000 ? 1 : 3;
    const [find, scan] = timeProcesses(
      [
        { label: `find -exec openssl x509 -enddate, ${count} files`, file: 'find', args: [root, '-type', 'f', '-exec', 'openssl', 'x509', '-noout', '-enddate', '-in', '{}', ';'] },
        // Exit 1 means "something expires within 60 days", which these trees always hold; the window is widened so the run exits 0.
        { label: `certbench scan --json, ${count} files`, file: process.execPath, args: ['bin/certbench.cjs', 'scan', root, '--json', '--expiring-within', '0d'] },
      ],
      runs,
      env,
      // The tree was just written, so it is in the page cache either way; a warm-up would double minutes of find+openssl.
      { warmUp: count < 10_000 },
    );
    printMeasured(find!, scan!);
    results.push({ count, ours: scan!.medianMs, theirs: find!.medianMs });
    printRatio(`certbench / find+openssl at ${count} files`, scan!.medianMs, find!.medianMs, count >= 10_000 ? 0.1 : undefined);
  }
  if (results.length >= 2) {
    const [small, large] = [results[0]!, results.at(-1)!];
    const scale = large.count / small.count;
    printRatio(`growth of certbench ${small.count} -> ${large.count} files (linear = ${scale}x)`, large.ours, small.ours);
    printRatio(`growth of find+openssl ${small.count} -> ${large.count} files`, large.theirs, small.theirs);
  }
  if (results.some((r) => r.count >= 10_000 && r.ours / r.theirs > 0.1)) process.exitCode = 1;
} finally {
  rmSync(dir, { recursive: true, force: true });
}
