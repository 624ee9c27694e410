#!/usr/bin/env node
// The `certbench` command. It runs the bundled CLI through its launcher (a V8 code cache), building
// it first in a fresh development clone. child_process is required only for that build: loading it
// (with the net and stream modules it pulls in) costs every run about as much as a command's parsing.
const { existsSync } = require('node:fs');
const { join } = require('node:path');

const launcher = join(__dirname, '..', 'dist', 'cli', 'launch.cjs');
if (!existsSync(launcher)) {
  require('node:child_process').execFileSync(process.execPath, [join(__dirname, '..', 'scripts', 'build.mjs'), 'cli'], { stdio: ['ignore', 'ignore', 'inherit'] });
}
require(launcher);
