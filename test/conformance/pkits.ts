/**
 * NIST PKITS 1.0.1 conformance: every case of $CERTBENCH_SUITES/pkits/pkits.json through the chain
 * engine at a pinned time with its policy inputs and CRLs, scored per section (goal: at least
 * OpenSSL 3.0's 233/249). Cases needing a feature the engine lacks (delta and indirect CRLs, …)
 * are still run for the overall figure but scored apart and named.
 */
import { readFileSync } from 'node:fs';
import { runPkitsCase, type PkitsCase } from '../helpers/chain-engine-pkits.js';
import { suiteUrl } from '../helpers/suites.js';

const ROOT = suiteUrl('pkits/');
const HANG_MS = 5000;

/** Cases needing features the engine does not have, each named with the feature. */
const UNSUPPORTED_CASES: Record<string, string> = {
  'pkits::4.1.5': 'DSA parameter inheritance (RFC 3279 §2.3.2)',
  'pkits::4.4.19': 'a CRL signed by a key certified outside the path (CRL signer path building)',
  'pkits::4.5.4': 'a CRL signed by a key certified outside the path (CRL signer path building)',
  'pkits::4.5.6': 'a CRL signed by a key certified outside the path (CRL signer path building)',
  'pkits::4.14.18': 'partial CRLs (issuingDistributionPoint onlySomeReasons)',
  'pkits::4.14.19': 'partial CRLs (issuingDistributionPoint onlySomeReasons)',
  'pkits::4.14.22': 'indirect CRLs',
  'pkits::4.14.24': 'indirect CRLs',
  'pkits::4.14.25': 'indirect CRLs',
  'pkits::4.14.28': 'indirect CRLs (cRLIssuer in the distribution point)',
  'pkits::4.14.29': 'indirect CRLs (cRLIssuer in the distribution point)',
  'pkits::4.14.30': 'indirect CRLs (cRLIssuer in the distribution point)',
  'pkits::4.14.33': 'indirect CRLs (cRLIssuer in the distribution point)',
  'pkits::4.15.4': 'delta CRLs',
  'pkits::4.15.5': 'delta CRLs',
};

const suite = JSON.parse(readFileSync(new URL('pkits.json', ROOT), 'utf8')) as { testcases: PkitsCase[] };
const sections = new Map<string, { pass: number; total: number; skipped: number }>();
const all = { pass: 0, total: 0 };
const supported = { pass: 0, total: 0 };
const failures: string[] = [];
const skipped: string[] = [];
const hangs: string[] = [];
const crashes: string[] = [];
const verbose = process.argv.includes('--verbose');

for (const tc of suite.testcases) {
  const section = sections.get(tc.section_class) ?? { pass: 0, total: 0, skipped: 0 };
  sections.set(tc.section_class, section);
  const reason = UNSUPPORTED_CASES[tc.id];
  let actual = 'CRASH';
  let detail = '';
  try {
    const { actual: got, result, ms } = runPkitsCase(tc, new URL('certs/', ROOT), new URL('crls/', ROOT));
    if (ms > HANG_MS) hangs.push(`${tc.id} (${ms.toFixed(0)} ms)`);
    actual = got;
    detail = (result.paths[0]?.verdict.problems ?? []).filter((p) => p.severity === 'error').map((p) => `${p.code}@${p.certIndex}: ${p.detail}`).join(' | ');
  } catch (err) {
    crashes.push(`${tc.id}: ${(err as Error).message}`);
  }
  const pass = actual === tc.expected_result;
  all.total++;
  if (pass) all.pass++;
  if (reason) {
    section.skipped++;
    skipped.push(`${tc.id} ${tc.title} (${reason})`);
    continue;
  }
  section.total++;
  supported.total++;
  if (pass) {
    section.pass++;
    supported.pass++;
  } else failures.push(`${tc.id} ${tc.title}: expected ${tc.expected_result}, got ${actual}${verbose ? ` ${detail}` : ''}`);
}

console.log('PKITS per section (pass/run, skipped):');
for (const [name, s] of sections) console.log(`  ${name.padEnd(52)} ${s.pass}/${s.total}${s.skipped ? `  (${s.skipped} skipped)` : ''}`);
console.log(`supported cases: ${supported.pass}/${supported.total}`);
console.log(`all 249 cases including unsupported features run anyway: ${all.pass}/${all.total} (OpenSSL 3.0: 233/249)`);
console.log(`mismatches in supported cases: ${failures.length}`);
for (const f of failures) console.log(`  ${f}`);
console.log(`skipped by declared unsupported feature: ${skipped.length}${verbose ? `\n  ${skipped.join('\n  ')}` : ' (--verbose lists them)'}`);
console.log(`hangs (> ${HANG_MS} ms): ${hangs.length}; crashes: ${crashes.length}`);
for (const c of crashes) console.log(`  ${c}`);
process.exitCode = hangs.length > 0 || crashes.length > 0 ? 1 : 0;
