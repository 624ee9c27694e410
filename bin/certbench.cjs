#!/usr/bin/env node
// The `certbench` command. It runs the bundled CLI through its launcher (a V8 code cache), building
// it first in a fresh development clone.
const { existsSync } = require('node:fs');
const { join } = require('node:path');
const { execFileSync } = require('node:child_process');

const launcher = join(__dirname, '..', 'dist', 'cli', 'launch.cjs');
if (!existsSync(launcher)) {
  execFileSync(process.execPath, [join(__dirname, '..', 'scripts', 'build.mjs'), 'cli'], { stdio: ['ignore', 'ignore', 'inherit'] });
}
require(launcher);
