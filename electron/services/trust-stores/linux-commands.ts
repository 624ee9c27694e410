import { join } from 'node:path';
import type { LinuxLayout } from './linux-layout.js';

export const UPDATE_CA_CERTIFICATES = '/usr/sbin/update-ca-certificates';
export const UPDATE_CA_TRUST = '/usr/bin/update-ca-trust';

/**
 * The refresh command after anchors changed. Debian: removal needs `--fresh`, or dangling
 * `<name>.pem` and `<hash>.0` links keep the removed root trusted through -CApath (§3a). In a
 * sandboxed tree every directory flag is passed, `--hooksdir` above all: the default hook
 * rewrites the real Java cacerts. RHEL: `update-ca-trust extract` rebuilds every format (§3b).
 */
export function refreshCommand(layout: LinuxLayout, action: 'add' | 'remove'): { file: string; args: string[] } {
  if (layout.family === 'rhel') {
    const output = layout.sandboxed ? [`--output=${join(layout.root, 'etc/pki/ca-trust/extracted')}`] : [];
    return { file: UPDATE_CA_TRUST, args: ['extract', ...output] };
  }
  const fresh = action === 'remove' ? ['--fresh'] : [];
  if (!layout.sandboxed) return { file: UPDATE_CA_CERTIFICATES, args: fresh };
  const r = (p: string) => join(layout.root, p);
  return {
    file: UPDATE_CA_CERTIFICATES,
    args: [
      ...fresh,
      '--certsconf',
      r('etc/ca-certificates.conf'),
      '--certsdir',
      r('usr/share/ca-certificates'),
      '--localcertsdir',
      layout.anchorsDir,
      '--etccertsdir',
      r('etc/ssl/certs'),
      '--hooksdir',
      r('etc/ca-certificates/update.d'),
    ],
  };
}
