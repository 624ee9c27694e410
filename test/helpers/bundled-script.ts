import { build } from 'esbuild';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/**
 * `entry` bundled as scripts/build.mjs bundles it (a worker thread or a fresh elevated Node cannot
 * load TypeScript sources) into a temp dir as `NAME.cjs`. Returns the script's path and the dir to remove.
 */
async function bundleScript(name: string, entry: string): Promise<{ script: string; dir: string }> {
  const dir = await mkdtemp(join(tmpdir(), `certbench-${name}-`));
  await build({
    absWorkingDir: ROOT,
    entryPoints: { [name]: entry },
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    outdir: dir,
    outExtension: { '.js': '.cjs' },
    logLevel: 'warning',
  });
  return { script: join(dir, `${name}.cjs`), dir };
}

/** The PKCS#12 worker the app runs off its main thread. */
export const buildPfxWorker = () => bundleScript('pfx-worker', 'electron/services/pkcs12/pfx-worker.ts');

/** The runner pkexec/osascript start with administrator rights. */
export const buildElevatedRunner = () => bundleScript('elevated-runner', 'electron/services/elevation/elevated-runner-main.ts');
