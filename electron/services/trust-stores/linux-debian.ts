import { join } from 'node:path';
import type { LinuxLayout } from './linux-layout.js';

export const UPDATE_CA_CERTIFICATES = '/usr/sbin/update-ca-certificates';

/**
 * Debian/Ubuntu: PEM `*.crt` files under /usr/local/share/ca-certificates, then
 * update-ca-certificates (docs/trust-stores.md §3a). A `.pem` there is ignored and a DER `.crt` is
 * appended raw to the bundle, so the adapter always writes PEM `.crt`. Removal needs `--fresh`,
 * or dangling `<name>.pem` and `<hash>.0` links keep the removed root trusted through -CApath.
 * In a sandboxed tree every directory flag is passed, `--hooksdir` above all: the default hook
 * rewrites the real Java cacerts.
 */
export function debianLayout(root: string): LinuxLayout {
  const r = (p: string) => join(root, p);
  const sandboxed = root !== '/';
  const anchorsDir = r('usr/local/share/ca-certificates');
  return {
    family: 'debian',
    root,
    sandboxed,
    anchorsDir,
    bundle: r('etc/ssl/certs/ca-certificates.crt'),
    extension: '.crt',
    javaCacerts: r('etc/ssl/certs/java/cacerts'),
    hooksDir: r('etc/ca-certificates/update.d'),
    refresh(action) {
      const fresh = action === 'remove' ? ['--fresh'] : [];
      if (!sandboxed) return { file: UPDATE_CA_CERTIFICATES, args: fresh };
      return {
        file: UPDATE_CA_CERTIFICATES,
        args: [
          ...fresh,
          '--certsconf',
          r('etc/ca-certificates.conf'),
          '--certsdir',
          r('usr/share/ca-certificates'),
          '--localcertsdir',
          anchorsDir,
          '--etccertsdir',
          r('etc/ssl/certs'),
          '--hooksdir',
          r('etc/ca-certificates/update.d'),
        ],
        env: { TMPDIR: r('tmp') },
      };
    },
  };
}
