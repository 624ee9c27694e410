import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';

/** The packages a module loads before anything calls it: its static imports, followed through every file. */
async function staticPackages(entry: string): Promise<string[]> {
  const { metafile } = await build({ entryPoints: [entry], bundle: true, platform: 'node', format: 'esm', write: false, outdir: 'out', metafile: true, logLevel: 'silent' });
  const seen = new Set<string>();
  const stack = [entry];
  while (stack.length > 0) {
    const file = stack.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    for (const imp of metafile.inputs[file]?.imports ?? []) if (imp.kind !== 'dynamic-import') stack.push(imp.path);
  }
  const packages = [...seen].flatMap((f) => /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(f)?.[1] ?? []);
  return [...new Set(packages)].sort();
}

// A CLI command pays for every module it loads on each run: the heavy libraries stay behind
// dynamic imports until a command needs them (see electron/services/services.ts).
describe('CLI start-up closures', () => {
  it('the CLI entry loads no schema, X.509, ASN.1 or PKCS#12 library', async () => {
    expect(await staticPackages('electron/cli/main.ts')).toEqual(['commander', 'punycode']);
  });

  it('keystore listing loads no X.509 object model, schema or PKCS#12 library', async () => {
    expect(await staticPackages('electron/services/keystore/keystore-service.ts')).toEqual([]);
  });

  it('chains load the X.509 object model, but no schema, PKCS#7/PKCS#12 library or macOS plist parser', async () => {
    const packages = await staticPackages('electron/services/chain/chain-service.ts');
    expect(packages).toContain('@peculiar/x509');
    expect(packages.filter((p) => ['zod', 'pkijs', 'node-forge', 'plist'].includes(p))).toEqual([]);
  });

  it('keys and CSRs load no schema, PKCS#7 or PKCS#12 library', async () => {
    for (const entry of ['electron/services/keys/keys-service.ts', 'electron/services/csr/csr-service.ts']) {
      expect((await staticPackages(entry)).filter((p) => ['zod', 'pkijs', 'node-forge', 'plist'].includes(p))).toEqual([]);
    }
  });
});
