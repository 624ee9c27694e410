import type { InspectedObject } from '../../../../shared/model/inspected-object.js';

const KIND_LABELS: Readonly<Record<InspectedObject['kind'], string>> = {
  certificate: 'Certificate',
  csr: 'CSR',
  'private-key': 'Private key',
  'public-key': 'Public key',
  pkcs7: 'PKCS#7',
  pkcs12: 'PKCS#12',
  keystore: 'Keystore',
};

export const kindLabel = (o: InspectedObject): string => KIND_LABELS[o.kind];

/** The list row's main text. */
export function objectTitle(o: InspectedObject): string {
  switch (o.kind) {
    case 'certificate':
      return o.label ? `${o.summary.subject || '(empty subject)'} · ${o.label}` : o.summary.subject || '(empty subject)';
    case 'csr':
      return o.subject || '(empty subject)';
    case 'private-key':
    case 'public-key':
      return `${o.key.label}${o.kind === 'private-key' && o.encrypted ? ' (encrypted)' : ''}`;
    case 'pkcs7':
      return `${o.certificateCount} certificate(s)`;
    case 'pkcs12':
      return `${o.certificateCount} certificate(s), ${o.keyCount} key(s)`;
    case 'keystore':
      return `${o.format}, ${o.entries.length} entr${o.entries.length === 1 ? 'y' : 'ies'}`;
  }
}

/** Search: subject, issuer, SANs, serial and fingerprints of certificates; titles and origins of everything. */
export function matchesQuery(o: InspectedObject, query: string): boolean {
  const q = query.trim().toLowerCase().replace(/:/g, '');
  if (!q) return true;
  const haystack = [objectTitle(o), o.origin, kindLabel(o)];
  if (o.kind === 'certificate') {
    const s = o.summary;
    haystack.push(s.issuer, s.serial, s.sha1, s.sha256, s.keyType, ...s.sans.map((n) => n.value));
  }
  if (o.kind === 'csr') haystack.push(...o.sans.map((n) => n.value));
  return haystack.some((h) => h.toLowerCase().replace(/:/g, '').includes(q));
}

