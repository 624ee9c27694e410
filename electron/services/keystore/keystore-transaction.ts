import { randomBytes } from 'node:crypto';
import { chown, open, readdir, readFile, realpath, rename, rm, stat, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { CertbenchError } from '../../../shared/errors.js';
import type { KeystoreBackup } from '../../../shared/model/keystore.js';
import { bytesEqual } from '../../../shared/pki/bytes.js';
import { fsError } from '../files/read-input.js';
import type { KeystoreBackups } from './keystore-backups.js';
import { isWritable } from './jdk-discovery.js';

export interface EditPlan<T> {
  /** What the backup records, e.g. `import alias root_engine`. */
  readonly operation: string;
  /** Checks the original before anything is written (typically: it opens with the password). */
  readonly precheck: (original: Uint8Array) => Promise<void>;
  /** Changes the temp copy (keytool runs on it, never on the original). */
  readonly edit: (tempPath: string) => Promise<void>;
  /** Re-reads the temp copy natively and confirms the change; throws to abandon the edit. */
  readonly verify: (tempPath: string) => Promise<T>;
}

export interface EditOutcome<T> {
  readonly path: string;
  readonly backup: KeystoreBackup;
  readonly result: T;
}

/**
 * The one way a keystore changes: precheck, back up, copy to a temp file in the same folder,
 * edit and verify the copy, then rename it over the original (atomic on one filesystem). Any
 * failure — or a SIGKILL at any moment — leaves the original byte-identical; at worst a stray
 * `.certbench-*.tmp` file remains beside it.
 */
export async function editKeystore<T>(path: string, backups: KeystoreBackups, plan: EditPlan<T>): Promise<EditOutcome<T>> {
  const target = await realpath(path).catch((err: unknown) => Promise.reject(fsError(err, path)));
  const info = await stat(target);
  if (!info.isFile()) throw new CertbenchError('is-directory', `${target} is not a file`);
  if (!(await isWritable(target))) {
    throw new CertbenchError(
      'permission-denied',
      `${target} is read-only for this user or its folder is not writable; edit a copy, or run Certbench with administrator rights`,
    );
  }
  const original = new Uint8Array(await readFile(target));
  await plan.precheck(original);
  const backup = await backups.create(target, original, plan.operation);
  const temp = join(dirname(target), `.${basename(target)}.certbench-${randomBytes(6).toString('hex')}.tmp`);
  try {
    await writeFile(temp, original, { mode: info.mode & 0o777, flag: 'wx' });
    if (process.getuid?.() === 0) await chown(temp, info.uid, info.gid);
    await plan.edit(temp);
    const result = await plan.verify(temp);
    await fsyncPath(temp);
    // Optimistic concurrency: another editor (or ca-certificates-java) that rewrote the store
    // meanwhile would be silently undone by the rename, so give up instead.
    if (!bytesEqual(new Uint8Array(await readFile(target)), original)) {
      throw new CertbenchError('conflict', `${target} was changed by another program during the edit; nothing was written, try again`);
    }
    await rename(temp, target);
    await fsyncPath(dirname(target)).catch(() => undefined);
    await removeStaleTemps(target);
    return { path: target, backup, result };
  } catch (err) {
    await rm(temp, { force: true });
    // Windows reports ACL denials (Program Files) only when writing, not from access(W_OK).
    throw err instanceof CertbenchError ? err : fsError(err, dirname(target));
  }
}

async function fsyncPath(path: string): Promise<void> {
  const handle = await open(path, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** Temp copies older than this were left by a killed edit (a live edit takes seconds). */
const STALE_TEMP_MS = 10 * 60_000;

/** Removes temp copies a crashed edit left beside the store; they never replaced anything. */
async function removeStaleTemps(target: string): Promise<void> {
  const prefix = `.${basename(target)}.certbench-`;
  const names = await readdir(dirname(target)).catch(() => [] as string[]);
  for (const name of names.filter((n) => n.startsWith(prefix) && n.endsWith('.tmp'))) {
    const path = join(dirname(target), name);
    const info = await stat(path).catch(() => undefined);
    if (info && Date.now() - info.mtimeMs > STALE_TEMP_MS) await rm(path, { force: true });
  }
}
