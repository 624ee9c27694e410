import type { SanEntry } from '../model/certificate-summary.js';
import { toHex } from './bytes.js';
import { decodeOid, expectTlv, readTlv, TAG, type Tlv } from './der-reader.js';
import { decodeDerString, isStringTag } from './der-strings.js';
import { formatIp } from './ip-address.js';
import { nameToDisplay } from './name-text.js';

const OTHER_NAME_TYPES: Readonly<Record<string, string>> = {
  '1.3.6.1.4.1.311.20.2.3': 'UPN',
  '1.3.6.1.5.5.7.8.9': 'SmtpUTF8Mailbox',
  '1.3.6.1.5.5.7.8.7': 'SRVName',
};

/** Every GeneralName of a GeneralNames SEQUENCE (RFC 5280 §4.2.1.6), each type in its text form. */
export function readGeneralNames(buf: Uint8Array, seq: Tlv): SanEntry[] {
  const out: SanEntry[] = [];
  for (let p = seq.body; p < seq.end; ) {
    const name = readTlv(buf, p, seq.end);
    p = name.end;
    out.push(readGeneralName(buf, name));
  }
  return out;
}

/** One GeneralName; its context tag says which CHOICE it is. */
export function readGeneralName(buf: Uint8Array, name: Tlv): SanEntry {
  const text = (): string => decodeDerString(buf, { ...name, tag: 0x16 });
  switch (name.tag) {
    case 0x82:
      return { type: 'dns', value: text() };
    case 0x81:
      return { type: 'email', value: text() };
    case 0x86:
      return { type: 'uri', value: text() };
    case 0x87:
      return { type: 'ip', value: formatIp(buf.subarray(name.body, name.end)) };
    case 0x88:
      return { type: 'registeredId', value: decodeOid(buf, name) };
    case 0xa4:
      return { type: 'dirName', value: nameToDisplay(buf, expectTlv(buf, name.body, name.end, TAG.sequence, 'directoryName')) };
    case 0xa0:
      return { type: 'otherName', value: otherName(buf, name) };
    case 0xa3:
      return { type: 'x400Address', value: toHex(buf.subarray(name.body, name.end)) };
    case 0xa5:
      return { type: 'ediPartyName', value: toHex(buf.subarray(name.body, name.end)) };
    default:
      return { type: 'otherName', value: `tag 0x${name.tag.toString(16)}: ${toHex(buf.subarray(name.body, name.end))}` };
  }
}

/** otherName (RFC 5280 §4.2.1.6): `type-id` then `[0] EXPLICIT value`; UPN-like strings shown as text. */
function otherName(buf: Uint8Array, name: Tlv): string {
  const typeTlv = expectTlv(buf, name.body, name.end, TAG.oid, 'otherName type-id');
  const oid = decodeOid(buf, typeTlv);
  const label = OTHER_NAME_TYPES[oid] ?? oid;
  if (typeTlv.end >= name.end) return `${label}:`;
  const wrapper = readTlv(buf, typeTlv.end, name.end);
  const value = wrapper.body < wrapper.end ? readTlv(buf, wrapper.body, wrapper.end) : wrapper;
  return `${label}:${isStringTag(value.tag) ? decodeDerString(buf, value) : toHex(buf.subarray(value.start, value.end))}`;
}
