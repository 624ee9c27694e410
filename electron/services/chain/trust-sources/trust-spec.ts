import { CertbenchError } from '../../../../shared/errors.js';
import type { SkippedTrustSource } from '../../../../shared/model/chain.js';
import type { ServiceEnv } from '../../service-env.js';
import { linuxBundleSource, mozillaSource, pemSource } from './file-sources.js';
import { jdkSource } from './jdk-source.js';
import type { LocalStores } from './local-stores.js';
import { nssSource } from './nss-source.js';
import { osStoreSource } from './os-store-source.js';
import type { TrustAnchors, TrustSource } from './trust-source.js';

/** Overrides for where sources live, so tests never read the host's stores. */
export interface TrustSourcePaths {
  readonly mozillaDir?: string;
  readonly systemBundles?: readonly string[];
}

/**
 * The sources `--trust` names, and what discovery could not offer. A source found by `jdks` /
 * `nssdbs` is the machine's, not the user's choice: when there is none, or one cannot be read,
 * the run goes on without it and the report says so.
 */
export interface TrustSourceList {
  readonly sources: readonly { readonly source: TrustSource; readonly discovered: boolean }[];
  readonly skipped: readonly SkippedTrustSource[];
}

/** Loaded anchors, and the discovered stores left out with why. */
export interface LoadedTrust {
  readonly anchors: readonly TrustAnchors[];
  readonly skipped: readonly SkippedTrustSource[];
}

/**
 * Every `--trust` spelling as sources, `jdks` expanded to each cacerts the machine's JDKs use
 * (the keystore service's discovery, the same the trust map shows), one source per cacerts so
 * each gets its own Java verdict; `nssdbs` likewise to each NSS database the trust map finds.
 */
export async function trustSourcesFromSpecs(specs: readonly string[], env: ServiceEnv, local: LocalStores, paths: TrustSourcePaths = {}): Promise<TrustSourceList> {
  const sources: { source: TrustSource; discovered: boolean }[] = [];
  const skipped: SkippedTrustSource[] = [];
  for (const spec of specs) {
    const text = spec.trim();
    if (text === 'jdks' || text === 'nssdbs') {
      const found = await discover(text, env, local).catch((err: unknown) => {
        skipped.push({ source: text, reason: `looking for them failed: ${err instanceof Error ? err.message : String(err)}` });
        return undefined;
      });
      if (found?.length === 0) skipped.push({ source: text, reason: text === 'jdks' ? 'no JDK found on this machine' : 'no NSS database found on this machine' });
      sources.push(...(found ?? []).map((source) => ({ source, discovered: true })));
    } else sources.push({ source: trustSourceFromSpec(spec, env, paths), discovered: false });
  }
  return { sources, skipped };
}

async function discover(spec: 'jdks' | 'nssdbs', env: ServiceEnv, local: LocalStores): Promise<TrustSource[]> {
  if (spec === 'jdks') return (await local.jdkCacerts()).map((path) => jdkSource(env.env, path));
  return (await local.nssDbs()).map((db) => nssSource(env, db.dir, db.detail));
}

/**
 * Loads every source at once. A named source that fails fails the run (the user asked for it); a
 * discovered one that fails is skipped with its reason. With nothing left there is nothing to
 * verify against, which is an input error naming what to give instead.
 */
export async function loadTrustSources(list: TrustSourceList): Promise<LoadedTrust> {
  const settled = await Promise.allSettled(list.sources.map((s) => s.source.load()));
  const anchors: TrustAnchors[] = [];
  const skipped = [...list.skipped];
  settled.forEach((result, i) => {
    const { source, discovered } = list.sources[i]!;
    if (result.status === 'fulfilled') anchors.push(result.value);
    else if (discovered) skipped.push({ source: source.id, reason: reasonWithout(source.id, result.reason) });
    else throw result.reason;
  });
  if (anchors.length === 0) {
    const why = skipped.map((s) => `${s.source}: ${s.reason}`).join('; ');
    throw new CertbenchError('not-found', `No trust source could be used (${why}); name one with --trust system, jdk:PATH, nss:DIR or pem:PATH`);
  }
  return { anchors, skipped };
}

/** The error's message without the store's name in front (the skipped line names it already). */
function reasonWithout(id: string, err: unknown): string {
  const text = err instanceof Error ? err.message : String(err);
  if (!text.startsWith(id)) return text;
  return text.slice(id.length).replace(/^(:| is)?\s*/, '') || text;
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
