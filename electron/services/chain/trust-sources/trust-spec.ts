import { CertbenchError } from '../../../../shared/errors.js';
import type { ServiceEnv } from '../../service-env.js';
import { linuxBundleSource, mozillaSource, pemSource } from './file-sources.js';
import { jdkSource } from './jdk-source.js';
import { discoveredNssSources, nssSource } from './nss-source.js';
import { osStoreSource } from './os-store-source.js';
import type { TrustSource } from './trust-source.js';

/** Overrides for where sources live, so tests never read the host's stores. */
export interface TrustSourcePaths {
  readonly mozillaDir?: string;
  readonly systemBundles?: readonly string[];
}

/**
 * Every `--trust` spelling as sources, `jdks` expanded to each cacerts the machine's JDKs use
 * (the keystore service's discovery, the same the trust map shows), one source per cacerts so
 * each gets its own Java verdict; `nssdbs` likewise to each NSS database the trust map finds.
 */
export async function trustSourcesFromSpecs(specs: readonly string[], env: ServiceEnv, paths: TrustSourcePaths = {}): Promise<TrustSource[]> {
  const out: TrustSource[] = [];
  for (const spec of specs) {
    if (spec.trim() === 'nssdbs') {
      out.push(...(await discoveredNssSources(env)));
      continue;
    }
    if (spec.trim() !== 'jdks') {
      out.push(trustSourceFromSpec(spec, env, paths));
      continue;
    }
    const { discoverJdks } = await import('../../keystore/jdk-discovery.js');
    const { cacerts } = await discoverJdks(env);
    if (cacerts.length === 0) throw new CertbenchError('not-found', 'No JDK found on this machine (--trust jdks); name a cacerts with --trust jdk:PATH');
    out.push(...cacerts.map((c) => jdkSource(env.env, c.path)));
  }
  return out;
}

/**
 * Turns a `--trust` spelling into a source: `system` (the OS store; on Linux the system bundle),
 * `mozilla`, `jdk` / `jdk:PATH` (a cacerts), `nss:DIR` (an NSS database), `pem:PATH` or a bare PATH (bundle or folder).
 */
export function trustSourceFromSpec(spec: string, env: ServiceEnv, paths: TrustSourcePaths = {}): TrustSource {
  const text = spec.trim();
  if (text === 'system' || text === 'os') return systemSource(env, paths);
  if (text === 'mozilla') return mozillaSource(paths.mozillaDir);
  if (text === 'jdk') return jdkSource(env.env);
  if (text.startsWith('jdk:')) return jdkSource(env.env, text.slice(4));
  if (text.startsWith('nss:')) return nssSource(env, text.slice(4));
  if (text.startsWith('pem:')) return pemSource(text.slice(4));
  if (text.length === 0) throw new CertbenchError('invalid-request', 'Empty trust source; use system, mozilla, jdk[:PATH], jdks, nss:DIR, nssdbs or pem:PATH');
  return pemSource(text);
}

function systemSource(env: ServiceEnv, paths: TrustSourcePaths): TrustSource {
  return env.platform === 'linux' ? linuxBundleSource(paths.systemBundles) : osStoreSource(env);
}
