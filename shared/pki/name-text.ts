import { decodeOid, expectTlv, readTlv, TAG, type Tlv } from './der-reader.js';
import { decodeDerString, hexValue, isStringTag } from './der-strings.js';
import { ATTRIBUTE_SHORT_NAMES } from './oid-names.js';

/** One AttributeTypeAndValue of a Name (RFC 5280 §4.1.2.4), in encoding order. */
export interface NameAttribute {
  /** Short name (CN, O, …) or the dotted OID when there is none. */
  readonly type: string;
  readonly oid: string;
  readonly value: string;
  /** Index of the RDN it belongs to: multi-valued RDNs share one. */
  readonly rdn: number;
  /** The value was not a string and `value` is `#` + hex of its encoding. */
  readonly hex: boolean;
}

/** Every attribute of the Name TLV `name`; non-string values become `#hex`. */
export function nameAttributes(buf: Uint8Array, name: Tlv): NameAttribute[] {
  const out: NameAttribute[] = [];
  let rdnIndex = 0;
  for (let p = name.body; p < name.end; rdnIndex++) {
    const rdn = expectTlv(buf, p, name.end, TAG.set, 'RelativeDistinguishedName');
    p = rdn.end;
    for (let q = rdn.body; q < rdn.end; ) {
      const atv = expectTlv(buf, q, rdn.end, TAG.sequence, 'AttributeTypeAndValue');
      q = atv.end;
      const oidTlv = expectTlv(buf, atv.body, atv.end, TAG.oid, 'attribute type');
      const oid = decodeOid(buf, oidTlv);
      const valueTlv = readTlv(buf, oidTlv.end, atv.end);
      const hex = !isStringTag(valueTlv.tag);
      const value = hex ? hexValue(buf, valueTlv) : decodeDerString(buf, valueTlv);
      out.push({ type: ATTRIBUTE_SHORT_NAMES[oid] ?? oid, oid, value, rdn: rdnIndex, hex });
    }
  }
  return out;
}

/**
 * The one display form of a DN, which every list, report, workspace and command shares: RDNs in
 * encoding order joined by ", " ("CN=leaf, O=Example"), as OpenSSL and @peculiar/x509 print it,
 * values escaped as RFC 4514 §2.4 asks.
 */
export function nameToDisplay(buf: Uint8Array, name: Tlv): string {
  return joinRdns(nameAttributes(buf, name), ', ');
}

/** The display form (see nameToDisplay) of a Name given as its own TLV bytes. */
export function nameDerToDisplay(nameDer: Uint8Array): string {
  return nameToDisplay(nameDer, expectTlv(nameDer, 0, nameDer.length, TAG.sequence, 'Name'));
}

/** Both forms of a Name given as its own TLV bytes: `display` for people, `rfc4514` for `--json`. */
export function nameDerTexts(nameDer: Uint8Array): { display: string; rfc4514: string } {
  const attributes = nameAttributes(nameDer, expectTlv(nameDer, 0, nameDer.length, TAG.sequence, 'Name'));
  return { display: joinRdns(attributes, ', '), rfc4514: nameToRfc4514(attributes) };
}

/** RFC 4514 §2.1 string: RDNs in reverse encoding order, joined by ",". */
export function nameToRfc4514(attributes: readonly NameAttribute[]): string {
  return joinRdns([...attributes].reverse(), ',');
}

function joinRdns(attributes: readonly NameAttribute[], separator: string): string {
  const rdns: string[] = [];
  let current = -1;
  for (const attr of attributes) {
    const text = `${attr.type}=${attr.hex ? attr.value : escapeValue(attr.value)}`;
    if (attr.rdn === current) rdns[rdns.length - 1] += `+${text}`;
    else rdns.push(text);
    current = attr.rdn;
  }
  return rdns.join(separator);
}

/** RFC 4514 §2.4 escaping. */
export function escapeValue(value: string): string {
  return value
    .replace(/([,+"\\<>;])/g, '\\$1')
    .replace(/^([ #])/, '\\$1')
    .replace(/ $/, '\\ ')
    .replace(/[\r\n\t\0]/g, (c) => `\\${c.charCodeAt(0).toString(16).padStart(2, '0').toUpperCase()}`);
}
