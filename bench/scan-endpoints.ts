/**
 * `certbench scan --endpoints-file` over loopback TLS servers, each with its own certificate,
 * against the loop admins write for the same question — s_client, then x509 -enddate, one endpoint
 * after another (bench/_s-client-loop.mjs, the same two tools per endpoint, run without a shell).
 * Goal: ≤ 0.1× of the loop at 500 endpoints, and time growing linearly with the endpoint count.
 * The servers run in their own process (spawnSync blocks this one). Builds the CLI first.
 * BENCH_SCAN_ENDPOINTS overrides the sizes (comma-separated; 10000 needs `ulimit -n` above 10,100).
 */
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { benchCerts } from './_scan-certs.js';
import { benchEnv, printMeasured, printRatio, timeProcesses } from './_timing.js';

const sizes = (process.env.BENCH_SCAN_ENDPOINTS ?? '500,1000').split(',').map(Number);
const largest = Math.max(...sizes);
const dir = mkdtempSync(join(tmpdir(), 'certbench-bench-scan-endpoints-'));
writeFileSync(join(dir, 'certs.json'), JSON.stringify(await benchCerts(largest, 'ep')));

const serverCode = `
const tls = require('node:tls'); const fs = require('node:fs');
const certs = JSON.parse(fs.readFileSync(process.argv[1], 'utf8'));
let left = certs.length; const ports = [];
certs.forEach((c, i) => {
  const s = tls.createServer({ key: c.keyPem, cert: c.certPem }, (sock) => sock.end());
  s.on('tlsClientError', () => {});
  s.listen(0, '127.0.0.1', () => { ports[i] = s.address().port; if (--left === 0) console.log(JSON.stringify(ports)); });
});`;
const server = spawn(process.execPath, ['-e', serverCode, join(dir, 'certs.json')], { stdio: ['ignore', 'pipe', 'inherit'] });
let output = '';
const ports = await new Promise<number[]>((resolve) => server.stdout!.on('data', (b: Buffer) => (output += b.toString()).endsWith('\n') && resolve(JSON.parse(output) as number[])));

try {
  execFileSync(process.execPath, ['scripts/build.mjs', 'cli'], { stdio: 'inherit' });
  const env = benchEnv();
  const results: { count: number; ours: number; theirs: number }[] = [];
  for (const count of sizes) {
    const file = join(dir, `endpoints-${count}.txt`);
    writeFileSync(file, ports.slice(0, count).map((port, i) => `127.0.0.1:${port} ep${i}.bench.example\n`).join(''));
    const [shell, scan] = timeProcesses(
      [
        { label: `loop of openssl s_client, ${count} endpoints`, file: process.execPath, args: ['bench/_s-client-loop.mjs', file] },
        // The certificates expire within 400 days; a zero window keeps the exit code 0.
        { label: `certbench scan --endpoints-file, ${count} endpoints`, file: process.execPath, args: ['bin/certbench.cjs', 'scan', '--endpoints-file', file, '--json', '--expiring-within', '0d', '--concurrency', '64'] },
      ],
      1,
      env,
    );
    printMeasured(shell!, scan!);
    results.push({ count, ours: scan!.medianMs, theirs: shell!.medianMs });
    printRatio(`certbench / s_client loop at ${count} endpoints`, scan!.medianMs, shell!.medianMs, 0.1);
  }
  if (results.length >= 2) {
    const [small, large] = [results[0]!, results.at(-1)!];
    printRatio(`growth of certbench ${small.count} -> ${large.count} endpoints (linear = ${large.count / small.count}x)`, large.ours, small.ours);
    printRatio(`growth of the s_client loop ${small.count} -> ${large.count} endpoints`, large.theirs, small.theirs);
  }
  if (results.some((r) => r.ours / r.theirs > 0.1)) process.exitCode = 1;
} finally {
  server.kill();
  rmSync(dir, { recursive: true, force: true });
}
