import { describe, expect, it } from 'vitest';
import { CertbenchError } from '../../../shared/errors.js';
import { berToDer } from '../../../shared/pki/ber-to-der.js';
import { fromHex, toHex } from '../../../shared/pki/bytes.js';
import { decodeOid, readTlv } from '../../../shared/pki/der-reader.js';
import { decodeDerTime } from '../../../shared/pki/der-time.js';
import { derBmpString, derInteger, derOid, derSequence, derSet, derTlv } from '../../../shared/pki/der-writer.js';
import { formatIp } from '../../../shared/pki/ip-address.js';
import { escapeValue, nameAttributes, nameToDisplay, nameToRfc4514 } from '../../../shared/pki/name-text.js';

const text = (s: string) => new TextEncoder().encode(s);
const utc = (s: string) => derTlv(0x17, text(s));
const gen = (s: string) => derTlv(0x18, text(s));
const time = (der: Uint8Array) => decodeDerTime(der, readTlv(der, 0, der.length)).toISOString();
const atv = (oid: string, value: string) => derSequence(derOid(oid), derTlv(0x0c, text(value)));

describe('DER codecs', () => {
  it('round-trips OIDs, including arcs past 2^53', () => {
    for (const oid of ['1.2.840.113549.1.1.11', '2.5.29.17', '2.999.3', '1.3.6.1.4.1.99999999999999999999.1']) {
      const der = derOid(oid);
      expect(decodeOid(der, readTlv(der, 0, der.length))).toBe(oid);
    }
  });

  it('encodes minimal INTEGERs and BMPStrings', () => {
    expect(toHex(derInteger(0))).toBe('020100');
    expect(toHex(derInteger(128))).toBe('02020080');
    expect(toHex(derInteger(2048))).toBe('02020800');
    expect(toHex(derBmpString('Aé'))).toBe('1e04004100e9');
  });

  it('reads UTCTime (RFC 5280 century rule), GeneralizedTime with fractions and offsets, and rejects junk', () => {
    expect(time(utc('491231235959Z'))).toBe('2049-12-31T23:59:59.000Z');
    expect(time(utc('500101000000Z'))).toBe('1950-01-01T00:00:00.000Z');
    expect(time(utc('2001010000Z'))).toBe('2020-01-01T00:00:00.000Z');
    expect(time(gen('20500101120000.25Z'))).toBe('2050-01-01T12:00:00.250Z');
    expect(time(gen('20240101120000+0130'))).toBe('2024-01-01T10:30:00.000Z');
    expect(() => time(utc('49123123595XZ'))).toThrow(CertbenchError);
    expect(() => time(utc('491331235959Z'))).toThrow(/Invalid certificate time/);
  });

  it('formats IPv4 and compresses IPv6 as RFC 5952 asks', () => {
    expect(formatIp(Uint8Array.of(192, 0, 2, 1))).toBe('192.0.2.1');
    expect(formatIp(fromHex('20010db8000000000000000000000001'))).toBe('2001:db8::1');
    expect(formatIp(fromHex('20010db8000000010000000000000000'))).toBe('2001:db8:0:1::');
    expect(formatIp(fromHex('20010db8000100010001000100010001'))).toBe('2001:db8:1:1:1:1:1:1');
  });

  it('prints names in encoding order and RFC 4514 order, escaping specials and keeping multi-valued RDNs', () => {
    const name = derSequence(derSet(atv('2.5.4.6', 'DE')), derSet(atv('2.5.4.10', 'A, B'), atv('2.5.4.11', '#x')), derSet(atv('2.5.4.3', ' sp ')));
    const attrs = nameAttributes(name, readTlv(name, 0, name.length));
    expect(attrs.map((a) => [a.type, a.value, a.rdn])).toEqual([
      ['C', 'DE', 0],
      ['O', 'A, B', 1],
      ['OU', '#x', 1],
      ['CN', ' sp ', 2],
    ]);
    expect(nameToDisplay(name, readTlv(name, 0, name.length))).toBe('C=DE, O=A\\, B+OU=\\#x, CN=\\ sp\\ ');
    expect(nameToRfc4514(attrs)).toBe('CN=\\ sp\\ ,OU=\\#x+O=A\\, B,C=DE');
    expect(escapeValue('a;b"c\\')).toBe('a\\;b\\"c\\\\');
  });

  it('re-encodes BER indefinite lengths as DER, content bytes unchanged', () => {
    const ber = fromHex('3080' + '0201 05'.replace(/ /g, '') + '2480' + '0402aabb' + '0401cc' + '0000' + '0000');
    expect(toHex(berToDer(ber))).toBe('300c' + '020105' + '2407' + '0402aabb' + '0401cc');
    expect(() => berToDer(fromHex('3080020105'))).toThrow(/end-of-contents/);
  });
});
