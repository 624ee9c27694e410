import { access } from 'node:fs/promises';
import { join } from 'node:path';
import { CertbenchError } from '../../../../shared/errors.js';
import { anchorsOf } from './anchor-cache.js';
import type { TrustSource } from './trust-source.js';

/** Where a JDK keeps cacerts: JAVA_HOME's Java 9+ and Java 8 layouts, then Debian's shared store. */
function cacertsCandidates(env: NodeJS.ProcessEnv): string[] {
  const out: string[] = [];
  if (env.JAVA_HOME) out.push(join(env.JAVA_HOME, 'lib', 'security', 'cacerts'), join(env.JAVA_HOME, 'jre', 'lib', 'security', 'cacerts'));
  out.push('/etc/ssl/certs/java/cacerts');
  return out;
}

/**
 * A JDK's cacerts (JKS or PKCS#12), read with the keystore service's native reader: no JVM start
 * and no password, since trusted-certificate entries are readable unverified (like
 * `keytool -list` without `-storepass`). Only trustedCert entries anchor paths, as in Java's PKIX.
 */
export function jdkSource(env: NodeJS.ProcessEnv, path?: string): TrustSource {
  return {
    id: path ? `jdk:${path}` : 'jdk',
    load: async () => {
      const store = path ?? (await firstExisting(cacertsCandidates(env)));
      return anchorsOf(`jdk:${store}`, store, async () => {
        // Loaded here, not at start-up: a fetch against PEM or system roots never reads a keystore.
        const { readKeystore } = await import('../../keystore/keystore-reader.js');
        const keystore = await readKeystore(store);
        const certificates = keystore.entries.filter((e) => e.entryType === 'trustedCert').flatMap((e) => e.certificates.map((c) => c.der));
        return { label: `JDK cacerts ${store}`, certificates, curated: true, clients: ['java'] };
      });
    },
  };
}

async function firstExisting(paths: readonly string[]): Promise<string> {
  for (const p of paths) {
    try {
      await access(p);
      return p;
    } catch {
      continue;
    }
  }
  throw new CertbenchError('not-found', `No JDK cacerts found (looked at ${paths.join(', ')}); use --trust jdk:PATH`);
}
