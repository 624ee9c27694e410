/**
 * Prints a listing (SHA-256 of every file, target of every link) of the host's trust stores and
 * every JDK's cacerts. `npm test` takes one before and one after the whole run and fails if they
 * differ: no test may change the machine's real stores.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { HOST_STORE_PATHS, hashHostStores } from './helpers/trust-host-guard.js';

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

process.stdout.write(`${hashHostStores([...HOST_STORE_PATHS, ...jdkCacerts()]).join('\n')}\n`);
