import type { Asn1Node } from '../model/certificate-detail.js';
import { toHex } from './bytes.js';
import { decodeOid, readTlv, TAG, type Tlv } from './der-reader.js';
import { decodeDerTime } from './der-time.js';
import { decodeDerString, isStringTag } from './der-strings.js';

const UNIVERSAL_NAMES: Readonly<Record<number, string>> = {
  0x01: 'BOOLEAN',
  0x02: 'INTEGER',
  0x03: 'BIT STRING',
  0x04: 'OCTET STRING',
  0x05: 'NULL',
  0x06: 'OBJECT IDENTIFIER',
  0x0a: 'ENUMERATED',
  0x0c: 'UTF8String',
  0x12: 'NumericString',
  0x13: 'PrintableString',
  0x14: 'TeletexString',
  0x16: 'IA5String',
  0x17: 'UTCTime',
  0x18: 'GeneralizedTime',
  0x1a: 'VisibleString',
  0x1c: 'UniversalString',
  0x1e: 'BMPString',
  0x30: 'SEQUENCE',
  0x31: 'SET',
};

/** Caps that keep the tree view bounded for hostile input. */
const MAX_NODES = 4000;
const MAX_DEPTH = 40;
const MAX_VALUE_CHARS = 256;

/**
 * The DER as a tree (X.690 §8.1), like `openssl asn1parse -i`: OCTET and BIT STRINGs that hold
 * DER themselves (extension values, keys) are expanded. Malformed tails become a hex leaf.
 */
export function asn1Tree(der: Uint8Array): Asn1Node {
  const budget = { nodes: 0 };
  return node(der, readTlv(der, 0, der.length), 0, budget);
}

function node(buf: Uint8Array, tlv: Tlv, depth: number, budget: { nodes: number }): Asn1Node {
  budget.nodes++;
  const base = { tag: tagName(tlv.tag), offset: tlv.start, headerLength: tlv.body - tlv.start, length: tlv.end - tlv.body };
  const constructed = (tlv.tag & 0x20) !== 0;
  if (constructed || tlv.tag === TAG.octetString || tlv.tag === TAG.bitString) {
    const skip = tlv.tag === TAG.bitString ? 1 : 0;
    const children = depth < MAX_DEPTH ? childrenOf(buf, tlv.body + skip, tlv.end, depth, budget, !constructed) : undefined;
    if (children) return { ...base, children };
  }
  return { ...base, value: primitiveValue(buf, tlv) };
}

/** Children when the range parses completely as TLVs; `undefined` (show as value) otherwise. */
function childrenOf(buf: Uint8Array, start: number, end: number, depth: number, budget: { nodes: number }, encapsulated: boolean): Asn1Node[] | undefined {
  const tlvs: Tlv[] = [];
  try {
    for (let p = start; p < end; ) {
      const t = readTlv(buf, p, end);
      // Encapsulated content is only expanded when it starts like a structure, not a random string.
      if (encapsulated && tlvs.length === 0 && t.tag !== TAG.sequence && t.tag !== TAG.set) return undefined;
      tlvs.push(t);
      p = t.end;
    }
  } catch {
    return encapsulated ? undefined : [{ tag: 'malformed', offset: start, headerLength: 0, length: end - start, value: clip(toHex(buf.subarray(start, end))) }];
  }
  if (encapsulated && tlvs.length === 0) return undefined;
  const out: Asn1Node[] = [];
  for (const t of tlvs) {
    if (budget.nodes >= MAX_NODES) {
      out.push({ tag: '…', offset: t.start, headerLength: 0, length: end - t.start, value: 'tree truncated' });
      break;
    }
    out.push(node(buf, t, depth + 1, budget));
  }
  return out;
}

function primitiveValue(buf: Uint8Array, tlv: Tlv): string {
  try {
    if (tlv.tag === TAG.oid) return decodeOid(buf, tlv);
    if (tlv.tag === TAG.boolean) return buf[tlv.body] ? 'TRUE' : 'FALSE';
    if (tlv.tag === TAG.utcTime || tlv.tag === TAG.generalizedTime) return decodeDerTime(buf, tlv).toISOString();
    if (isStringTag(tlv.tag)) return clip(decodeDerString(buf, tlv));
  } catch {
    // fall through to hex: a malformed value still shows its bytes
  }
  return clip(toHex(buf.subarray(tlv.body, tlv.end)));
}

const clip = (s: string): string => (s.length > MAX_VALUE_CHARS ? `${s.slice(0, MAX_VALUE_CHARS)}…` : s);

function tagName(tag: number): string {
  if (UNIVERSAL_NAMES[tag]) return UNIVERSAL_NAMES[tag]!;
  const cls = tag >> 6;
  const number = tag & 0x1f;
  if (cls === 2) return `[${number}]${tag & 0x20 ? '' : ' IMPLICIT'}`;
  return `tag 0x${tag.toString(16)}`;
}
