import { CertbenchError } from '../../../shared/errors.js';
import { findPemBlocks } from '../../../shared/pki/pem.js';
import { sha1Hex } from '../../../shared/pki/hash.js';

/** One certificate from `security find-certificate -a -p -Z`: its DER, checked against the printed SHA-1. */
export interface KeychainListed {
  readonly sha1: string;
  readonly der: Uint8Array;
}

/**
 * Parses `security find-certificate -a -p -Z KEYCHAIN`: per certificate an optional
 * `SHA-256 hash:` line (newer macOS), a `SHA-1 hash:` line, then the PEM block (docs/trust-stores.md
 * §2). Each block's SHA-1 is recomputed and must match the line above it, so a misread never
 * pairs a hash with the wrong certificate. Not run on a real Mac: tested on a sample in the
 * documented format under test/fixtures/trust/.
 */
export function parseFindCertificate(stdout: string): KeychainListed[] {
  const out: KeychainListed[] = [];
  const chunks = stdout.replace(/\r\n?/g, '\n').split(/^(?=SHA-(?:256|1) hash: )/m);
  let pendingSha1: string | undefined;
  for (const chunk of chunks) {
    const sha1 = /^SHA-1 hash: ([0-9A-Fa-f]{40})\s*$/m.exec(chunk)?.[1]?.toLowerCase();
    if (sha1) pendingSha1 = sha1;
    const blocks = findPemBlocks(chunk).filter((b) => b.label === 'CERTIFICATE');
    if (blocks.length === 0) continue;
    if (!pendingSha1) throw new CertbenchError('parse', 'security printed a certificate without its SHA-1 hash line');
    const der = blocks[0]!.der;
    if (sha1Hex(der) !== pendingSha1) throw new CertbenchError('parse', `security's SHA-1 ${pendingSha1} does not match the certificate below it`);
    out.push({ sha1: pendingSha1, der });
    pendingSha1 = undefined;
  }
  return out;
}

/**
 * `security`'s trust-settings failures in plain language. Since macOS 11, changing admin trust
 * settings needs an interactive administrator authorization: running as root is not enough
 * (Big Sur release notes), so a headless session fails (docs/trust-stores.md §2).
 */
export function macosAuthorizationProblem(stderr: string): string | undefined {
  if (/no user interaction was possible/i.test(stderr) || /errSecInternalComponent/.test(stderr)) {
    return 'macOS 11+ requires an administrator to approve trust changes in a dialog on this Mac\'s screen; it cannot be done from a session without a GUI (SSH, CI). Run Certbench in the logged-in desktop session and approve the "security wants to make changes" dialog';
  }
  if (/canceled by the user|User canceled|-128\)/i.test(stderr)) return 'The macOS authorization dialog was cancelled; nothing was changed';
  return undefined;
}
