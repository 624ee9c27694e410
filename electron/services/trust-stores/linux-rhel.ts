import { join } from 'node:path';
import type { LinuxLayout } from './linux-layout.js';

export const UPDATE_CA_TRUST = '/usr/bin/update-ca-trust';

/**
 * RHEL/Fedora/CentOS: anchors in /etc/pki/ca-trust/source/anchors (PEM written as `.pem`), then
 * `update-ca-trust extract`, which rebuilds every extracted format (docs/trust-stores.md §3b). No
 * such machine here: tested on the exact argv and files. In a sandboxed tree the output goes to
 * the tree with `--output` (recent scripts only; RHEL 7/8 lack it, which is fine for tests).
 */
export function rhelLayout(root: string): LinuxLayout {
  const sandboxed = root !== '/';
  const extracted = join(root, 'etc/pki/ca-trust/extracted');
  return {
    family: 'rhel',
    root,
    sandboxed,
    anchorsDir: join(root, 'etc/pki/ca-trust/source/anchors'),
    bundle: join(extracted, 'pem/tls-ca-bundle.pem'),
    extension: '.pem',
    javaCacerts: join(extracted, 'java/cacerts'),
    refresh: () => ({ file: UPDATE_CA_TRUST, args: ['extract', ...(sandboxed ? [`--output=${extracted}`] : [])] }),
  };
}
