import { posix } from 'node:path';
import { runQuietly, type DiscoveryContext, type JdkCandidate } from './jdk-candidate.js';

const JVM_DIR = '/usr/lib/jvm';

/** Every directory under /usr/lib/jvm (Debian, RHEL, Arch and SUSE all install JDKs there). */
export async function usrLibJvmCandidates(ctx: DiscoveryContext): Promise<JdkCandidate[]> {
  return (await ctx.listDir(JVM_DIR)).filter((n) => !n.startsWith('.')).map((n) => ({ home: posix.join(JVM_DIR, n), source: JVM_DIR }));
}

/** `update-alternatives --list java`: one java binary path per line (Debian family). */
export async function alternativesCandidates(ctx: DiscoveryContext): Promise<JdkCandidate[]> {
  const { stdout } = await runQuietly(ctx, 'update-alternatives', ['--list', 'java']);
  return parseAlternatives(stdout);
}

export function parseAlternatives(stdout: string): JdkCandidate[] {
  return stdout
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l.startsWith('/'))
    .map((java) => ({ home: posix.dirname(posix.dirname(java)), source: 'update-alternatives' }));
}
