#!/usr/bin/env node
// Runs every .ts script in a folder (bench/ or test/conformance/) one after another with tsx,
// so `npm run bench` and `npm run conformance` pick up new scripts without a package.json edit.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';

const dir = process.argv[2];
const filter = process.argv[3];
const files = readdirSync(dir).filter((f) => f.endsWith('.ts') && !f.startsWith('_') && (!filter || f.includes(filter))).sort();
let failed = 0;
for (const f of files) {
  process.stdout.write(`\n=== ${join(dir, f)} ===\n`);
  const r = spawnSync(process.execPath, ['--import', 'tsx', join(dir, f)], { stdio: 'inherit' });
  if (r.status !== 0) failed++;
}
process.exit(failed ? 1 : 0);
