import { CertbenchError } from '../errors.js';
import { TAG, type Tlv } from './der-reader.js';

/**
 * A certificate Time (UTCTime or GeneralizedTime, RFC 5280 §4.1.2.5) as a Date; a malformed one
 * is a `parse` error. Lenient on purpose: real (odd) certificates omit seconds or carry offsets and
 * fractions, and Certbench must still open them. Digits are read by hand: this runs twice per
 * certificate in every bulk scan.
 */
export function decodeDerTime(buf: Uint8Array, tlv: Tlv): Date {
  const generalized = tlv.tag === TAG.generalizedTime;
  if (!generalized && tlv.tag !== TAG.utcTime) throw invalid(buf, tlv);
  let p = tlv.body;
  const digits = (count: number): number => {
    let v = 0;
    for (let i = 0; i < count; i++, p++) {
      const d = p < tlv.end ? buf[p]! - 0x30 : -1;
      if (d < 0 || d > 9) throw invalid(buf, tlv);
      v = v * 10 + d;
    }
    return v;
  };
  const hasDigit = (): boolean => p < tlv.end && buf[p]! >= 0x30 && buf[p]! <= 0x39;
  let year = generalized ? digits(4) : digits(2);
  if (!generalized) year += year >= 50 ? 1900 : 2000; // RFC 5280 §4.1.2.5.1
  const month = digits(2);
  const day = digits(2);
  const hour = digits(2);
  const minute = generalized && !hasDigit() ? 0 : digits(2);
  const second = hasDigit() ? digits(2) : 0;
  let millis = 0;
  if (generalized && p < tlv.end && (buf[p] === 0x2e || buf[p] === 0x2c)) {
    p++;
    let scale = 100;
    if (!hasDigit()) throw invalid(buf, tlv);
    while (hasDigit()) {
      millis += (buf[p++]! - 0x30) * scale;
      scale /= 10;
    }
    millis = Math.floor(millis);
  }
  let offsetMinutes = 0;
  if (p < tlv.end && buf[p] === 0x5a) p++;
  else if (p < tlv.end && (buf[p] === 0x2b || buf[p] === 0x2d)) {
    const sign = buf[p++] === 0x2d ? -1 : 1;
    offsetMinutes = sign * (digits(2) * 60 + digits(2));
  }
  if (p !== tlv.end || month < 1 || month > 12 || day < 1 || day > 31 || hour > 24 || minute > 59 || second > 60) {
    throw invalid(buf, tlv);
  }
  return new Date(Date.UTC(year, month - 1, day, hour, minute, second, millis) - offsetMinutes * 60_000);
}

function invalid(buf: Uint8Array, tlv: Tlv): CertbenchError {
  let text = '';
  for (let i = tlv.body; i < Math.min(tlv.end, tlv.body + 40); i++) text += String.fromCharCode(buf[i]!);
  return new CertbenchError('parse', `Invalid certificate time ${JSON.stringify(text)}`);
}
