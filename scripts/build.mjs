#!/usr/bin/env node
// Bundles the main process, the preload and the CLI with esbuild, and the renderer with Vite.
// `node scripts/build.mjs cli` builds only the CLI (the bin shim does that on first use).
import { build } from 'esbuild';
import { readFileSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const define = { __CERTBENCH_VERSION__: JSON.stringify(pkg.version) };
const only = process.argv[2];

const common = { bundle: true, platform: 'node', target: 'node20', sourcemap: 'linked', logLevel: 'warning', define, absWorkingDir: root };

async function buildCli() {
  // Chunk names carry content hashes: clear old ones so dist/cli holds only this build.
  rmSync(join(root, 'dist', 'cli'), { recursive: true, force: true });
  await build({
    ...common,
    entryPoints: { certbench: 'electron/cli/main.ts' },
    outdir: 'dist/cli',
    format: 'esm',
    splitting: true,
    outExtension: { '.js': '.mjs' },
    // Some CommonJS dependencies call require(); give the ESM bundle one.
    banner: { js: "import { createRequire as __cbRequire } from 'node:module'; const require = __cbRequire(import.meta.url);" },
    metafile: true,
  });
}

async function buildElectron() {
  rmSync(join(root, 'dist', 'electron'), { recursive: true, force: true });
  await build({ ...common, entryPoints: { main: 'electron/main/index.ts' }, outdir: 'dist/electron', format: 'cjs', outExtension: { '.js': '.cjs' }, external: ['electron'] });
  // A sandboxed preload may require only 'electron': everything else is bundled into one file.
  await build({ ...common, entryPoints: { preload: 'electron/preload/index.ts' }, outdir: 'dist/electron', format: 'cjs', outExtension: { '.js': '.cjs' }, external: ['electron'] });
}

async function buildRenderer() {
  const { build: viteBuild } = await import('vite');
  await viteBuild({ configFile: join(root, 'vite.config.ts'), logLevel: 'warn' });
}

if (only === 'cli') await buildCli();
else await Promise.all([buildCli(), buildElectron(), buildRenderer()]);
