#!/usr/bin/env node
// `npm test`: every check, in order, stopping at the first failure. Environment variables that
// would let the host's extra CAs leak into results are removed for every step.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, mkdirSync, rmSync } from 'node:fs';

const env = { ...process.env };
for (const name of ['NODE_EXTRA_CA_CERTS', 'SSL_CERT_FILE', 'SSL_CERT_DIR', 'JAVA_TOOL_OPTIONS', '_JAVA_OPTIONS', 'HTTPS_PROXY', 'https_proxy', 'HTTP_PROXY', 'http_proxy']) {
  delete env[name];
}

const steps = [
  ['system packages', ['node', 'scripts/ensure-system-packages.mjs']],
  ['build', ['node', 'scripts/build.mjs']],
  ['type-check', ['npx', 'tsc', '-b']],
  ['lint', ['npx', 'eslint', '.']],
  ['electron security review', ['node', 'scripts/security-check.mjs']],
  ['unit, fuzz, integration and e2e tests', ['npx', 'vitest', 'run', '--reporter=default', '--reporter=json', '--outputFile.json=test-results/vitest.json']],
];

const snapshotHostStores = () =>
  spawnSync('node', ['--import', 'tsx', 'test/host-stores-snapshot.ts'], { env, encoding: 'utf8' }).stdout;

const started = Date.now();
const hostStoresBefore = snapshotHostStores();
const timings = [];
mkdirSync('test-results', { recursive: true });
rmSync('test-results/vitest.json', { force: true });
for (const [name, [cmd, ...args]] of steps) {
  console.log(`\n▶ ${name}`);
  const t0 = Date.now();
  const r = spawnSync(cmd, args, { stdio: 'inherit', env });
  timings.push(`${name}: ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  if (r.status !== 0) {
    console.error(`\n✖ ${name} failed (exit ${r.status ?? r.signal})`);
    summarize();
    process.exit(1);
  }
}
const hostStoresAfter = snapshotHostStores();
if (!hostStoresBefore || hostStoresAfter !== hostStoresBefore) {
  console.error('\n✖ the host\'s trust stores or JDK cacerts differ after the run (or could not be read):');
  const before = new Set(hostStoresBefore.split('\n'));
  console.error(hostStoresAfter.split('\n').filter((l) => !before.has(l)).slice(0, 20).join('\n'));
  summarize();
  process.exit(1);
}
console.log(`\nhost trust stores: unchanged (${hostStoresBefore.split('\n').length - 1} entries checked)`);
summarize();

function summarize() {
  console.log(`\n${timings.join('\n')}\ntotal: ${((Date.now() - started) / 1000).toFixed(1)} s`);
  if (existsSync('test-results/vitest.json')) {
    const report = JSON.parse(readFileSync('test-results/vitest.json', 'utf8'));
    console.log(`${report.numPassedTests} passed, ${report.numFailedTests} failed`);
  }
}
