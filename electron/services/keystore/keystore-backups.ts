import { randomBytes } from 'node:crypto';
import { mkdir, readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { CertbenchError } from '../../../shared/errors.js';
import type { KeystoreBackup } from '../../../shared/model/keystore.js';
import { fsError } from '../files/read-input.js';
import { writeFilesAllOrNothing } from '../files/safe-write.js';
import { nodeHashHex } from '../inspect/native-hash.js';

const ID_PATTERN = /^\d{8}T\d{9}Z-[0-9a-f]{8}$/;

/**
 * Timestamped copies of a store taken before each edit, in `<dataDir>/keystore-backups/`: the
 * bytes in `<id>.keystore` and what they are in `<id>.json`, written last so a half-made backup
 * is never listed.
 */
export class KeystoreBackups {
  readonly dir: string;

  constructor(
    dataDir: string,
    private readonly now: () => Date,
  ) {
    this.dir = join(dataDir, 'keystore-backups');
  }

  async create(originalPath: string, bytes: Uint8Array, operation: string): Promise<KeystoreBackup> {
    const createdAt = this.now();
    const id = `${createdAt.toISOString().replace(/[-:.]/g, '')}-${randomBytes(4).toString('hex')}`;
    const backup: KeystoreBackup = { id, originalPath, createdAt: createdAt.toISOString(), operation, sha256: nodeHashHex('sha256', bytes), size: bytes.length };
    try {
      await mkdir(this.dir, { recursive: true, mode: 0o700 });
      await writeFilesAllOrNothing([
        { path: join(this.dir, `${id}.keystore`), bytes, secret: true },
        { path: join(this.dir, `${id}.json`), bytes: JSON.stringify(backup, null, 2), secret: true },
      ]);
    } catch (err) {
      throw new CertbenchError('io', `Could not write the backup in ${this.dir}: ${(err as Error).message}; nothing was changed`, { cause: err });
    }
    return backup;
  }

  /** Newest first; only backups of `originalPath` when given. */
  async list(originalPath?: string): Promise<KeystoreBackup[]> {
    const names = await readdir(this.dir).catch(() => [] as string[]);
    // The schema (and zod with it) loads only when backups are read, keeping `keystore list` light.
    const { KeystoreBackupSchema } = await import('../../../shared/model/keystore.js');
    const out: KeystoreBackup[] = [];
    for (const name of names.filter((n) => n.endsWith('.json'))) {
      const parsed = KeystoreBackupSchema.safeParse(JSON.parse(await readFile(join(this.dir, name), 'utf8').catch(() => 'null')));
      if (parsed.success && (!originalPath || parsed.data.originalPath === originalPath)) out.push(parsed.data);
    }
    return out.sort((a, b) => b.id.localeCompare(a.id));
  }

  /** A backup's record and bytes, checked against the SHA-256 taken when it was made. */
  async get(id: string): Promise<{ backup: KeystoreBackup; bytes: Uint8Array }> {
    if (!ID_PATTERN.test(id)) throw new CertbenchError('invalid-request', `"${id}" is not a backup id`);
    const backup = (await this.list()).find((b) => b.id === id);
    if (!backup) throw new CertbenchError('not-found', `No keystore backup with id ${id}`);
    const path = join(this.dir, `${id}.keystore`);
    const bytes = new Uint8Array(await readFile(path).catch((err: unknown) => Promise.reject(fsError(err, path))));
    if (nodeHashHex('sha256', bytes) !== backup.sha256) throw new CertbenchError('verification-failed', `Backup ${id} is damaged: its SHA-256 no longer matches`);
    return { backup, bytes };
  }
}
