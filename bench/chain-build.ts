/**
 * Path building among 10,000 distractor intermediates (goal: under 100 ms warm, index included),
 * and full build + verify of the same chain, against `openssl verify -untrusted` over the same
 * 10,001 intermediates in the same run (OpenSSL's whole process: it must load the bundle too, so
 * the ratio shows what an in-process index buys rather than a like-for-like parse race).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildPaths, validateChain } from '../electron/services/chain/engine/index.js';
import { distractorsOf, makeHierarchy } from '../test/helpers/chain-pki.js';
import { printMeasured, printRatio, timeAsync, timeProcess } from './_timing.js';

const DISTRACTORS = 10_000;
const pki = await makeHierarchy({ prefix: 'Bench' });
const intermediates = [...distractorsOf(pki.intermediate.der, 'Intermediate', DISTRACTORS), pki.intermediate.der];
const input = { leaf: pki.leaf.der, intermediates, anchors: [pki.root.der] };
const at = new Date();

const build = await timeAsync(`buildPaths, ${DISTRACTORS} distractors (warm, index included)`, () => buildPaths(input), 15);
const validate = await timeAsync(`validateChain, ${DISTRACTORS} distractors (build + verify)`, () => validateChain(input, { at, host: 'localhost', purpose: 'serverAuth' }), 15);
if (!validateChain(input, { at, host: 'localhost', purpose: 'serverAuth' }).trusted) throw new Error('the bench chain should verify');

const dir = mkdtempSync(join(tmpdir(), 'certbench-bench-chain-build-'));
try {
  const file = (name: string) => join(dir, name);
  const pem = (der: Uint8Array) => `-----BEGIN CERTIFICATE-----\n${Buffer.from(der).toString('base64').replace(/.{64}/g, '$&\n')}\n-----END CERTIFICATE-----\n`;
  writeFileSync(file('root.pem'), pki.root.pem);
  writeFileSync(file('leaf.pem'), pki.leaf.pem);
  writeFileSync(file('untrusted.pem'), intermediates.map(pem).join(''));
  const args = ['verify', '-no-CApath', '-no-CAstore', '-CAfile', file('root.pem'), '-untrusted', file('untrusted.pem'), file('leaf.pem')];
  execFileSync('openssl', args, { stdio: 'ignore' });
  const openssl = timeProcess(`openssl verify -untrusted (${DISTRACTORS + 1} certs), whole process`, 'openssl', args, 5);
  printMeasured(build, validate, openssl);
  printRatio('validateChain warm / openssl verify whole run', validate.medianMs, openssl.medianMs);
  console.log(`${'buildPaths warm under 100 ms'.padEnd(56)} ${build.medianMs < 100 ? 'ok' : 'MISSED'}`);
  if (build.medianMs >= 100) process.exitCode = 1;
} finally {
  rmSync(dir, { recursive: true, force: true });
}
