import { execFileSync } from 'node:child_process';
import { chmod, chown, lstat, mkdir, mkdtemp, readdir, readFile, rm, stat, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { readInputFile } from '../../../electron/services/files/read-input.js';
import { assertWritable, removeAbandonedTemps, writeFilesAllOrNothing, writeFileSafely } from '../../../electron/services/files/safe-write.js';

/** A target whose final hard link fails (a disk error at the last moment), to exercise the rollback. */
let failLinkTo: string | undefined;
vi.mock('node:fs/promises', async (importOriginal) => {
  const real = await importOriginal<typeof import('node:fs/promises')>();
  return {
    ...real,
    link: (from: string, to: string) => (to === failLinkTo ? Promise.reject(Object.assign(new Error('EIO: i/o error, link'), { code: 'EIO' })) : real.link(from, to)),
  };
});

const NOBODY = 65534;
const asRoot = process.getuid?.() === 0;

describe('the one safe write', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'certbench-safe-write-'));
  });
  afterEach(async () => {
    failLinkTo = undefined;
    await rm(dir, { recursive: true, force: true });
  });
  const p = (name: string) => join(dir, name);
  const entries = async () => (await readdir(dir)).sort();

  it('creates public files 0644 and secrets 0600 whatever the umask, leaving no temp behind', async () => {
    const old = process.umask(0o000);
    try {
      await writeFileSafely(p('cert.pem'), 'public');
      await writeFileSafely(p('key.pem'), 'secret', { secret: true });
    } finally {
      process.umask(old);
    }
    expect((await stat(p('cert.pem'))).mode & 0o777).toBe(0o644);
    expect((await stat(p('key.pem'))).mode & 0o777).toBe(0o600);
    expect(await entries()).toEqual(['cert.pem', 'key.pem']);
  });

  it.runIf(asRoot)('as root, a replaced file keeps its mode and owner (a nobody-owned 0600 file stays so)', async () => {
    await writeFile(p('store.pem'), 'old');
    await chmod(p('store.pem'), 0o600);
    await chown(p('store.pem'), NOBODY, NOBODY);
    await writeFileSafely(p('store.pem'), 'new', { overwrite: true });
    const info = await stat(p('store.pem'));
    expect([info.mode & 0o777, info.uid, info.gid]).toEqual([0o600, NOBODY, NOBODY]);
    expect(await readFile(p('store.pem'), 'utf8')).toBe('new');
  });

  it('a secret replacing a group/world-readable file keeps only the owner bits', async () => {
    await writeFile(p('key.pem'), 'old');
    await chmod(p('key.pem'), 0o644);
    await writeFileSafely(p('key.pem'), 'new', { overwrite: true, secret: true });
    expect((await stat(p('key.pem'))).mode & 0o777).toBe(0o600);
  });

  it('never writes through a symbolic link planted at the target', async () => {
    await writeFile(p('victim'), 'untouched');
    await chmod(p('victim'), 0o600);
    await symlink(p('victim'), p('out.pem'));
    for (const overwrite of [false, true]) {
      await expect(writeFileSafely(p('out.pem'), 'attacker chosen', { overwrite })).rejects.toMatchObject({
        code: 'not-a-file',
        message: expect.stringContaining('is a symbolic link'),
      });
    }
    expect(await readFile(p('victim'), 'utf8')).toBe('untouched');
    expect((await lstat(p('out.pem'))).isSymbolicLink()).toBe(true);
  });

  it('does not follow links planted at the old predictable temp names', async () => {
    await writeFile(p('victim'), 'untouched');
    await writeFile(p('bundle.pem'), 'old bundle');
    for (const name of [`bundle.pem.certbench-${process.pid}.tmp`, '.bundle.pem.tmp', '.certbench-tmp']) await symlink(p('victim'), p(name));
    await writeFileSafely(p('bundle.pem'), 'new bundle', { overwrite: true });
    expect(await readFile(p('victim'), 'utf8')).toBe('untouched');
    expect(await readFile(p('bundle.pem'), 'utf8')).toBe('new bundle');
    expect((await lstat(p('bundle.pem'))).isFile()).toBe(true);
  });

  it('checks every output before writing any: an existing second file leaves the first absent', async () => {
    await writeFile(p('b.key'), 'keep');
    const write = writeFilesAllOrNothing([
      { path: p('a.pem'), bytes: 'a' },
      { path: p('b.key'), bytes: 'b', secret: true },
    ]);
    await expect(write).rejects.toMatchObject({ code: 'conflict', message: `${p('b.key')} already exists; choose another name or allow overwriting` });
    expect(await entries()).toEqual(['b.key']);
    expect(await readFile(p('b.key'), 'utf8')).toBe('keep');
  });

  it('puts earlier files back when a later one fails at install time', async () => {
    await writeFile(p('a.pem'), 'old a');
    failLinkTo = p('b.pem');
    const write = writeFilesAllOrNothing(
      [
        { path: p('a.pem'), bytes: 'new a' },
        { path: p('new.pem'), bytes: 'new' },
        { path: p('b.pem'), bytes: 'b' },
      ],
      { overwrite: true },
    );
    await expect(write).rejects.toMatchObject({ code: 'io', message: expect.stringContaining(p('b.pem')) });
    expect(await entries()).toEqual(['a.pem']);
    expect(await readFile(p('a.pem'), 'utf8')).toBe('old a');
  });

  it('names the failure: missing folder, long name, directory, FIFO, an input as output', async () => {
    await expect(writeFileSafely(p('missing/out.pem'), 'x')).rejects.toMatchObject({
      code: 'not-found',
      message: `The directory ${p('missing')} does not exist; create it first or choose another folder`,
    });
    await expect(writeFileSafely(p('a'.repeat(300)), 'x')).rejects.toMatchObject({ code: 'name-too-long', message: expect.stringContaining('300 bytes long') });
    await mkdir(p('folder'));
    await expect(writeFileSafely(p('folder'), 'x', { overwrite: true })).rejects.toMatchObject({ code: 'is-directory' });
    execFileSync('mkfifo', [p('fifo')]);
    await expect(writeFileSafely(p('fifo'), 'x', { overwrite: true })).rejects.toMatchObject({ code: 'not-a-file', message: `${p('fifo')} is a FIFO (named pipe), not a file` });
    await writeFile(p('in.pem'), 'input');
    await expect(writeFileSafely(p('in.pem'), 'x', { overwrite: true, inputs: [p('in.pem')] })).rejects.toMatchObject({ code: 'conflict' });
    await expect(assertWritable([p('in.pem')])).rejects.toMatchObject({ code: 'conflict' });
    expect(await readFile(p('in.pem'), 'utf8')).toBe('input');
  });

  it('reading a FIFO or a device is a sentence with a code, never "empty" or a hang', async () => {
    execFileSync('mkfifo', [p('fifo')]);
    await expect(readInputFile(p('fifo'))).rejects.toMatchObject({ code: 'not-a-file', message: `${p('fifo')} is a FIFO (named pipe), not a file` });
    await expect(readInputFile('/dev/null')).rejects.toMatchObject({ code: 'not-a-file', message: '/dev/null is a device, not a file' });
    await expect(readInputFile(p(`${'n'.repeat(300)}.pem`))).rejects.toMatchObject({ code: 'name-too-long' });
  });

  it('removes temp folders of processes that are gone, keeps those of running ones', async () => {
    const dead = execFileSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
    await mkdir(p(`.certbench-${dead}-AbC123`));
    await writeFile(p(`.certbench-${dead}-AbC123/keystore`), 'left by a kill');
    await mkdir(p(`.certbench-${process.ppid}-XyZ789`));
    await removeAbandonedTemps(dir);
    expect(await entries()).toEqual([`.certbench-${process.ppid}-XyZ789`]);
  });
});
