import { rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join, basename } from 'node:path';
import { randomUUID } from 'node:crypto';
import { CertbenchError } from '../../../../shared/errors.js';
import { toPem } from '../../../../shared/pki/pem.js';
import { fsError } from '../../files/read-input.js';
import type { ObjectStore } from '../../workspace/object-store.js';

/**
 * Writes certificates (by object id, in the order given) as one PEM file: the corrected server
 * bundle (leaf, then intermediates) or a root alone. Written to a temp file and renamed, so a
 * failure leaves any existing file as it was.
 */
export async function exportBundle(store: ObjectStore, path: string, ids: readonly string[]): Promise<{ path: string; certificates: number }> {
  if (ids.length === 0) throw new CertbenchError('invalid-request', 'Nothing to export: no certificate selected');
  const pem = ids.map((id) => {
    const object = store.get(id);
    if (object.kind !== 'certificate') throw new CertbenchError('invalid-request', `Object ${id} is not a certificate`);
    return toPem('CERTIFICATE', object.der);
  });
  const temp = join(dirname(path), `.${basename(path)}.${randomUUID()}.tmp`);
  try {
    await writeFile(temp, pem.join(''), { mode: 0o644, flag: 'wx' });
    await rename(temp, path);
  } catch (err) {
    await rm(temp, { force: true });
    throw fsError(err, path);
  }
  return { path, certificates: ids.length };
}
