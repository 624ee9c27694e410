#!/usr/bin/env node
// The `certbench` command. It runs the bundled CLI, building it first in a fresh development clone.
const { existsSync } = require('node:fs');
const { join } = require('node:path');
const { execFileSync } = require('node:child_process');

const bundle = join(__dirname, '..', 'dist', 'cli', 'certbench.mjs');
if (!existsSync(bundle)) {
  execFileSync(process.execPath, [join(__dirname, '..', 'scripts', 'build.mjs'), 'cli'], { stdio: ['ignore', 'ignore', 'inherit'] });
}
import(require('node:url').pathToFileURL(bundle).href);
