import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileAtomically } from './job-executor.js';
import { z } from 'zod';
import { CertbenchError } from '../../../shared/errors.js';
import { fsError } from '../files/read-input.js';

/**
 * Stores the user asked Certbench to watch besides the discovered ones: PEM bundles (an
 * appliance's ca-bundle.crt) and NSS databases in odd places (an agent's BrowserBot db). Kept in
 * `<dataDir>/trust-stores.json` so the app and the CLI see the same list.
 */
export const TrustConfigSchema = z.strictObject({
  pemBundles: z.array(z.string().min(1)).default([]),
  nssDatabases: z.array(z.string().min(1)).default([]),
});
export type TrustConfig = z.infer<typeof TrustConfigSchema>;

export const trustConfigPath = (dataDir: string): string => join(dataDir, 'trust-stores.json');

export async function readTrustConfig(dataDir: string): Promise<TrustConfig> {
  const path = trustConfigPath(dataDir);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { pemBundles: [], nssDatabases: [] };
    throw fsError(err, path);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new CertbenchError('parse', `${path} is not valid JSON`, { cause: err });
  }
  const parsed = TrustConfigSchema.safeParse(json);
  if (!parsed.success) throw new CertbenchError('parse', `${path}: expected { "pemBundles": [paths], "nssDatabases": [dirs] }`);
  return parsed.data;
}

/** Adds an `nss:DIR` or `pem:FILE` store to the configuration (no duplicates); returns the new config. */
export async function rememberStore(dataDir: string, storeId: string): Promise<TrustConfig> {
  const config = await readTrustConfig(dataDir);
  const m = /^(nss|pem):(.+)$/.exec(storeId);
  if (!m) throw new CertbenchError('invalid-request', `Only nss:DIR and pem:FILE stores are configured; ${JSON.stringify(storeId)} is found on its own`);
  const key = m[1] === 'nss' ? 'nssDatabases' : 'pemBundles';
  if (config[key].includes(m[2]!)) return config;
  const next = { ...config, [key]: [...config[key], m[2]!] };
  await writeFileAtomically(trustConfigPath(dataDir), new TextEncoder().encode(`${JSON.stringify(next, null, 2)}\n`));
  return next;
}
