import { realpath } from 'node:fs/promises';
import { delimiter as posixDelimiter, posix, win32 } from 'node:path';
import type { DiscoveryContext, JdkCandidate } from './jdk-candidate.js';

/** `$JAVA_HOME`, when set. */
export function javaHomeCandidates(ctx: DiscoveryContext): JdkCandidate[] {
  const home = ctx.env.JAVA_HOME?.trim();
  return home ? [{ home, source: 'JAVA_HOME' }] : [];
}

/**
 * The `java` and `keytool` a shell would run: first hit on PATH, symlinks resolved (Debian's
 * /usr/bin/java → /etc/alternatives → the JDK), home = two levels up from the binary.
 */
export async function pathCandidates(ctx: DiscoveryContext): Promise<JdkCandidate[]> {
  const isWin = ctx.platform === 'win32';
  const path = isWin ? win32 : posix;
  const dirs = (ctx.env.PATH ?? ctx.env.Path ?? '').split(isWin ? ';' : posixDelimiter).filter(Boolean);
  const out: JdkCandidate[] = [];
  for (const tool of ['java', 'keytool']) {
    const name = isWin ? `${tool}.exe` : tool;
    for (const dir of dirs) {
      if (!(await ctx.listDir(dir)).includes(name)) continue;
      const resolved = await realpath(path.join(dir, name)).catch(() => path.join(dir, name));
      out.push({ home: path.dirname(path.dirname(resolved)), source: `PATH (${tool})` });
      break;
    }
  }
  return out;
}
