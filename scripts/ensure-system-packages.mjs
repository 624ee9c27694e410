#!/usr/bin/env node
// Makes sure the Debian packages the tests use are installed: as root it installs the missing
// ones with apt-get; otherwise it fails naming them. It never lets a test skip silently.
import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { SYSTEM_PACKAGES } from './system-packages.mjs';

const missing = SYSTEM_PACKAGES.filter((p) => !existsSync(p.file));
if (missing.length === 0) {
  console.log(`system packages: all ${SYSTEM_PACKAGES.length} present`);
  process.exit(0);
}
const names = missing.map((p) => p.pkg);
const isRoot = process.getuid?.() === 0;
if (!isRoot || !existsSync('/usr/bin/apt-get')) {
  console.error(`Missing system packages: ${names.join(' ')}`);
  for (const p of missing) console.error(`  ${p.pkg} (${p.file}): ${p.why}`);
  console.error(`Install them with: sudo apt-get install -y ${names.join(' ')}`);
  process.exit(1);
}
console.log(`system packages: installing ${names.join(' ')}`);
const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
const apt = (args) => spawnSync('apt-get', args, { stdio: ['ignore', 'inherit', 'inherit'], env });
if (apt(['update', '-qq']).status !== 0 || apt(['install', '-y', '-qq', '--no-install-recommends', ...names]).status !== 0) {
  console.error(`apt-get could not install: ${names.join(' ')}`);
  process.exit(1);
}
const still = missing.filter((p) => !existsSync(p.file));
if (still.length > 0) {
  console.error(`Still missing after install: ${still.map((p) => `${p.pkg} (${p.file})`).join(', ')}`);
  process.exit(1);
}
