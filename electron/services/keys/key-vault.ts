import { createPrivateKey, type KeyObject } from 'node:crypto';
import { mkdir, readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { CertbenchError } from '../../../shared/errors.js';
import type { KeyInfo } from '../../../shared/model/keys.js';
import { fsError } from '../files/read-input.js';
import { writeFilesAllOrNothing } from '../files/safe-write.js';

const ID = /^[0-9a-f-]{36}$/;

/**
 * Keys Certbench generated, kept in `<dataDir>/keys/` as encrypted PKCS#8 (mode 0600, folder 0700)
 * beside a JSON card of public facts, so they can be listed and matched without a passphrase.
 */
export class KeyVault {
  readonly dir: string;

  constructor(dataDir: string) {
    this.dir = join(dataDir, 'keys');
  }

  async save(info: KeyInfo, encryptedPem: string): Promise<string> {
    try {
      await mkdir(this.dir, { recursive: true, mode: 0o700 });
    } catch (err) {
      throw fsError(err, this.dir);
    }
    const keyPath = this.keyPath(info.id);
    await writeFilesAllOrNothing([
      { path: keyPath, bytes: encryptedPem, secret: true },
      { path: join(this.dir, `${info.id}.json`), bytes: `${JSON.stringify(info, null, 2)}\n`, secret: true },
    ]);
    return keyPath;
  }

  async list(): Promise<KeyInfo[]> {
    let names: string[];
    try {
      names = await readdir(this.dir);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw fsError(err, this.dir);
    }
    // The schema (zod) loads only here: making and saving a key must not pay for it.
    const { KeyInfoSchema } = await import('../../../shared/model/keys.js');
    const infos: KeyInfo[] = [];
    for (const name of names.filter((n) => n.endsWith('.json')).sort()) {
      const parsed = KeyInfoSchema.safeParse(JSON.parse(await readFile(join(this.dir, name), 'utf8').catch(() => 'null')));
      if (parsed.success) infos.push(parsed.data);
    }
    return infos;
  }

  /** Decrypts a vault key; this reads only Certbench's own PKCS#8 files, user files go through readPrivateKey. */
  async unlock(id: string, passphrase: string): Promise<KeyObject> {
    if (!ID.test(id)) throw new CertbenchError('not-found', `No key with id ${id}`);
    let pem: string;
    try {
      pem = await readFile(this.keyPath(id), 'utf8');
    } catch (err) {
      throw fsError(err, this.keyPath(id));
    }
    try {
      return createPrivateKey({ key: pem, format: 'pem', passphrase });
    } catch (err) {
      throw new CertbenchError('wrong-password', 'The passphrase does not open this key', { cause: err });
    }
  }

  keyPath(id: string): string {
    return join(this.dir, `${id}.key.pem`);
  }
}
