/**
 * x509-limbo conformance: runs every case of $CERTBENCH_SUITES/x509-limbo/limbo.json through the
 * chain engine and prints pass rates per namespace, the untagged-case score (goal ≥ 95%; OpenSSL
 * 3.0 74.7%, pyca 87.2%), unexpected SUCCESS on high/critical cases, hangs (> 5 s) and crashes.
 */
import { readFileSync } from 'node:fs';
import { runLimboCase, type LimboCase } from '../helpers/chain-engine-limbo.js';
import { suiteUrl } from '../helpers/suites.js';

const SUITE = suiteUrl('x509-limbo/limbo.json');
const HANG_MS = 5000;

const cases = (JSON.parse(readFileSync(SUITE, 'utf8')) as { testcases: LimboCase[] }).testcases;
const byNamespace = new Map<string, { pass: number; total: number }>();
const untagged = { pass: 0, total: 0 };
/** The untagged score as if limbo's anchors came from a root-program store (anchor faults as warnings). */
const untaggedDefault = { pass: 0, total: 0 };
const tagged = { pass: 0, total: 0 };
const unexpectedSuccess: string[] = [];
const unexpectedFailure: string[] = [];
const hangs: string[] = [];
const crashes: string[] = [];
const verbose = process.argv.includes('--verbose');

for (const tc of cases) {
  let actual: string;
  try {
    const outcome = runLimboCase(tc);
    actual = outcome.actual;
    if (outcome.ms > HANG_MS) hangs.push(`${tc.id} (${outcome.ms.toFixed(0)} ms)`);
    if (verbose && actual !== tc.expected_result) {
      const best = outcome.result.paths[0];
      console.log(`  ${tc.id}: expected ${tc.expected_result}, got ${actual}; ${best ? best.verdict.problems.map((p) => `${p.code}@${p.certIndex} ${p.detail}`).join(' | ') : 'no path'}`);
    }
  } catch (err) {
    crashes.push(`${tc.id}: ${(err as Error).message}`);
    actual = 'CRASH';
  }
  const pass = actual === tc.expected_result;
  if (tc.features.length === 0) {
    untaggedDefault.total++;
    if (runLimboCase(tc, 'warning').actual === tc.expected_result) untaggedDefault.pass++;
  }
  const ns = tc.id.split('::')[0]!;
  const bucket = byNamespace.get(ns) ?? { pass: 0, total: 0 };
  byNamespace.set(ns, bucket);
  for (const b of [bucket, tc.features.length === 0 ? untagged : tagged]) {
    b.total++;
    if (pass) b.pass++;
  }
  if (!pass && actual === 'SUCCESS') {
    unexpectedSuccess.push(`${tc.id} [${tc.importance}]`);
  } else if (!pass) unexpectedFailure.push(tc.id);
}

const pct = (b: { pass: number; total: number }) => `${b.pass}/${b.total} (${((100 * b.pass) / Math.max(1, b.total)).toFixed(1)}%)`;
console.log('x509-limbo per namespace:');
for (const [ns, b] of [...byNamespace].sort()) console.log(`  ${ns.padEnd(14)} ${pct(b)}`);
console.log(`untagged cases, anchors held to the rules as Certbench holds user-supplied (pem:) anchors (goal >= 95%; OpenSSL 74.7%, pyca 87.2%): ${pct(untagged)}`);
console.log(`untagged cases if the anchors came from a root-program store (system, mozilla, jdk: anchor faults are warnings): ${pct(untaggedDefault)}`);
console.log(`feature-tagged cases (not in the goal): ${pct(tagged)}`);
const critical = unexpectedSuccess.filter((s) => /\[(high|critical)\]/.test(s));
console.log(`unexpected SUCCESS (security-relevant): ${unexpectedSuccess.length}, of which high/critical: ${critical.length}`);
for (const s of unexpectedSuccess) console.log(`  ${s}`);
console.log(`unexpected FAILURE: ${unexpectedFailure.length}`);
for (const s of unexpectedFailure) console.log(`  ${s}`);
console.log('skipped: none (every case runs, CRL cases included)');
console.log(`hangs (> ${HANG_MS} ms): ${hangs.length}${hangs.length ? ` ${hangs.join(', ')}` : ''}`);
console.log(`crashes: ${crashes.length}`);
for (const s of crashes) console.log(`  ${s}`);
process.exitCode = critical.length > 0 || hangs.length > 0 || crashes.length > 0 ? 1 : 0;
