#!/usr/bin/env node
// Bundles the main process, the preload and the CLI with esbuild, and the renderer with Vite.
// `node scripts/build.mjs cli` builds only the CLI (the bin shim does that on first use).
import { build, transform } from 'esbuild';
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const define = { __CERTBENCH_VERSION__: JSON.stringify(pkg.version) };
const only = process.argv[2];

// tsyringe (under @peculiar/x509) throws unless the reflect-metadata polyfill ran before it, and
// esbuild keeps no order between side-effect imports of different modules, least of all across
// split chunks. The dependency is tsyringe's own: the build writes it into tsyringe's entry, so
// whichever bundle or chunk holds tsyringe loads the polyfill first.
const tsyringeLoadsReflectMetadata = {
  name: 'tsyringe-loads-reflect-metadata',
  setup(b) {
    b.onLoad({ filter: /[\\/]node_modules[\\/]tsyringe[\\/]dist[\\/][^\\/]+[\\/]index\.js$/ }, (args) => {
      const source = readFileSync(args.path, 'utf8');
      const polyfill = /[\\/]cjs[\\/]/.test(args.path) ? 'require("reflect-metadata");' : 'import "reflect-metadata";';
      return { contents: `${polyfill}\n${source}`, loader: 'js', resolveDir: dirname(args.path) };
    });
  },
};

const common = { bundle: true, platform: 'node', target: 'node20', sourcemap: 'linked', logLevel: 'warning', define, absWorkingDir: root, plugins: [tsyringeLoadsReflectMetadata] };

async function buildCli() {
  // Chunk names carry content hashes: clear old ones so dist/cli holds only this build.
  rmSync(join(root, 'dist', 'cli'), { recursive: true, force: true });
  // Split like an ES module build, so a command loads only the chunks it uses, then turned into
  // CommonJS chunks: the launcher runs those through a V8 code cache, which Node 20 offers for
  // scripts but not for ES modules. Minified with names kept (for messages and stack traces) and
  // pure ASCII, so the launcher reads half the bytes and skips UTF-8 decoding.
  const split = await build({
    ...common,
    sourcemap: false,
    entryPoints: { certbench: 'electron/cli/main.ts' },
    outdir: 'dist/cli',
    format: 'esm',
    splitting: true,
    outExtension: { '.js': '.cjs' },
    minify: true,
    keepNames: true,
    charset: 'ascii',
    // Dependencies' ES module builds first: esbuild tree-shakes them and skips the CommonJS interop
    // wrappers, which halves the cost of loading the X.509 object model.
    mainFields: ['module', 'main'],
    write: false,
  });
  mkdirSync(join(root, 'dist', 'cli'), { recursive: true });
  // Names the code cache's directory: V8 checks a cache only against its source's length, so a
  // cache must never be offered to another build's chunks.
  const buildId = createHash('sha256');
  for (const chunk of split.outputFiles) {
    // Without dynamic import() support, esbuild writes each one as a require() of the chunk, which
    // the launcher serves; `error`: the sources were checked by the build above.
    const { code } = await transform(chunk.text, {
      format: 'cjs',
      target: 'node20',
      supported: { 'dynamic-import': false },
      minify: true,
      keepNames: true,
      charset: 'ascii',
      logLevel: 'error',
    });
    // The launcher decodes chunks as Latin-1, exact only for ASCII.
    if (/[^\x00-\x7f]/.test(code)) throw new Error(`${chunk.path}: non-ASCII output; the CLI launcher reads chunks as Latin-1`);
    writeFileSync(chunk.path, code);
    buildId.update(`${chunk.path}\0${code}\0`);
  }
  await build({
    ...common,
    entryPoints: { launch: 'electron/cli/launch/launch.ts' },
    outdir: 'dist/cli',
    format: 'cjs',
    outExtension: { '.js': '.cjs' },
    define: { ...define, __CERTBENCH_BUILD_ID__: JSON.stringify(buildId.digest('hex').slice(0, 16)) },
  });
}

async function buildElectron() {
  rmSync(join(root, 'dist', 'electron'), { recursive: true, force: true });
  await build({ ...common, entryPoints: { main: 'electron/main/index.ts' }, outdir: 'dist/electron', format: 'cjs', outExtension: { '.js': '.cjs' }, external: ['electron'] });
  // Untrusted PKCS#12 files are parsed on a worker thread (electron/services/pkcs12/pfx-off-thread.ts);
  // test/helpers/pfx-worker-script.ts builds the same entry for tests and the e2e harness.
  await build({ ...common, entryPoints: { 'pfx-worker': 'electron/services/pkcs12/pfx-worker.ts' }, outdir: 'dist/electron', format: 'cjs', outExtension: { '.js': '.cjs' } });
  // A sandboxed preload may require only 'electron': everything else is bundled into one file.
  await build({ ...common, entryPoints: { preload: 'electron/preload/index.ts' }, outdir: 'dist/electron', format: 'cjs', outExtension: { '.js': '.cjs' }, external: ['electron'] });
}

async function buildRenderer() {
  const { build: viteBuild } = await import('vite');
  await viteBuild({ configFile: join(root, 'vite.config.ts'), logLevel: 'warn' });
}

if (only === 'cli') await buildCli();
else await Promise.all([buildCli(), buildElectron(), buildRenderer()]);
