import { access, constants, stat } from 'node:fs/promises';
import { dirname } from 'node:path';

/**
 * How a store can be replaced: directly; not at all because the file is marked read-only (a
 * choice Certbench honours even for root); or only with administrator rights (a JDK under
 * /usr/lib/jvm or /Library/Java owned by root).
 */
export type WriteAccess = 'direct' | 'read-only' | 'needs-elevation';

export async function writeAccess(path: string): Promise<WriteAccess> {
  const info = await stat(path);
  if ((info.mode & 0o222) === 0) return 'read-only';
  try {
    await access(path, constants.W_OK);
    await access(dirname(path), constants.W_OK);
    return 'direct';
  } catch {
    return 'needs-elevation';
  }
}

/** Whether this user can replace the file without elevation (edits rename a verified temp copy over it). */
export async function isWritable(path: string): Promise<boolean> {
  return (await writeAccess(path).catch(() => 'read-only' as const)) === 'direct';
}
