import { build } from 'esbuild';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/**
 * The PKCS#12 worker entry bundled as scripts/build.mjs bundles it for the app (a worker thread
 * cannot load TypeScript sources), into a temp dir. Returns the script's path and the dir to remove.
 */
export async function buildPfxWorker(): Promise<{ script: string; dir: string }> {
  const dir = await mkdtemp(join(tmpdir(), 'certbench-pfx-worker-'));
  await build({
    absWorkingDir: ROOT,
    entryPoints: { 'pfx-worker': 'electron/services/pkcs12/pfx-worker.ts' },
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    outdir: dir,
    outExtension: { '.js': '.cjs' },
    logLevel: 'warning',
  });
  return { script: join(dir, 'pfx-worker.cjs'), dir };
}
