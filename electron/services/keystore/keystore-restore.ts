import { readFile, writeFile } from 'node:fs/promises';
import type { KeystoreEditResult } from '../../../shared/model/keystore.js';
import { bytesEqual } from '../../../shared/pki/bytes.js';
import { confirm } from './keystore-edit-context.js';
import { describeKeystore } from './keystore-describe.js';
import { readKeystore } from './keystore-reader.js';
import type { editKeystore, KeystoreWriter } from './keystore-transaction.js';

/**
 * Restores a backup to the path it was taken from, through the same transaction as any edit:
 * the current file is backed up, the backup's bytes go to a temp copy that must parse as a
 * keystore and match byte for byte, then replace the file atomically. `password` is the store
 * password the backup was taken under: a PKCS#12 whose certificates are encrypted cannot be
 * verified without it.
 */
export async function restoreBackup(
  writer: KeystoreWriter,
  id: string,
  password: string | undefined,
  now: () => Date,
  edit: typeof editKeystore,
): Promise<KeystoreEditResult> {
  const { backup, bytes } = await writer.backups.get(id);
  const outcome = await edit(backup.originalPath, writer, {
    operation: `restore ${id}`,
    precheck: async () => undefined,
    edit: (temp) => writeFile(temp, bytes),
    verify: async (temp) => {
      confirm(bytesEqual(new Uint8Array(await readFile(temp)), bytes), 'the restored bytes differ from the backup');
      return readKeystore(bytes, password);
    },
  });
  return {
    path: outcome.path,
    backupId: outcome.backup.id,
    messages: [`Restored ${backup.originalPath} to its state of ${backup.createdAt} (before: ${backup.operation})`],
    listing: describeKeystore(outcome.path, outcome.result, now()),
  };
}
