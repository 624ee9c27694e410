import { createHash } from 'node:crypto';
import { existsSync, lstatSync, readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect } from 'vitest';

/** The host's real trust stores, which no trust test may change (docs/trust-stores.md §7). */
export const HOST_STORE_PATHS = [
  '/etc/ssl/certs',
  '/usr/local/share/ca-certificates',
  '/usr/share/ca-certificates',
  '/etc/ca-certificates.conf',
  '/etc/ssl/certs/java/cacerts',
];

/** SHA-256 of every file and link target under the paths, as one sorted listing. */
export function hashHostStores(paths: readonly string[] = HOST_STORE_PATHS): string[] {
  const lines: string[] = [];
  const walk = (path: string) => {
    if (!existsSync(path) && !isLink(path)) return void lines.push(`${path} absent`);
    const st = lstatSync(path);
    if (st.isSymbolicLink()) lines.push(`${path} -> ${readlinkSync(path)}`);
    else if (st.isDirectory()) for (const name of readdirSync(path).sort()) walk(join(path, name));
    else lines.push(`${path} ${createHash('sha256').update(readFileSync(path)).digest('hex')} ${st.mode.toString(8)}`);
  };
  for (const p of paths) walk(p);
  return lines;
}

function isLink(path: string): boolean {
  try {
    return lstatSync(path).isSymbolicLink();
  } catch {
    return false;
  }
}

/** Registers before/after hooks asserting the host's stores are byte-identical after the file's tests. */
export function guardHostStores(): void {
  let before: string[] = [];
  beforeAll(() => {
    before = hashHostStores();
  });
  afterAll(() => {
    expect(hashHostStores()).toEqual(before);
  });
}
