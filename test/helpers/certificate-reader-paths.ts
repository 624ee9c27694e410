import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { certificatesInFile } from '../../electron/services/chain/trust-sources/certificate-files.js';
import { planImport } from '../../electron/services/keystore/keystore-import.js';
import { readKeystore, type NativeKeystore } from '../../electron/services/keystore/keystore-reader.js';
import { readCertificateFile } from '../../electron/services/trust-stores/read-certificates.js';
import type { Services } from '../../electron/services/services.js';
import { CertbenchError } from '../../shared/errors.js';
import { certificateDers } from '../../shared/pki/certificate-input.js';
import { sha256Hex } from '../../shared/pki/hash.js';
import { toolEnv } from './inspect-openssl.js';

/** One way a workspace or command reads certificate input: the SHA-256 of each certificate it got, or the error code it refused with. */
export type ReaderPath = (path: string) => Promise<string[] | { refused: string }>;

const refusal = (err: unknown): { refused: string } => {
  if (err instanceof CertbenchError) return { refused: err.code };
  throw err;
};

const guarded =
  (read: (path: string) => Promise<string[]>): ReaderPath =>
  (path) =>
    read(path).catch(refusal);

/**
 * A keystore with one unrelated certificate, made by keytool in `dir`: what `keystore import` plans
 * against (openssl is not asked about it; only the certificates planned for import are compared).
 */
export async function keystoreForImports(dir: string, anyCertificatePem: string): Promise<NativeKeystore> {
  const store = join(dir, 'import-target.p12');
  const r = spawnSync('keytool', ['-importcert', '-noprompt', '-storetype', 'PKCS12', '-keystore', store, '-storepass', 'changeit', '-alias', 'other', '-file', anyCertificatePem], { env: toolEnv() });
  if (r.status !== 0) throw new Error(`keytool failed: ${r.stderr.toString()}`);
  return readKeystore(readFileSync(store), 'changeit');
}

/**
 * Every reader path of the product over a file: inspect (and so convert), chain (files and
 * folders), bundle, keys renew and AIA (certificateDers, which they call with the file's bytes),
 * trust-store files, keystore import planning, and the built CLI's `inspect --json`.
 */
export function readerPaths(services: Services, importTarget: NativeKeystore, cli?: { bin: string; env: NodeJS.ProcessEnv }): Record<string, ReaderPath> {
  const paths: Record<string, ReaderPath> = {
    inspect: guarded(async (path) => {
      const result = await services.inspect.openBytes(basename(path), readFileSync(path));
      services.store.clear();
      return result.objects.flatMap((o) => (o.kind === 'certificate' ? [o.summary.sha256] : []));
    }),
    chain: guarded(async (path) => (await certificatesInFile(path)).map(sha256Hex)),
    'bundle/keys/aia': guarded(async (path) => certificateDers(readFileSync(path), path).map(sha256Hex)),
    'trust store file': guarded(async (path) => (await readCertificateFile(path)).map(sha256Hex)),
    'keystore import': guarded(async (path) => planImport(importTarget, readFileSync(path), {}).map((p) => p.sha256)),
  };
  if (cli) {
    paths['built CLI inspect'] = async (path) => {
      const r = spawnSync(process.execPath, [cli.bin, 'inspect', '--brief', '--json', path], { env: cli.env, maxBuffer: 256 * 1024 * 1024 });
      if (r.status === 2) return { refused: 'exit 2' };
      const { objects } = JSON.parse(r.stdout.toString()) as { objects: Array<{ kind: string; sha256?: string }> };
      return objects.flatMap((o) => (o.kind === 'certificate' && o.sha256 ? [o.sha256] : []));
    };
  }
  return paths;
}
