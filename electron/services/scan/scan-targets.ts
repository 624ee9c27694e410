import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { CertbenchError } from '../../../shared/errors.js';
import { fsError } from '../files/read-input.js';
import { writeFileAtomically } from '../trust-stores/job-executor.js';

/**
 * Folders and endpoints the user asked the Expiry workspace to watch besides what Certbench
 * discovers, in `<dataDir>/expiry-targets.json` so the app and the CLI share them.
 */
export const ScanTargetsSchema = z.strictObject({
  folders: z.array(z.string().min(1)).default([]),
  endpoints: z.array(z.string().min(1)).default([]),
});
export type ScanTargets = z.infer<typeof ScanTargetsSchema>;

const targetsPath = (dataDir: string) => join(dataDir, 'expiry-targets.json');

export async function readScanTargets(dataDir: string): Promise<ScanTargets> {
  const path = targetsPath(dataDir);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { folders: [], endpoints: [] };
    throw fsError(err, path);
  }
  const parsed = ScanTargetsSchema.safeParse((() => {
    try {
      return JSON.parse(text) as unknown;
    } catch {
      return undefined;
    }
  })());
  if (!parsed.success) throw new CertbenchError('parse', `${path}: expected { "folders": [paths], "endpoints": ["host:port"] }`);
  return parsed.data;
}

/** Adds folders and endpoints to the remembered list (kept once each, in the order first given). */
export async function rememberScanTargets(dataDir: string, added: Partial<ScanTargets>): Promise<ScanTargets> {
  const current = await readScanTargets(dataDir);
  const next = {
    folders: [...new Set([...current.folders, ...(added.folders ?? [])])],
    endpoints: [...new Set([...current.endpoints, ...(added.endpoints ?? [])])],
  };
  await writeFileAtomically(targetsPath(dataDir), new TextEncoder().encode(`${JSON.stringify(next, null, 2)}\n`));
  return next;
}
