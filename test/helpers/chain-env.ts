import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ChainService } from '../../electron/services/chain/chain-service.js';
import { pemSource } from '../../electron/services/chain/trust-sources/file-sources.js';
import { defaultServiceEnv } from '../../electron/services/service-env.js';
import { ObjectStore } from '../../electron/services/workspace/object-store.js';
import type { TestCert } from './chain-certs.js';

/** A temp dir with helpers to write PEM files, and a ChainService that never reads host stores. */
export interface ChainTestEnv {
  readonly dir: string;
  readonly service: ChainService;
  readonly store: ObjectStore;
  /** Writes certificates as one PEM file and returns its path. */
  writePem(name: string, certs: readonly TestCert[]): Promise<string>;
  cleanup(): Promise<void>;
}

export async function makeChainTestEnv(publicRoots: readonly TestCert[] = []): Promise<ChainTestEnv> {
  const dir = await mkdtemp(join(tmpdir(), 'certbench-chain-'));
  const writePem = async (name: string, certs: readonly TestCert[]) => {
    const path = join(dir, name);
    await writeFile(path, certs.map((c) => c.pem).join(''));
    return path;
  };
  const publicPath = await writePem('public-roots.pem', publicRoots);
  const env = { ...process.env };
  delete env.NODE_EXTRA_CA_CERTS;
  delete env.SSL_CERT_FILE;
  delete env.HTTPS_PROXY;
  delete env.https_proxy;
  const store = new ObjectStore();
  const service = new ChainService(defaultServiceEnv({ env, dataDir: dir }), store, {
    publicRoots: pemSource(publicPath),
    trustPaths: { mozillaDir: join(dir, 'no-mozilla'), systemBundles: [join(dir, 'no-system.pem')] },
  });
  return { dir, service, store, writePem, cleanup: () => rm(dir, { recursive: true, force: true }) };
}
