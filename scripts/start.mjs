#!/usr/bin/env node
// `npm start`: builds Certbench and launches it in Electron. Install scripts are off (.npmrc), so
// the first start fetches Electron's binary with Electron's own installer.
import { spawnSync, spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);
const electronDir = dirname(require.resolve('electron/package.json'));

function electronBinary() {
  try {
    return require('electron');
  } catch {
    return null;
  }
}

if (!electronBinary()) {
  console.log('Fetching the Electron runtime (first start only)…');
  const r = spawnSync(process.execPath, [join(electronDir, 'install.js')], { stdio: 'inherit' });
  if (r.status !== 0 || !electronBinary()) {
    console.error('Could not download Electron. Check the network or set ELECTRON_MIRROR, then run npm start again.');
    process.exit(1);
  }
}

const build = spawnSync(process.execPath, ['scripts/build.mjs'], { stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);

const child = spawn(electronBinary(), ['.', ...process.argv.slice(2)], { stdio: 'inherit' });
child.on('exit', (code) => process.exit(code ?? 0));
