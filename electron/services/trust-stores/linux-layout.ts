import { stat } from 'node:fs/promises';
import { debianLayout } from './linux-debian.js';
import { rhelLayout } from './linux-rhel.js';

/**
 * Where a Linux family keeps locally added anchors, the bundle its tools extract, and the command
 * that rebuilds it. `root` is `/` except in tests, which point CERTBENCH_LINUX_STORE_ROOT at a temp
 * tree so nothing outside it is touched.
 */
export interface LinuxLayout {
  readonly family: 'debian' | 'rhel';
  readonly root: string;
  /** Whether `root` is a test tree rather than the real system. */
  readonly sandboxed: boolean;
  readonly anchorsDir: string;
  readonly bundle: string;
  /** Extension the tool picks up. */
  readonly extension: '.crt' | '.pem';
  /** The Java keystore the family's refresh also rewrites (Debian: through a hook; RHEL: extracted). */
  readonly javaCacerts: string;
  /** Debian's hooks directory (update-ca-certificates runs every hook in it); RHEL has none. */
  readonly hooksDir?: string;
  /** The command to run after anchors changed. */
  refresh(action: 'add' | 'remove'): { readonly file: string; readonly args: readonly string[]; readonly env?: Record<string, string> };
}

/** The environment variable tests use to move the Linux system store into a temp tree. */
export const LINUX_STORE_ROOT_ENV = 'CERTBENCH_LINUX_STORE_ROOT';

/**
 * Picks the family by what exists, in mkcert's order (docs/trust-stores.md §3d): the RHEL anchors
 * directory first, then Debian's local directory. /etc/os-release is not trusted for this:
 * derivatives and containers often lie about their lineage.
 */
export async function detectLinuxLayout(env: NodeJS.ProcessEnv): Promise<LinuxLayout | undefined> {
  const root = storeRoot(env);
  for (const layout of [rhelLayout(root), debianLayout(root)]) {
    if (await isDirectory(layout.anchorsDir)) return layout;
  }
  return undefined;
}

async function isDirectory(path: string): Promise<boolean> {
  return stat(path).then(
    (s) => s.isDirectory(),
    () => false,
  );
}

/** The layout of a family named explicitly (`--store linux-debian|linux-rhel`), present or not. */
export function linuxLayoutOf(family: LinuxLayout['family'], env: NodeJS.ProcessEnv): LinuxLayout {
  return family === 'debian' ? debianLayout(storeRoot(env)) : rhelLayout(storeRoot(env));
}

function storeRoot(env: NodeJS.ProcessEnv): string {
  return env[LINUX_STORE_ROOT_ENV] || '/';
}
