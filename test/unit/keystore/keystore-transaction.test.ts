import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KeystoreBackups } from '../../../electron/services/keystore/keystore-backups.js';
import { editKeystore, type EditPlan } from '../../../electron/services/keystore/keystore-transaction.js';
import { CertbenchError } from '../../../shared/errors.js';

describe('editKeystore: backup, temp copy, verify, atomic replace', () => {
  let dir: string;
  let store: string;
  let backups: KeystoreBackups;
  const original = new TextEncoder().encode('original bytes');

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'certbench-ks-tx-'));
    store = join(dir, 'store.jks');
    await writeFile(store, original);
    backups = new KeystoreBackups(join(dir, 'data'), () => new Date('2026-11-23T12:00:00Z'));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  const plan = (overrides: Partial<EditPlan<string>>): EditPlan<string> => ({
    operation: 'test edit',
    precheck: async () => undefined,
    edit: (temp) => writeFile(temp, 'edited bytes'),
    verify: async (temp) => readFile(temp, 'utf8'),
    ...overrides,
  });
  const storeFiles = async () => (await readdir(dir)).filter((n) => n !== 'data').sort();

  it('replaces the store only after the edit verifies, keeping a backup of the original', async () => {
    const outcome = await editKeystore(store, backups, plan({}));
    expect(await readFile(store, 'utf8')).toBe('edited bytes');
    expect(outcome.result).toBe('edited bytes');
    expect((await backups.get(outcome.backup.id)).bytes).toEqual(original);
    expect(await storeFiles()).toEqual(['store.jks']);
  });

  it('leaves the original byte-identical and no temp file when the tool fails or the check fails', async () => {
    const failures: Partial<EditPlan<string>>[] = [
      { edit: async (temp) => { await writeFile(temp, 'half written'); throw new CertbenchError('tool-failed', 'keytool exited 1'); } },
      { verify: async () => { throw new CertbenchError('verification-failed', 'alias missing'); } },
    ];
    for (const failure of failures) {
      await expect(editKeystore(store, backups, plan(failure))).rejects.toBeInstanceOf(CertbenchError);
      expect(new Uint8Array(await readFile(store))).toEqual(original);
      expect(await storeFiles()).toEqual(['store.jks']);
    }
  });

  it('gives up when another program rewrote the store during the edit', async () => {
    await expect(editKeystore(store, backups, plan({ edit: async (temp) => { await writeFile(temp, 'mine'); await writeFile(store, 'theirs'); } }))).rejects.toMatchObject({
      code: 'conflict',
    });
    expect(await readFile(store, 'utf8')).toBe('theirs');
    expect(await storeFiles()).toEqual(['store.jks']);
  });

  it('takes no backup when the precheck refuses (wrong password, duplicate alias)', async () => {
    await expect(editKeystore(store, backups, plan({ precheck: async () => { throw new CertbenchError('wrong-password', 'no'); } }))).rejects.toMatchObject({ code: 'wrong-password' });
    expect(await backups.list()).toEqual([]);
  });

  it('rejects backup ids that could leave the backup folder', async () => {
    await expect(backups.get('../../etc/passwd')).rejects.toMatchObject({ code: 'invalid-request' });
  });
});
