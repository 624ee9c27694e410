import { build } from 'esbuild';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/**
 * The elevated runner bundled as scripts/build.mjs bundles it for the CLI and the app (the
 * elevated process is a fresh Node that cannot load TypeScript sources), into a temp dir. Returns
 * the script's path and the dir to remove.
 */
export async function buildElevatedRunner(): Promise<{ script: string; dir: string }> {
  const dir = await mkdtemp(join(tmpdir(), 'certbench-elevated-runner-'));
  await build({
    absWorkingDir: ROOT,
    entryPoints: { 'elevated-runner': 'electron/services/elevation/elevated-runner-main.ts' },
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    outdir: dir,
    outExtension: { '.js': '.cjs' },
    logLevel: 'warning',
  });
  return { script: join(dir, 'elevated-runner.cjs'), dir };
}
