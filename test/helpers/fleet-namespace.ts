import { cpSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { bindMounts, runInMountNamespace, type NamespaceRun } from './mount-namespace.js';
import { cleanEnv } from './trust-pki.js';

/** The host paths a fleet run may write, each replaced inside the namespace by a temp copy. */
const BOUND = [
  ['/etc/ssl/certs', 'etc-ssl-certs'],
  ['/usr/local/share/ca-certificates', 'local-ca-certificates'],
  ['/usr/share/ca-certificates', 'share-ca-certificates'],
  ['/etc/ca-certificates.conf', 'ca-certificates.conf'],
  ['/etc/ca-certificates/update.d', 'empty-hooks'],
] as const;

/** Temp copies of the system trust store, bind-mounted over the real paths by `runInStoreNamespace`. */
export function prepareStoreCopies(dir: string): Record<string, string> {
  const copies: Record<string, string> = {};
  for (const [host, name] of BOUND) {
    const copy = join(dir, name);
    if (name === 'empty-hooks') mkdirSync(copy, { recursive: true });
    else cpSync(host, copy, { recursive: true, verbatimSymlinks: true });
    copies[host] = copy;
  }
  return copies;
}

/**
 * Runs argv inside `unshare -m` (private mount propagation) after bind-mounting the copies over
 * the real store paths, with an empty hooks dir so ca-certificates-java's hook never runs. The
 * mounts vanish with the namespace; the host's files are never opened for writing.
 */
export function runInStoreNamespace(copies: Record<string, string>, argv: readonly string[], env: Record<string, string> = {}): NamespaceRun {
  const mounts = bindMounts(BOUND.map(([host]) => [copies[host]!, host] as const));
  return runInMountNamespace({ mounts }, argv, cleanEnv(env));
}
