import { CertbenchError } from '../../../../shared/errors.js';
import { readCertLayout, type CertLayout } from '../../../../shared/pki/chain/cert-layout.js';
import { decodeExtensions, type CertExtensions } from '../../../../shared/pki/chain/cert-extensions.js';
import { readCertTime, type CertTime } from '../../../../shared/pki/chain/cert-time.js';
import { normalizedNameKey, readRdns, type NameAttribute } from '../../../../shared/pki/chain/name-key.js';
import { nameDerToDisplay } from '../../../../shared/pki/name-text.js';
import { decodedKeyOf, describeKey, type KeyFacts } from './public-key.js';

/** Everything verification reads from one certificate, decoded once. */
export interface ParsedCert {
  readonly layout: CertLayout;
  readonly ext: CertExtensions;
  readonly notBefore?: CertTime;
  readonly notAfter?: CertTime;
  readonly key: KeyFacts;
  readonly subjectAttributes: readonly NameAttribute[];
  readonly subjectEmpty: boolean;
  readonly issuerEmpty: boolean;
  /** Subject and issuer are the same Name under RFC 5280 §7.1 comparison (§6.1 "self-issued"). */
  readonly selfIssued: boolean;
  /** Printable subject for problem details ("CN=…, O=…"). */
  readonly label: string;
}

export type ParseOutcome = { readonly ok: true; readonly cert: ParsedCert } | { readonly ok: false; readonly detail: string };

// Keyed by the DER array object: path certificates are the caller's own arrays, so a chain verified
// several times (each path, each trust source) decodes each certificate once.
const cache = new WeakMap<Uint8Array, ParseOutcome>();

/** Decodes a certificate for verification; a structural fault is returned, not thrown. */
export function parseForVerify(der: Uint8Array): ParseOutcome {
  let hit = cache.get(der);
  if (!hit) {
    hit = parse(der);
    cache.set(der, hit);
  }
  return hit;
}

function parse(der: Uint8Array): ParseOutcome {
  try {
    const layout = readCertLayout(der);
    const rdns = readRdns(layout.subject);
    const subjectAttributes = rdns.flat();
    return {
      ok: true,
      cert: {
        layout,
        ext: decodeExtensions(layout.extensions),
        notBefore: readCertTime(der, layout.notBefore),
        notAfter: readCertTime(der, layout.notAfter),
        key: describeKey(layout.spki, decodedKeyOf(der)),
        subjectAttributes,
        subjectEmpty: rdns.length === 0,
        issuerEmpty: readRdns(layout.issuer).length === 0,
        selfIssued: normalizedNameKey(layout.subject) === normalizedNameKey(layout.issuer),
        label: layout.subject.length > 2 ? nameDerToDisplay(layout.subject) : '(empty subject)',
      },
    };
  } catch (err) {
    if (err instanceof CertbenchError) return { ok: false, detail: err.message };
    throw err;
  }
}
