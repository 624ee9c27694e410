import { access } from 'node:fs/promises';
import { CertbenchError } from '../../../../shared/errors.js';
import { anchorsOf } from './anchor-cache.js';
import { certificatesInFileOrFolder } from './certificate-files.js';
import type { TrustSource } from './trust-source.js';

/** A custom PEM bundle or folder of certificates. */
export function pemSource(path: string): TrustSource {
  return {
    id: `pem:${path}`,
    load: () => anchorsOf(`pem:${path}`, path, async () => ({ label: `PEM ${path}`, certificates: await certificatesInFileOrFolder(path), curated: false })),
  };
}

/** Debian's ca-certificates ships Mozilla's root program set here, one .crt per root. */
const DEBIAN_MOZILLA_DIR = '/usr/share/ca-certificates/mozilla';

/**
 * The Mozilla roots: the public web PKI. On Debian the `ca-certificates` package's
 * /usr/share/ca-certificates/mozilla/*.crt is exactly Mozilla's set (before local additions).
 */
export function mozillaSource(dir: string = DEBIAN_MOZILLA_DIR): TrustSource {
  return {
    id: 'mozilla',
    load: async () => {
      try {
        await access(dir);
      } catch {
        throw new CertbenchError('not-found', `Mozilla roots not found at ${dir} (Debian package ca-certificates); use --trust pem:FILE`);
      }
      return anchorsOf(`mozilla:${dir}`, dir, async () => ({ label: `Mozilla roots (${dir})`, certificates: await certificatesInFileOrFolder(dir), curated: true }));
    },
  };
}

/** The system bundles of Linux families, first present wins (Debian, RHEL, SUSE/Arch). */
const LINUX_BUNDLES = ['/etc/ssl/certs/ca-certificates.crt', '/etc/pki/tls/certs/ca-bundle.crt', '/etc/ssl/ca-bundle.pem'];

/** The Linux system trust: the extracted bundle that OpenSSL, curl and most tools read. */
export function linuxBundleSource(candidates: readonly string[] = LINUX_BUNDLES): TrustSource {
  return {
    id: 'system',
    load: async () => {
      for (const path of candidates) {
        try {
          await access(path);
        } catch {
          continue;
        }
        return anchorsOf(`system:${path}`, path, async () => ({ label: `System bundle ${path}`, certificates: await certificatesInFileOrFolder(path), curated: true }));
      }
      throw new CertbenchError('not-found', `No system CA bundle found (looked at ${candidates.join(', ')})`);
    },
  };
}
