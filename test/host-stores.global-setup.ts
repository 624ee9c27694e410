import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { HOST_STORE_PATHS, hashHostStores } from './helpers/trust-host-guard.js';

/** Every JDK's own cacerts on this machine (often links to /etc/ssl/certs/java/cacerts). */
function jdkCacerts(): string[] {
  try {
    return readdirSync('/usr/lib/jvm').flatMap((jdk) => [
      join('/usr/lib/jvm', jdk, 'lib', 'security', 'cacerts'),
      join('/usr/lib/jvm', jdk, 'jre', 'lib', 'security', 'cacerts'),
    ]);
  } catch {
    return [];
  }
}

/**
 * Run-wide promise: the host's trust stores and JDK cacerts are byte-identical after the whole
 * test run, not only after the trust suites that check it file by file.
 */
export function setup(): () => void {
  const paths = [...HOST_STORE_PATHS, ...jdkCacerts()];
  const before = hashHostStores(paths);
  return () => {
    const after = hashHostStores(paths);
    const changed = after.filter((line) => !before.includes(line)).concat(before.filter((line) => !after.includes(line)));
    if (changed.length > 0) throw new Error(`The host's trust stores changed during the tests:\n${changed.slice(0, 20).join('\n')}`);
  };
}
