import { stat } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * Where a Linux family keeps locally added anchors and the bundle its tools extract. `root` is
 * `/` except in tests, which point CERTBENCH_LINUX_STORE_ROOT at a temp tree; the Debian adapter
 * then passes update-ca-certificates' directory flags so nothing outside that tree is touched.
 */
export interface LinuxLayout {
  readonly family: 'debian' | 'rhel';
  readonly root: string;
  /** Whether `root` is a test tree rather than the real system. */
  readonly sandboxed: boolean;
  readonly anchorsDir: string;
  readonly bundle: string;
  /** Extension the tool picks up: update-ca-certificates ignores anything but `.crt` (trust-stores.md §3a). */
  readonly extension: '.crt' | '.pem';
}

/** The environment variable tests use to move the Linux system store into a temp tree. */
export const LINUX_STORE_ROOT_ENV = 'CERTBENCH_LINUX_STORE_ROOT';

export function debianLayout(root: string): LinuxLayout {
  return {
    family: 'debian',
    root,
    sandboxed: root !== '/',
    anchorsDir: join(root, 'usr/local/share/ca-certificates'),
    bundle: join(root, 'etc/ssl/certs/ca-certificates.crt'),
    extension: '.crt',
  };
}

export function rhelLayout(root: string): LinuxLayout {
  return {
    family: 'rhel',
    root,
    sandboxed: root !== '/',
    anchorsDir: join(root, 'etc/pki/ca-trust/source/anchors'),
    bundle: join(root, 'etc/pki/ca-trust/extracted/pem/tls-ca-bundle.pem'),
    extension: '.pem',
  };
}

/**
 * Picks the family by what exists, in mkcert's order (trust-stores.md §3d): the RHEL anchors
 * directory first, then Debian's local directory. /etc/os-release is not trusted for this:
 * derivatives and containers often lie about their lineage.
 */
export async function detectLinuxLayout(env: NodeJS.ProcessEnv): Promise<LinuxLayout | undefined> {
  const root = env[LINUX_STORE_ROOT_ENV] || '/';
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
