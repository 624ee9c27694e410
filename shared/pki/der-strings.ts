import type { Tlv } from './der-reader.js';
import { toHex, utf8Text } from './bytes.js';

/** ASN.1 string tags (X.680 §41) that appear in names and extensions. */
export const STRING_TAG = {
  utf8: 0x0c,
  numeric: 0x12,
  printable: 0x13,
  teletex: 0x14,
  ia5: 0x16,
  visible: 0x1a,
  universal: 0x1c,
  bmp: 0x1e,
} as const;

const STRING_TAGS = new Set<number>(Object.values(STRING_TAG));

export const isStringTag = (tag: number): boolean => STRING_TAGS.has(tag);

/**
 * The text of an ASN.1 string. UTF8String is decoded leniently (invalid sequences become U+FFFD)
 * so an odd certificate still opens; 8-bit types are read as Latin-1, as most decoders do.
 */
export function decodeDerString(buf: Uint8Array, tlv: Tlv): string {
  const bytes = buf.subarray(tlv.body, tlv.end);
  switch (tlv.tag) {
    case STRING_TAG.utf8:
      return utf8Text(bytes);
    case STRING_TAG.bmp: {
      let text = '';
      for (let i = 0; i + 1 < bytes.length; i += 2) text += String.fromCharCode((bytes[i]! << 8) | bytes[i + 1]!);
      return text;
    }
    case STRING_TAG.universal: {
      let text = '';
      for (let i = 0; i + 3 < bytes.length; i += 4) {
        const cp = ((bytes[i]! << 24) | (bytes[i + 1]! << 16) | (bytes[i + 2]! << 8) | bytes[i + 3]!) >>> 0;
        text += cp <= 0x10ffff ? String.fromCodePoint(cp) : '\ufffd';
      }
      return text;
    }
    default: {
      let text = '';
      for (const b of bytes) text += String.fromCharCode(b);
      return text;
    }
  }
}

/** A value that is not a string, shown as `#` + hex of its whole encoding (RFC 4514 §2.4). */
export const hexValue = (buf: Uint8Array, tlv: Tlv): string => `#${toHex(buf.subarray(tlv.start, tlv.end))}`;
