import type { Diagnosis } from '../../../../shared/model/chain-diagnosis.js';
import type { ClientVerdict } from '../../../../shared/model/chain.js';
import { quote, type KnownCertificate } from './diagnosis-context.js';

/**
 * When the picked client refuses a chain for a reason only that client has (OpenSSL wants the
 * self-signed root above a trusted intermediate, NSS wants keyEncipherment on an RSA server
 * certificate, macOS's TLS rules) no path rule explains it: say it, once per client.
 */
export function headlineRefusals(diagnoses: readonly Diagnosis[], headline: readonly ClientVerdict[], lookup: (sha: string) => KnownCertificate): Diagnosis[] {
  if (diagnoses.some((d) => d.severity === 'error')) return [];
  return headline.flatMap((verdict): Diagnosis[] => {
    const reason = verdict.reasons[0];
    if (verdict.trusted || !reason) return [];
    const cert = reason.certificate ? lookup(reason.certificate) : undefined;
    const who = verdict.label.replace(/ \(.*$/, '');
    if (reason.code === 'partial-chain' && cert) {
      return [{
        code: 'untrusted-root',
        severity: 'error',
        message: `${who} does not trust the chain: ${reason.detail}. Clients that accept a trusted intermediate as the end of the path (curl, GnuTLS, Java, NSS, Chromium) do.`,
        certificates: [cert.sha256],
        fix: { text: `Add the self-signed root CA that issued ${quote(cert)} to the trust store this client uses.`, place: 'trust-store' },
      }];
    }
    return [{
      code: reason.code === 'eku-mismatch' || reason.code === 'key-usage' ? reason.code : 'unsupported-certificate',
      severity: 'error',
      message: `${who} does not trust the chain: ${reason.detail}.`,
      certificates: cert ? [cert.sha256] : [],
      fix: cert
        ? { text: `Have ${quote(cert)} reissued to meet this client's rule, or use a client that accepts it.`, place: 'reissue', certificate: cert.sha256 }
        : { text: 'Use a client that accepts this chain.', place: 'none' },
    }];
  });
}

/**
 * The picked client trusts the chain but another client here refuses it for want of the root
 * (a JDK cacerts without the company root): a warning whose fix installs that root in exactly
 * the store that client uses.
 */
export function missingAnchorWarnings(trusted: boolean, clients: readonly ClientVerdict[], lookup: (sha: string) => KnownCertificate): Diagnosis[] {
  if (!trusted) return [];
  const root = clients.find((v) => v.trusted && v.path)?.path?.at(-1);
  if (!root) return [];
  const cert = lookup(root);
  return clients
    .filter((v) => !v.trusted && !v.documented && v.reasons.some((r) => r.code === 'untrusted-root' || r.code === 'incomplete'))
    .map((v): Diagnosis => {
      const who = v.label.replace(/ \(.*$/, '');
      return {
        code: 'untrusted-root',
        severity: 'warning',
        message: `${who} does not trust the chain: its anchors (${v.anchors.join(', ') || 'none'}) lack ${quote(cert)}, which the other clients here trust.`,
        certificates: [cert.sha256],
        fix: {
          text: `Add ${quote(cert)} to the trust store ${who} uses${v.client === 'java' ? " (the JDK's cacerts)" : ''}.`,
          place: v.client === 'java' ? 'java-keystore' : 'trust-store',
          certificate: cert.sha256,
        },
      };
    });
}
