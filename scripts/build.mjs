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

// commander requires node:child_process at load, for executable subcommands (a command run as a
// separate program), which Certbench does not use; child_process pulls in net, dgram and the
// stream modules, about a quarter of the CLI's start-up above Node's own (docs/performance.md).
// The build makes that require happen on the first spawn instead, and fails if commander's source
// no longer has the line, so an upgrade cannot silently bring the cost back.
const commanderLoadsChildProcessOnSpawn = {
  name: 'commander-loads-child-process-on-spawn',
  setup(b) {
    b.onLoad({ filter: /[\\/]node_modules[\\/]commander[\\/]lib[\\/]command\.js$/ }, (args) => {
      const eager = "const childProcess = require('node:child_process');";
      const source = readFileSync(args.path, 'utf8');
      const uses = new Set(source.match(/\bchildProcess\.\w+/g));
      if (!source.includes(eager) || [...uses].some((use) => use !== 'childProcess.spawn')) {
        throw new Error(`${args.path}: commander no longer uses child_process as scripts/build.mjs expects (one require, spawn only)`);
      }
      const onSpawn = "const childProcess = { spawn: (...args) => require('node:child_process').spawn(...args) };";
      return { contents: source.replace(eager, onSpawn), loader: 'js', resolveDir: dirname(args.path) };
    });
  },
};

// node:fs/promises costs the CLI about a millisecond at start-up (it loads readline and the file
// watchers), paid by runs that read no file (`--help`, `--version`, a usage error) because every
// command module imports it. In the CLI build each of its functions loads it on the first call;
// the module's own functions do the work, so a command that reads files runs the same code.
const fsPromisesOnFirstCall = {
  name: 'fs-promises-on-first-call',
  setup(b) {
    b.onResolve({ filter: /^(node:)?fs\/promises$/ }, () => ({ path: 'node:fs/promises', namespace: 'fs-promises-on-first-call' }));
    b.onLoad({ filter: /.*/, namespace: 'fs-promises-on-first-call' }, async () => {
      const fsPromises = await import('node:fs/promises');
      const names = Object.keys(fsPromises).filter((name) => name !== 'default');
      const exports = names.map((name) => {
        if (typeof fsPromises[name] === 'function') return `export const ${name} = (...args) => load().${name}(...args);`;
        // node:fs's own object; Node has loaded node:fs before any script runs.
        if (name === 'constants') return "export const constants = process.getBuiltinModule('node:fs').constants;";
        throw new Error(`node:fs/promises exports ${name}, not a function: scripts/build.mjs cannot load it on first call`);
      });
      return {
        contents: ["const load = () => process.getBuiltinModule('node:fs/promises');", ...exports, `export default { ${names.join(', ')} };`].join('\n'),
        loader: 'js',
      };
    });
  },
};

const common = { bundle: true, platform: 'node', target: 'node20', sourcemap: 'linked', logLevel: 'warning', define, absWorkingDir: root, plugins: [tsyringeLoadsReflectMetadata, commanderLoadsChildProcessOnSpawn] };

// What pkexec/osascript run with administrator rights (electron/services/elevation/elevated-runner.ts):
// a separate process, so its own small bundle, in an `elevation` folder beside the CLI's chunks
// (which are required one by one on their own in a test) and beside the app's main.
const buildElevatedRunner = (outdir) =>
  build({ ...common, entryPoints: { 'elevated-runner': 'electron/services/elevation/elevated-runner-main.ts' }, outdir, format: 'cjs', outExtension: { '.js': '.cjs' } });

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
    plugins: [...common.plugins, fsPromisesOnFirstCall],
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
  await buildElevatedRunner('dist/cli/elevation');
}

async function buildElectron() {
  rmSync(join(root, 'dist', 'electron'), { recursive: true, force: true });
  await build({ ...common, entryPoints: { main: 'electron/main/index.ts' }, outdir: 'dist/electron', format: 'cjs', outExtension: { '.js': '.cjs' }, external: ['electron'] });
  // Untrusted PKCS#12 files are parsed on a worker thread (electron/services/pkcs12/pfx-off-thread.ts);
  // test/helpers/pfx-worker-script.ts builds the same entry for tests and the e2e harness.
  await buildElevatedRunner('dist/electron/elevation');
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
