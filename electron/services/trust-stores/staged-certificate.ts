import { join } from 'node:path';
import { toPem } from '../../../shared/pki/pem.js';
import { createStagingDir } from '../elevation/staging.js';
import type { JobStep } from './trust-job.js';

/**
 * The certificate written as PEM into a fresh private temp directory, for tools that read a file
 * (certutil, security, an elevated copy). The file name is fixed, so no user text reaches argv.
 * For a plan of another OS (`foreign`), nothing is created here: the step saves the certificate
 * under the plain file name in the current directory of whoever runs the steps on that machine.
 */
export async function stageCertificate(
  platform: NodeJS.Platform,
  der: Uint8Array,
  fileName = 'certificate.pem',
  foreign = false,
): Promise<{ dir: string | undefined; path: string; step: JobStep }> {
  const content = new TextEncoder().encode(toPem('CERTIFICATE', der));
  if (foreign) {
    return { dir: undefined, path: fileName, step: { kind: 'write-file', path: fileName, content, elevated: false, note: 'save the certificate (PEM) under this name first' } };
  }
  const dir = await createStagingDir(platform);
  const path = join(dir, fileName);
  return { dir, path, step: { kind: 'write-file', path, content, elevated: false } };
}
