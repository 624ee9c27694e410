import { readFile, realpath, stat } from 'node:fs/promises';
import { posix, win32 } from 'node:path';
import type { CacertsFormat, CacertsStore, Jdk, JdkDiscovery } from '../../../shared/model/keystore.js';
import type { ServiceEnv } from '../service-env.js';
import { listDirOrEmpty, type DiscoveryContext, type JdkCandidate } from './jdk-candidate.js';
import { javaHomeCandidates, pathCandidates } from './jdk-sources-common.js';
import { alternativesCandidates, usrLibJvmCandidates } from './jdk-sources-linux.js';
import { homebrewCandidates, javaHomeToolCandidates, macBundleCandidates } from './jdk-sources-macos.js';
import { programFilesCandidates, registryCandidates } from './jdk-sources-windows.js';
import { readKeystore } from './keystore-reader.js';
import { isWritable } from './keystore-write-access.js';

/** The sources each OS consults, in the order their names are reported. */
function sourcesFor(platform: NodeJS.Platform): ((ctx: DiscoveryContext) => Promise<JdkCandidate[]> | JdkCandidate[])[] {
  const common = [javaHomeCandidates, pathCandidates];
  if (platform === 'win32') return [...common, registryCandidates, programFilesCandidates];
  if (platform === 'darwin') return [...common, javaHomeToolCandidates, macBundleCandidates, homebrewCandidates];
  return [...common, usrLibJvmCandidates, alternativesCandidates, homebrewCandidates];
}

export function discoveryContext(env: ServiceEnv): DiscoveryContext {
  return { env: env.env, platform: env.platform, homeDir: env.homeDir, runner: env.runner, listDir: listDirOrEmpty };
}

/**
 * Every JDK/JRE on the machine and every real cacerts file they use. Symlinks are resolved, so a
 * JDK reached through several names is one JDK with all its sources, and a cacerts shared by
 * several JDKs (Debian links them all to /etc/ssl/certs/java/cacerts) is one store listing them.
 */
export async function discoverJdks(env: ServiceEnv, ctx: DiscoveryContext = discoveryContext(env)): Promise<JdkDiscovery> {
  const candidates: JdkCandidate[] = [];
  for (const source of sourcesFor(ctx.platform)) candidates.push(...(await source(ctx)));
  const byHome = new Map<string, Jdk>();
  for (const candidate of candidates) {
    const jdk = await resolveJdk(candidate, ctx.platform);
    if (!jdk) continue;
    const known = byHome.get(jdk.home);
    byHome.set(jdk.home, known ? merge(known, jdk) : jdk);
  }
  const jdks = [...byHome.values()].sort((a, b) => a.home.localeCompare(b.home));
  const byCacerts = new Map<string, string[]>();
  for (const jdk of jdks) byCacerts.set(jdk.cacertsRealPath, [...(byCacerts.get(jdk.cacertsRealPath) ?? []), jdk.home]);
  const cacerts: CacertsStore[] = [];
  for (const [path, jdkHomes] of [...byCacerts].sort(([a], [b]) => a.localeCompare(b))) cacerts.push(await describeCacerts(path, jdkHomes));
  return { jdks, cacerts };
}

/** The JDK at `home` (any folder holding a Java 8 or 9+ cacerts layout), found or not by discovery. */
export function jdkAt(home: string, platform: NodeJS.Platform): Promise<Jdk | undefined> {
  return resolveJdk({ home, source: '--jdk' }, platform);
}

function merge(a: Jdk, b: Jdk): Jdk {
  return {
    ...a,
    version: a.version ?? b.version,
    vendor: a.vendor ?? b.vendor,
    sources: [...new Set([...a.sources, ...b.sources])],
  };
}

/** Java 9+ keeps cacerts in lib/security; Java 8 in jre/lib/security (a JRE home has the former). */
async function resolveJdk(candidate: JdkCandidate, platform: NodeJS.Platform): Promise<Jdk | undefined> {
  const path = platform === 'win32' ? win32 : posix;
  let home: string;
  try {
    home = await realpath(candidate.home);
  } catch {
    return undefined;
  }
  if (path.basename(home) === 'jre' && (await isFile(path.join(path.dirname(home), 'jre', 'lib', 'security', 'cacerts')))) {
    home = path.dirname(home);
  }
  for (const rel of [['lib', 'security', 'cacerts'], ['jre', 'lib', 'security', 'cacerts']]) {
    const cacertsPath = path.join(home, ...rel);
    if (!(await isFile(cacertsPath))) continue;
    const release = await readRelease(path.join(home, 'release'));
    const version = release.JAVA_VERSION ?? candidate.version;
    const vendor = release.IMPLEMENTOR ?? candidate.vendor;
    return {
      home,
      ...(version ? { version } : {}),
      ...(vendor ? { vendor } : {}),
      sources: [candidate.source],
      cacertsPath,
      cacertsRealPath: await realpath(cacertsPath),
    };
  }
  return undefined;
}

async function isFile(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}

/** The JDK's `release` file (KEY="value" lines): JAVA_VERSION and IMPLEMENTOR without starting a JVM. */
async function readRelease(path: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  const text = await readFile(path, 'utf8').catch(() => '');
  for (const m of text.matchAll(/^([A-Z_]+)="?([^"\n]*)"?$/gm)) out[m[1]!] = m[2]!;
  return out;
}

async function describeCacerts(path: string, jdkHomes: string[]): Promise<CacertsStore> {
  const { format, entryCount } = await probeFormat(path);
  return { path, format, ...(entryCount === undefined ? {} : { entryCount }), writable: await isWritable(path), jdkHomes };
}

/** JKS/JCEKS open unverified; a PKCS#12 with a MAC is tried with the default `changeit`. */
async function probeFormat(path: string): Promise<{ format: CacertsFormat; entryCount?: number }> {
  for (const password of [undefined, 'changeit']) {
    try {
      const store = await readKeystore(path, password);
      const format: CacertsFormat = store.type === 'PKCS12' && store.integrity === 'no-mac' ? 'PKCS12-passwordless' : store.type;
      return { format, entryCount: store.entries.length };
    } catch (err) {
      if ((err as { code?: string }).code !== 'password-required') break;
    }
  }
  return { format: 'unreadable' };
}
