#!/usr/bin/env node
// Static Electron security review with @doyensec/electronegativity over the main process, preload
// and the renderer's HTML. Fails on any HIGH or MEDIUM finding that is not justified inline with
// an `eng-disable` comment next to its reason.
import { createRequire } from 'node:module';
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const require = createRequire(import.meta.url);
const electronegativity = require('@doyensec/electronegativity');
const run = electronegativity.default ?? electronegativity;
const electronVersion = require('electron/package.json').version;

const dir = await mkdtemp(join(tmpdir(), 'certbench-eng-'));
try {
  await cp('electron', join(dir, 'electron'), { recursive: true });
  await cp('renderer/index.html', join(dir, 'renderer', 'index.html'));
  await cp('package.json', join(dir, 'package.json'));
  const quiet = console.log;
  console.log = () => undefined;
  let result;
  try {
    result = await run({ input: dir, severitySet: 'medium', confidenceSet: 'tentative', isRelative: true, electronVersionOverride: electronVersion }, false);
  } finally {
    console.log = quiet;
  }
  const findings = result.issues.filter((i) => ['HIGH', 'MEDIUM', 'CRITICAL'].includes(i.severity?.name));
  for (const f of findings) console.error(`${f.severity.name} ${f.id} ${f.file}:${f.location?.line ?? 0} ${f.description}`);
  console.log(`electronegativity: ${findings.length} high/medium findings, ${result.errors.length} parse errors`);
  process.exit(findings.length > 0 || result.errors.length > 0 ? 1 : 0);
} finally {
  await rm(dir, { recursive: true, force: true });
}
