import { posix } from 'node:path';
import { runQuietly, type DiscoveryContext, type JdkCandidate } from './jdk-candidate.js';

/*
 * macOS sources. NOT run on a real Mac here (no such machine): unit tests replay exact argv and
 * synthesized samples of the documented `java_home -V` formats (not captured on a Mac), and fake
 * directory listings of the layouts below.
 */

const JAVA_HOME_TOOL = '/usr/libexec/java_home';
const BREW_PREFIXES = ['/opt/homebrew', '/usr/local', '/home/linuxbrew/.linuxbrew'];

/**
 * `/usr/libexec/java_home -V` prints the list on STDERR (the default home on stdout). Lines look
 * like `    17.0.2 (arm64) "Oracle Corporation" - "Java SE 17.0.2" /Library/…/Contents/Home` since
 * Big Sur, and `    1.8.0_292, x86_64:\t"AdoptOpenJDK 8"\t/Library/…/Contents/Home` before.
 */
export async function javaHomeToolCandidates(ctx: DiscoveryContext): Promise<JdkCandidate[]> {
  const { stderr } = await runQuietly(ctx, JAVA_HOME_TOOL, ['-V']);
  return parseJavaHomeV(stderr);
}

export function parseJavaHomeV(stderr: string): JdkCandidate[] {
  const out: JdkCandidate[] = [];
  for (const line of stderr.split('\n')) {
    const m = /^\s+([0-9][^\s,]*),?\s.*?"([^"]*)".*?\s(\/\S.*)$/.exec(line);
    if (m) out.push({ home: m[3]!.trim(), source: 'java_home -V', version: m[1]!, vendor: m[2]! });
  }
  return out;
}

/** System and per-user bundles: `/Library/Java/JavaVirtualMachines/*.jdk/Contents/Home`. */
export async function macBundleCandidates(ctx: DiscoveryContext): Promise<JdkCandidate[]> {
  const roots = ['/Library/Java/JavaVirtualMachines', posix.join(ctx.homeDir, 'Library/Java/JavaVirtualMachines')];
  const out: JdkCandidate[] = [];
  for (const root of roots) {
    for (const bundle of await ctx.listDir(root)) {
      if (!bundle.startsWith('.')) out.push({ home: posix.join(root, bundle, 'Contents/Home'), source: root });
    }
  }
  return out;
}

/**
 * Homebrew kegs (`opt/openjdk`, `opt/openjdk@17`, and Cellar versions): the JDK sits one level
 * deeper than the keg, in `libexec/openjdk.jdk/Contents/Home` on macOS and `libexec` on Linuxbrew.
 */
export async function homebrewCandidates(ctx: DiscoveryContext): Promise<JdkCandidate[]> {
  const out: JdkCandidate[] = [];
  const inner = ctx.platform === 'darwin' ? 'libexec/openjdk.jdk/Contents/Home' : 'libexec';
  for (const prefix of BREW_PREFIXES) {
    const opt = posix.join(prefix, 'opt');
    for (const keg of (await ctx.listDir(opt)).filter(isOpenJdkKeg)) {
      out.push({ home: posix.join(opt, keg, inner), source: 'Homebrew' });
    }
    const cellar = posix.join(prefix, 'Cellar');
    for (const formula of (await ctx.listDir(cellar)).filter(isOpenJdkKeg)) {
      for (const version of await ctx.listDir(posix.join(cellar, formula))) {
        out.push({ home: posix.join(cellar, formula, version, inner), source: 'Homebrew', version });
      }
    }
  }
  return out;
}

const isOpenJdkKeg = (name: string): boolean => /^openjdk(@\d+)?$/.test(name);
