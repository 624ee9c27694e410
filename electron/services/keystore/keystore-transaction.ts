import { randomBytes } from 'node:crypto';
import { chown, open, readdir, readFile, realpath, rename, rm, stat, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { CertbenchError } from '../../../shared/errors.js';
import type { KeystoreBackup } from '../../../shared/model/keystore.js';
import { bytesEqual } from '../../../shared/pki/bytes.js';
import { fsError } from '../files/read-input.js';
import type { Elevator } from '../elevation/elevator.js';
import { createStagingDir, removeStagingDir } from '../elevation/staging.js';
import type { KeystoreBackups } from './keystore-backups.js';
import { replaceElevated } from './keystore-elevated-replace.js';
import type { WriteAccess } from './keystore-write-access.js';

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

/** Where backups go, and how a store that needs administrator rights gets replaced. */
export interface KeystoreWriter {
  readonly backups: KeystoreBackups;
  readonly elevator: Elevator;
  readonly platform: NodeJS.Platform;
  readonly writeAccess: (path: string) => Promise<WriteAccess>;
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
 * `.certbench-*.tmp` file remains beside it. A store only an administrator may write is edited
 * the same way on a private staged copy, which one fixed elevated step then moves into place.
 */
export async function editKeystore<T>(path: string, writer: KeystoreWriter, plan: EditPlan<T>): Promise<EditOutcome<T>> {
  const target = await realpath(path).catch((err: unknown) => Promise.reject(fsError(err, path)));
  const info = await stat(target);
  if (!info.isFile()) throw new CertbenchError('is-directory', `${target} is not a file`);
  const access = await writer.writeAccess(target);
  if (access === 'read-only') {
    throw new CertbenchError('permission-denied', `${target} is marked read-only; Certbench leaves it as it is (edit a copy instead)`);
  }
  const original = new Uint8Array(await readFile(target));
  await plan.precheck(original);
  const backup = await writer.backups.create(target, original, plan.operation);
  if (access === 'needs-elevation') return editElevated(target, info.mode, original, backup, writer, plan);
  const temp = join(dirname(target), `.${basename(target)}.certbench-${randomBytes(6).toString('hex')}.tmp`);
  try {
    await writeFile(temp, original, { mode: info.mode & 0o777, flag: 'wx' });
    if (process.getuid?.() === 0) await chown(temp, info.uid, info.gid);
    await plan.edit(temp);
    const result = await plan.verify(temp);
    await fsyncPath(temp);
    assertUnchanged(new Uint8Array(await readFile(target)), original, target);
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

async function editElevated<T>(
  target: string,
  mode: number,
  original: Uint8Array,
  backup: KeystoreBackup,
  writer: KeystoreWriter,
  plan: EditPlan<T>,
): Promise<EditOutcome<T>> {
  const staging = await createStagingDir(writer.platform);
  try {
    const staged = join(staging, 'keystore');
    await writeFile(staged, original, { mode: 0o600, flag: 'wx' });
    await plan.edit(staged);
    const result = await plan.verify(staged);
    assertUnchanged(new Uint8Array(await readFile(target)), original, target);
    await replaceElevated(writer.elevator, writer.platform, staged, target, mode);
    if (!bytesEqual(new Uint8Array(await readFile(target)), new Uint8Array(await readFile(staged)))) {
      throw new CertbenchError('verification-failed', `${target} does not hold the verified copy after the elevated step`);
    }
    return { path: target, backup, result };
  } finally {
    await removeStagingDir(staging);
  }
}

/**
 * Optimistic concurrency: another editor (or ca-certificates-java) that rewrote the store
 * meanwhile would be silently undone by the replacement, so give up instead.
 */
function assertUnchanged(current: Uint8Array, original: Uint8Array, target: string): void {
  if (!bytesEqual(current, original)) {
    throw new CertbenchError('conflict', `${target} was changed by another program during the edit; nothing was written, try again`);
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
