import { access } from 'node:fs/promises';
import { join } from 'node:path';
import { CertbenchError } from '../../../../shared/errors.js';
import { findPemBlocks } from '../../../../shared/pki/pem.js';
import type { ProcessRunner } from '../../process/process-runner.js';
import type { TrustSource } from './trust-source.js';

/** Where a JDK keeps cacerts: Java 9+ layout, Java 8 layout, then Debian's shared store. */
export function cacertsCandidates(env: NodeJS.ProcessEnv): string[] {
  const out: string[] = [];
  if (env.JAVA_HOME) out.push(join(env.JAVA_HOME, 'lib', 'security', 'cacerts'), join(env.JAVA_HOME, 'jre', 'lib', 'security', 'cacerts'));
  out.push('/etc/ssl/certs/java/cacerts');
  return out;
}

/**
 * A JDK's cacerts, listed with the JDK's own keytool (`-list -rfc` prints every entry as PEM),
 * so JKS and PKCS#12 stores of any JDK read the way Java reads them. The store password goes
 * through the environment (`-storepass:env`), never argv; cacerts' documented default is used.
 */
export function jdkSource(runner: ProcessRunner, env: NodeJS.ProcessEnv, path?: string): TrustSource {
  return {
    id: path ? `jdk:${path}` : 'jdk',
    load: async () => {
      const store = path ?? (await firstExisting(cacertsCandidates(env)));
      const result = await runner.run({
        file: 'keytool',
        args: ['-list', '-rfc', '-keystore', store, '-storepass:env', 'CERTBENCH_STOREPASS'],
        env: { PATH: env.PATH ?? '/usr/bin:/bin', JAVA_HOME: env.JAVA_HOME, CERTBENCH_STOREPASS: 'changeit' },
        timeoutMs: 60_000,
      });
      if (result.exitCode !== 0) {
        const line = (result.stdout + result.stderr).split('\n').find((l) => /error/i.test(l)) ?? 'keytool failed';
        throw new CertbenchError('tool-failed', `Reading ${store}: ${line.trim()}`);
      }
      const certificates = findPemBlocks(result.stdout).filter((b) => b.label === 'CERTIFICATE').map((b) => b.der);
      return { label: `JDK cacerts ${store}`, certificates };
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
