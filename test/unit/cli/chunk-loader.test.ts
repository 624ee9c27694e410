import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ChunkLoader, commandCacheDir } from '../../../electron/cli/launch/chunk-loader.js';

describe('ChunkLoader', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'certbench-chunks-'));
    writeFileSync(join(dir, 'certbench.cjs'), 'const b = require("./chunk-B1.cjs"); module.exports = { answer: b.twice(21), sep: require("node:path").sep, loads: b.loads };');
    writeFileSync(join(dir, 'chunk-B1.cjs'), 'exports.loads = (globalThis.__certbenchChunkLoads = (globalThis.__certbenchChunkLoads ?? 0) + 1); exports.twice = (n) => n * 2;');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('runs chunks that require each other and built-in modules, each chunk once', () => {
    const loader = new ChunkLoader(dir, join(dir, '.code-cache', 'x'));
    const first = loader.require('./certbench.cjs') as { answer: number; sep: string; loads: number };
    expect(first).toMatchObject({ answer: 42, sep: '/' });
    expect(loader.require('./chunk-B1.cjs')).toMatchObject({ loads: first.loads });
  });

  it('writes a cache per compiled chunk, which the next run uses instead of writing again', () => {
    const cacheDir = join(dir, '.code-cache', 'x');
    const first = new ChunkLoader(dir, cacheDir);
    first.require('./certbench.cjs');
    expect(first.saveCaches()).toBe(2);
    expect(readdirSync(cacheDir).sort()).toEqual(['certbench.cjs.v8cache', 'chunk-B1.cjs.v8cache']);

    const second = new ChunkLoader(dir, cacheDir);
    expect((second.require('./certbench.cjs') as { answer: number }).answer).toBe(42);
    expect(second.saveCaches()).toBe(0);

    // A rebuilt chunk (V8 rejects the old cache: another length), a corrupt cache, a missing one.
    writeFileSync(join(dir, 'chunk-B1.cjs'), 'exports.loads = 0; exports.twice = (n) => n + n;');
    writeFileSync(join(dir, 'certbench.cjs'), `${readFileSync(join(dir, 'certbench.cjs'), 'utf8')}\n`);
    writeFileSync(join(cacheDir, 'certbench.cjs.v8cache'), 'not a V8 cache');
    writeFileSync(join(dir, 'chunk-C1.cjs'), 'exports.c = 1;');
    const third = new ChunkLoader(dir, cacheDir);
    expect((third.require('./certbench.cjs') as { answer: number }).answer).toBe(42);
    expect(third.require('./chunk-C1.cjs')).toEqual({ c: 1 });
    expect(third.saveCaches()).toBe(3);
    expect(readFileSync(join(cacheDir, 'certbench.cjs.v8cache'), 'latin1')).not.toBe('not a V8 cache');
  });

  it('runs without a cache when the cache directory cannot be written', () => {
    writeFileSync(join(dir, 'blocker'), '');
    const loader = new ChunkLoader(dir, join(dir, 'blocker', 'x'));
    expect((loader.require('./certbench.cjs') as { answer: number }).answer).toBe(42);
    expect(loader.saveCaches()).toBe(0);
  });

  it('gives up on a cache directory where mkdir answers ENOENT under an existing parent (/proc), instead of looping', () => {
    const loader = new ChunkLoader(dir, '/proc/certbench-no-cache/build/default');
    expect((loader.require('./certbench.cjs') as { answer: number }).answer).toBe(42);
    expect(loader.saveCaches()).toBe(0);
  });
});

describe('commandCacheDir', () => {
  it('keeps one cache per top-level command, and one for anything else', () => {
    expect(commandCacheDir('/c', ['chain', 'fetch', 'host'])).toBe('/c/chain');
    expect(commandCacheDir('/c', ['--version'])).toBe('/c/default');
    expect(commandCacheDir('/c', ['../../etc'])).toBe('/c/default');
    expect(commandCacheDir('/c', [])).toBe('/c/default');
  });
});
