import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { TrustAnchors } from './trust-source.js';

interface Cached {
  readonly version: string;
  readonly anchors: TrustAnchors;
}

/** Distinct stores a long-running process keeps parsed (the app's sources plus a few PEM files). */
const MAX_ENTRIES = 32;
const cache = new Map<string, Cached>();

/**
 * A file-backed source's anchors, parsed once per version of its file or folder: a warm process (the
 * app, a scan of many endpoints) verifies chain after chain against the same system bundle or PEM
 * file, and parsing it costs as much as a loopback handshake. The version is the device, inode,
 * size, modification and change times of the path (and of each entry of a folder), so replacing,
 * rewriting or touching the store reloads it. The same object comes back while the version holds,
 * which lets the analysis reuse its index of these anchors.
 */
export async function anchorsOf(key: string, path: string, load: () => Promise<TrustAnchors>): Promise<TrustAnchors> {
  const version = versionOf(path);
  const hit = cache.get(key);
  if (version !== undefined && hit?.version === version) return hit.anchors;
  // The version is read before loading: a change while loading makes the next call load again.
  const anchors = await load();
  if (version === undefined) return anchors;
  cache.delete(key);
  cache.set(key, { version, anchors });
  if (cache.size > MAX_ENTRIES) cache.delete(cache.keys().next().value!);
  return anchors;
}

/**
 * Undefined when the path cannot be read: the loader then reports why, and nothing is cached.
 * Synchronous: a stat is microseconds, a round trip through libuv's thread pool is not.
 */
function versionOf(path: string): string | undefined {
  const stamp = (p: string) => {
    const info = statSync(p, { throwIfNoEntry: false });
    return info && { info, text: `${info.dev}:${info.ino}:${info.size}:${info.mtimeMs}:${info.ctimeMs}` };
  };
  try {
    const own = stamp(path);
    if (!own?.info.isDirectory()) return own?.text;
    const names = readdirSync(path).sort();
    return [own.text, ...names.map((name) => `${name}=${stamp(join(path, name))?.text ?? '?'}`)].join('|');
  } catch {
    return undefined;
  }
}
