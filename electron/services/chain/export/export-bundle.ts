import { CertbenchError } from '../../../../shared/errors.js';
import { toPem } from '../../../../shared/pki/pem.js';
import { writeFileSafely } from '../../files/safe-write.js';
import type { ObjectStore } from '../../workspace/object-store.js';

/**
 * Writes certificates (by object id, in the order given) as one PEM file: the corrected server
 * bundle (leaf, then intermediates) or a root alone. Written through the one safe write, so a
 * failure leaves any existing file as it was.
 */
export async function exportBundle(store: ObjectStore, path: string, ids: readonly string[]): Promise<{ path: string; certificates: number }> {
  if (ids.length === 0) throw new CertbenchError('invalid-request', 'Nothing to export: no certificate selected');
  const pem = ids.map((id) => {
    const object = store.get(id);
    if (object.kind !== 'certificate') throw new CertbenchError('invalid-request', `Object ${id} is not a certificate`);
    return toPem('CERTIFICATE', object.der);
  });
  await writeFileSafely(path, pem.join(''), { overwrite: true });
  return { path, certificates: ids.length };
}
