import { chmodSync, cpSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { bindMounts, runInMountNamespace, type NamespaceRun } from './mount-namespace.js';
import { cleanEnv } from './trust-pki.js';

/**
 * The Debian system store as a throw-away copy: /etc/ssl/certs (with java/cacerts), the CA
 * directories, ca-certificates.conf and the hooks directory, each bind-mounted over the real path
 * inside `unshare -m` only. The hooks directory holds a stand-in for ca-certificates-java's
 * `jks-keystore`: the real hook hands its `+`/`-` lines to a dpkg trigger, which would touch the
 * host's dpkg database, so the stand-in feeds them straight to the same ca-certificates-java jar the
 * trigger runs, which edits /etc/ssl/certs/java/cacerts (here: the copy).
 */
const BOUND = [
  ['/etc/ssl/certs', 'etc-ssl-certs'],
  ['/usr/local/share/ca-certificates', 'local-ca-certificates'],
  ['/usr/share/ca-certificates', 'share-ca-certificates'],
  ['/etc/ca-certificates.conf', 'ca-certificates.conf'],
  ['/etc/ca-certificates/update.d', 'hooks'],
] as const;

export const CA_CERTIFICATES_JAVA_JAR = '/usr/share/ca-certificates-java/ca-certificates-java.jar';

export function prepareDebianCopies(dir: string): string[] {
  const copies: string[] = [];
  for (const [host, name] of BOUND) {
    const copy = join(dir, name);
    if (name === 'hooks') {
      mkdirSync(copy, { recursive: true });
      const hook = join(copy, 'jks-keystore');
      writeFileSync(
        hook,
        ['#!/bin/sh', 'set -e', `pending=$(mktemp)`, 'cat - > "$pending"', `java -Xmx64m -jar ${CA_CERTIFICATES_JAVA_JAR} -storepass changeit < "$pending"`, 'rm -f "$pending"', ''].join('\n'),
      );
      chmodSync(hook, 0o755);
    } else if (name === 'local-ca-certificates') {
      mkdirSync(copy, { recursive: true });
    } else {
      cpSync(host, copy, { recursive: true, verbatimSymlinks: true });
    }
    copies.push(copy);
  }
  return copies;
}

/** Runs argv inside a private mount namespace with the copies over the real store paths. */
export function runInDebianNamespace(copies: readonly string[], argv: readonly string[], env: Record<string, string> = {}): NamespaceRun {
  const mounts = bindMounts(BOUND.map(([host], i) => [copies[i]!, host] as const));
  return runInMountNamespace({ mounts }, argv, cleanEnv(env));
}
