import { mkdtemp, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { pemSource } from '../../../electron/services/chain/trust-sources/file-sources.js';
import { issue } from '../../helpers/chain-certs.js';

describe('trust sources in a warm process', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'certbench-anchor-cache-'));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('parse a PEM file once while it is unchanged, and again after it is rewritten or replaced', async () => {
    const [a, b] = await Promise.all([issue({ name: 'Cache Root A', ca: true }), issue({ name: 'Cache Root B', ca: true })]);
    const path = join(dir, 'roots.pem');
    await writeFile(path, a.pem);
    const source = pemSource(path);
    const first = await source.load();
    expect(await source.load()).toBe(first);
    expect(await pemSource(path).load()).toBe(first);

    await writeFile(path, a.pem + b.pem);
    const rewritten = await source.load();
    expect(rewritten).not.toBe(first);
    expect(rewritten.certificates).toHaveLength(2);

    await writeFile(join(dir, 'next.pem'), b.pem);
    await rename(join(dir, 'next.pem'), path);
    const replaced = await source.load();
    expect(replaced.certificates).toHaveLength(1);
    expect(replaced.certificates[0]).toEqual(b.der);
  });

  it('reload a folder when a file is added to it', async () => {
    const [a, b] = await Promise.all([issue({ name: 'Folder Root A', ca: true }), issue({ name: 'Folder Root B', ca: true })]);
    await writeFile(join(dir, 'a.pem'), a.pem);
    const source = pemSource(dir);
    const first = await source.load();
    expect(first.certificates).toHaveLength(1);
    await writeFile(join(dir, 'b.pem'), b.pem);
    expect((await source.load()).certificates).toHaveLength(2);
  });

  it('report a store that went away instead of serving the old copy', async () => {
    const a = await issue({ name: 'Gone Root', ca: true });
    const path = join(dir, 'gone.pem');
    await writeFile(path, a.pem);
    await pemSource(path).load();
    await rm(path);
    await expect(pemSource(path).load()).rejects.toMatchObject({ code: 'not-found' });
  });
});
