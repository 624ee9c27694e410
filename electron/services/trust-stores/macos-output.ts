import plist from 'plist';
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

/** A certificate's trust in one trust-settings domain, by its SHA-1 (upper case in the plist, lower case here). */
export type MacosTrust = 'trusted' | 'distrusted' | 'unspecified';

/** kSecTrustSettingsResult values (Apple SecTrustSettings.h): 1 TrustRoot, 2 TrustAsRoot, 3 Deny, 4 Unspecified. */
const RESULT_DENY = 3;
const RESULT_UNSPECIFIED = 4;

/**
 * Parses `security trust-settings-export [-d] FILE`: a plist whose `trustList` maps each
 * certificate's SHA-1 (hex) to its `trustSettings` array. An empty array means "always trust as a
 * root"; a constraint whose kSecTrustSettingsResult is absent means TrustRoot (SecTrustSettings.h).
 * Any Deny makes the certificate distrusted (Keychain Access's "Never Trust"); only Unspecified
 * leaves it without trust. Not run on a real Mac: tested on a synthesized plist.
 */
export function parseTrustSettings(xml: string): Map<string, MacosTrust> {
  let root: plist.PlistValue;
  try {
    root = plist.parse(xml);
  } catch (err) {
    throw new CertbenchError('parse', 'security trust-settings-export wrote something other than a plist', { cause: err });
  }
  const list = isObject(root) ? root.trustList : undefined;
  if (!isObject(list)) throw new CertbenchError('parse', 'the trust-settings plist has no trustList dictionary');
  const out = new Map<string, MacosTrust>();
  for (const [sha1, entry] of Object.entries(list)) {
    const settings = isObject(entry) ? entry.trustSettings : undefined;
    if (!Array.isArray(settings)) continue;
    const results = (settings as readonly plist.PlistValue[]).map((s) => (isObject(s) && typeof s.kSecTrustSettingsResult === 'number' ? s.kSecTrustSettingsResult : 1));
    const trust: MacosTrust = results.includes(RESULT_DENY)
      ? 'distrusted'
      : results.length === 0 || results.some((r) => r !== RESULT_UNSPECIFIED)
        ? 'trusted'
        : 'unspecified';
    out.set(sha1.toLowerCase(), trust);
  }
  return out;
}

/** `security` when a domain has no trust settings at all: not an error, just none. */
export const NO_TRUST_SETTINGS = /No Trust Settings were found/i;

function isObject(value: plist.PlistValue | undefined): value is plist.PlistObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Date) && !Buffer.isBuffer(value);
}
