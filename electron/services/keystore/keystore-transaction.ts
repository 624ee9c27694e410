import { readFile, realpath, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { CertbenchError } from '../../../shared/errors.js';
import type { KeystoreBackup } from '../../../shared/model/keystore.js';
import { bytesEqual } from '../../../shared/pki/bytes.js';
import { kindOf } from '../files/file-kind.js';
import { fsError } from '../files/read-input.js';
import { createExclusive, installFile, PrivateTemp, settleFile } from '../files/safe-write.js';
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
 * The one way a keystore changes: precheck, back up, copy into a private 0700 folder beside the
 * store (so nobody can plant a link at the copy's name), edit and verify the copy, give it the
 * store's mode and owner, then rename it over the original (atomic on one filesystem). Any
 * failure — or a SIGKILL at any moment — leaves the original byte-identical; a folder a kill left
 * behind is removed by the next edit in the same folder. A store only an administrator may write
 * is edited the same way on a private staged copy, which one fixed elevated step then moves into place.
 */
export async function editKeystore<T>(path: string, writer: KeystoreWriter, plan: EditPlan<T>): Promise<EditOutcome<T>> {
  const target = await realpath(path).catch((err: unknown) => Promise.reject(fsError(err, path)));
  const info = await stat(target);
  if (!info.isFile()) throw new CertbenchError(info.isDirectory() ? 'is-directory' : 'not-a-file', `${target} is ${kindOf(info)}, not a keystore file`);
  const access = await writer.writeAccess(target);
  if (access === 'read-only') {
    throw new CertbenchError('permission-denied', `${target} is marked read-only; Certbench leaves it as it is (edit a copy instead)`);
  }
  const original = new Uint8Array(await readFile(target));
  await plan.precheck(original);
  const backup = await writer.backups.create(target, original, plan.operation);
  if (access === 'needs-elevation') return editElevated(target, info.mode, original, backup, writer, plan);
  const temp = await PrivateTemp.beside(target);
  const copy = temp.file('keystore');
  const mode = info.mode & 0o777;
  const owner = { uid: info.uid, gid: info.gid };
  try {
    await createExclusive(copy, original, mode, owner);
    await plan.edit(copy);
    const result = await plan.verify(copy);
    // keytool may have written a new file (umask mode, its own owner): put the store's back.
    await settleFile(copy, mode, owner);
    assertUnchanged(new Uint8Array(await readFile(target)), original, target);
    await installFile(copy, target, true);
    return { path: target, backup, result };
  } catch (err) {
    // Windows reports ACL denials (Program Files) only when writing, not from access(W_OK).
    throw err instanceof CertbenchError ? err : fsError(err, dirname(target));
  } finally {
    await temp.remove();
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
    await createExclusive(staged, original, 0o600);
    await plan.edit(staged);
    // What was verified is what must land: the bytes around the verification must agree, and
    // the target is checked against them after the elevated copy.
    const verified = new Uint8Array(await readFile(staged));
    const result = await plan.verify(staged);
    if (!bytesEqual(new Uint8Array(await readFile(staged)), verified)) {
      throw new CertbenchError('conflict', `The staged copy of ${target} changed while it was verified; nothing was written, try again`);
    }
    assertUnchanged(new Uint8Array(await readFile(target)), original, target);
    await replaceElevated(writer.elevator, writer.platform, { staged, target, mode, expected: verified, original });
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
