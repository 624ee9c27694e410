/**
 * `certbench scan --endpoints-file` over loopback TLS servers, each endpoint on its own port with
 * its own certificate, against the loop admins write for the same question — s_client, then x509
 * -enddate, one endpoint after another (bench/_s-client-loop.mjs, the same two tools per endpoint,
 * run without a shell). Goal (issue 14): ≤ 0.1× of the loop at 500 endpoints and beyond, and time
 * growing linearly with the endpoint count (1k → 10k).
 *
 * Sizes: BENCH_SCAN_ENDPOINTS (comma-separated, default 500,1000,10000). The servers run in child
 * processes (spawnSync blocks this one), as many listening sockets in each as its open-file limit
 * leaves room for, so 10,000 endpoints need no raised `ulimit -n` (only more processes).
 *
 * The loop costs ~50–100 ms an endpoint, so 10,000 would take a quarter of an hour. When the loop's
 * projected time at a size (its per-endpoint time at the size before) exceeds 5 minutes, it runs
 * over an evenly spaced sample of 1,000 of the endpoints and its time is scaled up, printed as
 * extrapolated. BENCH_SCAN_PEER_SAMPLE=N forces a sample of N wherever a size is larger than N.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { benchCerts } from './_scan-certs.js';
import { benchEnv, printMeasured, printRatio, timeProcesses, type Measured } from './_timing.js';

const sizes = (process.env.BENCH_SCAN_ENDPOINTS ?? '500,1000,10000').split(',').map(Number).sort((a, b) => a - b);
const forcedSample = process.env.BENCH_SCAN_PEER_SAMPLE ? Number(process.env.BENCH_SCAN_PEER_SAMPLE) : undefined;
const AUTO_SAMPLE = 1000;
const PEER_LIMIT_MS = 5 * 60_000;
const largest = sizes.at(-1)!;
const dir = mkdtempSync(join(tmpdir(), 'certbench-bench-scan-endpoints-'));

/** This process's soft open-file limit (children inherit it); Linux's /proc, else the usual default. */
function openFileLimit(): number {
  try {
    const line = readFileSync('/proc/self/limits', 'utf8').split('\n').find((l) => l.startsWith('Max open files'));
    const soft = Number(line?.split(/\s+/)[3]);
    return Number.isFinite(soft) ? soft : 1024;
  } catch {
    return 1024;
  }
}

const serverCode = `
const tls = require('node:tls'); const fs = require('node:fs');
const certs = JSON.parse(fs.readFileSync(process.argv[1], 'utf8'));
let left = certs.length; const ports = [];
certs.forEach((c, i) => {
  const s = tls.createServer({ key: c.keyPem, cert: c.certPem }, (sock) => sock.end());
  s.on('tlsClientError', () => {});
  s.listen(0, '127.0.0.1', () => { ports[i] = s.address().port; if (--left === 0) console.log(JSON.stringify(ports)); });
});`;

/** Starts one server process per slice of the certificates; resolves with every endpoint's port, in order. */
async function startServers(certs: readonly unknown[]): Promise<{ ports: number[]; processes: ChildProcess[] }> {
  // Room for the accepted connections and Node's own descriptors beside the listening sockets.
  const perProcess = Math.max(100, openFileLimit() - 512);
  const processes: ChildProcess[] = [];
  const slices: Promise<number[]>[] = [];
  for (let start = 0; start < certs.length; start += perProcess) {
    const file = join(dir, `certs-${start}.json`);
    writeFileSync(file, JSON.stringify(certs.slice(start, start + perProcess)));
    const server = spawn(process.execPath, ['-e', serverCode, file], { stdio: ['ignore', 'pipe', 'inherit'] });
    processes.push(server);
    let output = '';
    slices.push(
      new Promise<number[]>((resolve, reject) => {
        server.stdout!.on('data', (b: Buffer) => (output += b.toString()).endsWith('\n') && resolve(JSON.parse(output) as number[]));
        server.once('exit', (code) => reject(new Error(`a bench server exited (${code}) before listening`)));
      }),
    );
  }
  return { ports: (await Promise.all(slices)).flat(), processes };
}

const endpointLines = (ports: readonly number[], indexes: readonly number[]) => indexes.map((i) => `127.0.0.1:${ports[i]} ep${i}.bench.example\n`).join('');
const range = (n: number) => Array.from({ length: n }, (_, i) => i);
/** `n` indexes spread evenly over `0..count-1`, so the sample meets every server process and port range. */
const spread = (count: number, n: number) => range(n).map((i) => Math.floor((i * count) / n));

const { ports, processes } = await startServers(await benchCerts(largest, 'ep'));
try {
  execFileSync(process.execPath, ['scripts/build.mjs', 'cli'], { stdio: 'inherit' });
  const env = benchEnv();
  const results: { count: number; ours: number; theirs: number }[] = [];
  let peerPerEndpoint: number | undefined;
  for (const count of sizes) {
    const file = join(dir, `endpoints-${count}.txt`);
    writeFileSync(file, endpointLines(ports, range(count)));
    const projected = peerPerEndpoint === undefined ? 0 : peerPerEndpoint * count;
    const sample = forcedSample !== undefined ? (forcedSample < count ? forcedSample : undefined) : projected > PEER_LIMIT_MS ? Math.min(AUTO_SAMPLE, count) : undefined;
    const peerFile = sample === undefined ? file : join(dir, `sample-${count}.txt`);
    if (sample !== undefined) writeFileSync(peerFile, endpointLines(ports, spread(count, sample)));
    const long = count >= 5000;
    const [shell, scan] = timeProcesses(
      [
        { label: sample === undefined ? `loop of openssl s_client, ${count} endpoints` : `loop of openssl s_client, ${sample} of ${count} endpoints`, file: process.execPath, args: ['bench/_s-client-loop.mjs', peerFile] },
        // The certificates expire within 400 days; a zero window keeps the exit code 0. The default concurrency.
        { label: `certbench scan --endpoints-file, ${count} endpoints`, file: process.execPath, args: ['bin/certbench.cjs', 'scan', '--endpoints-file', file, '--json', '--expiring-within', '0d'] },
      ],
      1,
      env,
      { warmUp: !long },
    );
    const theirs = sample === undefined ? shell!.medianMs : (shell!.medianMs * count) / sample;
    peerPerEndpoint = theirs / count;
    const extrapolated: Measured | undefined = sample === undefined ? undefined : { label: `loop of openssl s_client, ${count} endpoints (EXTRAPOLATED ×${count / sample})`, medianMs: theirs, runs: 1 };
    printMeasured(shell!, ...(extrapolated ? [extrapolated] : []), scan!);
    console.log(`${'per endpoint: s_client loop / certbench scan'.padEnd(56)} ${(theirs / count).toFixed(2).padStart(9)} ms / ${(scan!.medianMs / count).toFixed(2)} ms`);
    results.push({ count, ours: scan!.medianMs, theirs });
    printRatio(`certbench / s_client loop at ${count} endpoints${sample === undefined ? '' : ' (loop extrapolated)'}`, scan!.medianMs, theirs, 0.1);
  }
  const small = results.find((r) => r.count === 1000) ?? results[0]!;
  const large = results.at(-1)!;
  if (large !== small) {
    printRatio(`growth of certbench ${small.count} -> ${large.count} endpoints (linear = ${large.count / small.count}x)`, large.ours, small.ours);
    printRatio(`growth of the s_client loop ${small.count} -> ${large.count} endpoints`, large.theirs, small.theirs);
  }
  if (results.some((r) => r.ours / r.theirs > 0.1)) process.exitCode = 1;
} finally {
  for (const server of processes) server.kill();
  rmSync(dir, { recursive: true, force: true });
}
