import { join } from 'node:path';
import { toPem } from '../../../shared/pki/pem.js';
import { createStagingDir } from '../elevation/staging.js';
import type { JobStep } from './trust-job.js';

/**
 * The certificate written as PEM into a fresh private temp directory, for tools that read a file
 * (certutil, security, an elevated copy). The file name is fixed, so no user text reaches argv.
 */
export async function stageCertificate(
  platform: NodeJS.Platform,
  der: Uint8Array,
  fileName = 'certificate.pem',
): Promise<{ dir: string; path: string; step: JobStep }> {
  const dir = await createStagingDir(platform);
  const path = join(dir, fileName);
  return { dir, path, step: { kind: 'write-file', path, content: new TextEncoder().encode(toPem('CERTIFICATE', der)), elevated: false } };
}
