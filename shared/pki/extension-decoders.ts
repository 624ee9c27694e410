import { toHex } from './bytes.js';
import { decodeOid, expectTlv, readTlv, TAG, type Tlv } from './der-reader.js';
import { decodeDerString, isStringTag } from './der-strings.js';
import { readGeneralName, readGeneralNames } from './general-names.js';
import { formatIp } from './ip-address.js';
import { ACCESS_METHOD_NAMES, EKU_NAMES, nameOr, POLICY_NAMES } from './oid-names.js';

type Decoder = (v: Uint8Array) => string[];

const whole = (v: Uint8Array): Tlv => readTlv(v, 0, v.length);
const items = (v: Uint8Array, seq: Tlv): Tlv[] => {
  const out: Tlv[] = [];
  for (let p = seq.body; p < seq.end; ) {
    const t = readTlv(v, p, seq.end);
    out.push(t);
    p = t.end;
  }
  return out;
};
const gnLine = (v: Uint8Array, t: Tlv): string => {
  const n = readGeneralName(v, t);
  return `${n.type}: ${n.value}`;
};
const integerText = (v: Uint8Array, t: Tlv): string => BigInt(`0x${toHex(v.subarray(t.body, t.end)) || '0'}`).toString();

// RFC 5280 §4.2.1.3
const KEY_USAGE_BITS = ['digitalSignature', 'nonRepudiation', 'keyEncipherment', 'dataEncipherment', 'keyAgreement', 'keyCertSign', 'cRLSign', 'encipherOnly', 'decipherOnly'];

const keyUsage: Decoder = (v) => {
  const bits = expectTlv(v, 0, v.length, TAG.bitString, 'KeyUsage');
  const names: string[] = [];
  for (let i = 0; i < KEY_USAGE_BITS.length; i++) {
    const byte = v[bits.body + 1 + (i >> 3)];
    if (byte !== undefined && bits.body + 1 + (i >> 3) < bits.end && byte & (0x80 >> (i & 7))) names.push(KEY_USAGE_BITS[i]!);
  }
  return [names.join(', ') || '(none)'];
};

const basicConstraints: Decoder = (v) => {
  const seq = expectTlv(v, 0, v.length, TAG.sequence, 'BasicConstraints');
  let ca = false;
  let pathLen: string | undefined;
  for (const t of items(v, seq)) {
    if (t.tag === TAG.boolean) ca = v[t.body] !== 0;
    if (t.tag === TAG.integer) pathLen = integerText(v, t);
  }
  return [`CA: ${ca}`, ...(pathLen !== undefined ? [`Path length: ${pathLen}`] : [])];
};

const keyIdentifier: Decoder = (v) => {
  const o = expectTlv(v, 0, v.length, TAG.octetString, 'KeyIdentifier');
  return [toHex(v.subarray(o.body, o.end))];
};

// RFC 5280 §4.2.1.1
const authorityKeyId: Decoder = (v) =>
  items(v, expectTlv(v, 0, v.length, TAG.sequence, 'AuthorityKeyIdentifier')).map((t) => {
    if (t.tag === 0x80) return `Key ID: ${toHex(v.subarray(t.body, t.end))}`;
    if (t.tag === 0xa1) return `Issuer: ${items(v, t).map((n) => gnLine(v, n)).join('; ')}`;
    if (t.tag === 0x82) return `Serial: ${toHex(v.subarray(t.body, t.end))}`;
    return `tag 0x${t.tag.toString(16)}: ${toHex(v.subarray(t.start, t.end))}`;
  });

const generalNames: Decoder = (v) => readGeneralNames(v, whole(v)).map((n) => `${n.type}: ${n.value}`);

const extendedKeyUsage: Decoder = (v) => items(v, expectTlv(v, 0, v.length, TAG.sequence, 'ExtKeyUsageSyntax')).map((t) => nameOr(EKU_NAMES, decodeOid(v, t)));

// RFC 5280 §4.2.2.1 / §4.2.2.2
const accessDescriptions: Decoder = (v) =>
  items(v, expectTlv(v, 0, v.length, TAG.sequence, 'AccessDescriptions')).map((ad) => {
    const method = expectTlv(v, ad.body, ad.end, TAG.oid, 'accessMethod');
    const location = readTlv(v, method.end, ad.end);
    return `${ACCESS_METHOD_NAMES[decodeOid(v, method)] ?? decodeOid(v, method)}: ${gnLine(v, location)}`;
  });

// RFC 5280 §4.2.1.13
const crlDistributionPoints: Decoder = (v) =>
  items(v, expectTlv(v, 0, v.length, TAG.sequence, 'CRLDistributionPoints')).flatMap((dp) =>
    items(v, dp).flatMap((field) => {
      if (field.tag === 0xa0) {
        const name = readTlv(v, field.body, field.end);
        if (name.tag === 0xa0) return items(v, name).map((n) => gnLine(v, n));
        return [`Relative name: ${toHex(v.subarray(name.body, name.end))}`];
      }
      if (field.tag === 0x81) return [`Reasons: ${toHex(v.subarray(field.body, field.end))}`];
      if (field.tag === 0xa2) return [`CRL issuer: ${items(v, field).map((n) => gnLine(v, n)).join('; ')}`];
      return [];
    }),
  );

// RFC 5280 §4.2.1.4
const certificatePolicies: Decoder = (v) =>
  items(v, expectTlv(v, 0, v.length, TAG.sequence, 'CertificatePolicies')).flatMap((info) => {
    const oid = expectTlv(v, info.body, info.end, TAG.oid, 'policyIdentifier');
    const lines = [`Policy: ${nameOr(POLICY_NAMES, decodeOid(v, oid))}`];
    if (oid.end < info.end) {
      for (const q of items(v, readTlv(v, oid.end, info.end))) {
        const qid = expectTlv(v, q.body, q.end, TAG.oid, 'policyQualifierId');
        const value = readTlv(v, qid.end, q.end);
        lines.push(`  ${POLICY_NAMES[decodeOid(v, qid)] ?? decodeOid(v, qid)}: ${qualifierText(v, value)}`);
      }
    }
    return lines;
  });

function qualifierText(v: Uint8Array, t: Tlv): string {
  if (isStringTag(t.tag)) return decodeDerString(v, t);
  if (t.tag === TAG.sequence) {
    return items(v, t)
      .map((part) => (isStringTag(part.tag) ? decodeDerString(v, part) : part.tag === TAG.sequence ? `notice ref ${toHex(v.subarray(part.start, part.end))}` : toHex(v.subarray(part.start, part.end))))
      .join(' · ');
  }
  return toHex(v.subarray(t.start, t.end));
}

// RFC 5280 §4.2.1.10
const nameConstraints: Decoder = (v) =>
  items(v, expectTlv(v, 0, v.length, TAG.sequence, 'NameConstraints')).flatMap((subtrees) => {
    const label = subtrees.tag === 0xa0 ? 'Permitted' : subtrees.tag === 0xa1 ? 'Excluded' : `tag 0x${subtrees.tag.toString(16)}`;
    return items(v, subtrees).map((subtree) => {
      const base = readTlv(v, subtree.body, subtree.end);
      if (base.tag === 0x87 && (base.end - base.body === 8 || base.end - base.body === 32)) {
        const half = (base.end - base.body) / 2;
        return `${label}: ip: ${formatIp(v.subarray(base.body, base.body + half))}/${formatIp(v.subarray(base.body + half, base.end))}`;
      }
      return `${label}: ${gnLine(v, base)}`;
    });
  });

const policyConstraints: Decoder = (v) =>
  items(v, expectTlv(v, 0, v.length, TAG.sequence, 'PolicyConstraints')).map(
    (t) => `${t.tag === 0x80 ? 'Require explicit policy' : 'Inhibit policy mapping'}: ${integerText(v, t)}`,
  );

const inhibitAnyPolicy: Decoder = (v) => [`Skip certs: ${integerText(v, expectTlv(v, 0, v.length, TAG.integer, 'InhibitAnyPolicy'))}`];

const text: Decoder = (v) => {
  const t = whole(v);
  return [isStringTag(t.tag) ? decodeDerString(v, t) : toHex(v)];
};

/** Decoders by extension OID; others are shown as OID + hex. */
export const EXTENSION_DECODERS: Readonly<Record<string, Decoder>> = {
  '2.5.29.14': keyIdentifier,
  '2.5.29.15': keyUsage,
  '2.5.29.17': generalNames,
  '2.5.29.18': generalNames,
  '2.5.29.19': basicConstraints,
  '2.5.29.30': nameConstraints,
  '2.5.29.31': crlDistributionPoints,
  '2.5.29.46': crlDistributionPoints,
  '2.5.29.32': certificatePolicies,
  '2.5.29.35': authorityKeyId,
  '2.5.29.36': policyConstraints,
  '2.5.29.37': extendedKeyUsage,
  '2.5.29.54': inhibitAnyPolicy,
  '1.3.6.1.5.5.7.1.1': accessDescriptions,
  '1.3.6.1.5.5.7.1.11': accessDescriptions,
  '2.16.840.1.113730.1.13': text,
  '1.3.6.1.4.1.311.20.2': text,
};
