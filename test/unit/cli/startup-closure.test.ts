import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';

/** Inputs the CLI entry loads before any command runs (static imports only, across chunks). */
async function startupInputs(): Promise<string[]> {
  const { metafile } = await build({
    entryPoints: ['electron/cli/main.ts'],
    bundle: true,
    platform: 'node',
    format: 'esm',
    splitting: true,
    outdir: 'out',
    write: false,
    metafile: true,
    logLevel: 'silent',
  });
  const outputs = metafile.outputs;
  const entry = Object.keys(outputs).find((k) => k.endsWith('main.js'))!;
  const seen = new Set<string>();
  const stack = [entry];
  while (stack.length > 0) {
    const key = stack.pop()!;
    if (seen.has(key)) continue;
    seen.add(key);
    for (const imp of outputs[key]!.imports) if (imp.kind === 'import-statement' && outputs[imp.path]) stack.push(imp.path);
  }
  return [...seen].flatMap((k) => Object.keys(outputs[k]!.inputs));
}

describe('CLI start-up', () => {
  it('loads no schema, X.509, ASN.1 or PKCS#12 library before a command asks for it', async () => {
    const heavy = (await startupInputs()).filter((i) => /node_modules\/(zod|@peculiar|pkijs|asn1js|node-forge|tsyringe)\//.test(i));
    expect([...new Set(heavy.map((i) => i.split('/').slice(0, 3).join('/')))]).toEqual([]);
  });
});
