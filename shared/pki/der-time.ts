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
  const end = tlv.end;
  let p = tlv.body;
  // Plain reads instead of closures: no allocation per call.
  let year = digits(buf, p, end, generalized ? 4 : 2);
  p += generalized ? 4 : 2;
  if (!generalized) year += year >= 50 ? 1900 : 2000; // RFC 5280 §4.1.2.5.1
  const month = digits(buf, p, end, 2);
  const day = digits(buf, p + 2, end, 2);
  const hour = digits(buf, p + 4, end, 2);
  p += 6;
  let minute = 0;
  if (!generalized || isDigit(buf, p, end)) {
    minute = digits(buf, p, end, 2);
    p += 2;
  }
  let second = 0;
  if (isDigit(buf, p, end)) {
    second = digits(buf, p, end, 2);
    p += 2;
  }
  let millis = 0;
  if (generalized && p < end && (buf[p] === 0x2e || buf[p] === 0x2c)) {
    p++;
    if (!isDigit(buf, p, end)) throw invalid(buf, tlv);
    for (let scale = 100; isDigit(buf, p, end); scale /= 10) millis += (buf[p++]! - 0x30) * scale;
    millis = Math.floor(millis);
  }
  let offsetMinutes = 0;
  if (p < end && buf[p] === 0x5a) p++;
  else if (p < end && (buf[p] === 0x2b || buf[p] === 0x2d)) {
    const sign = buf[p] === 0x2d ? -1 : 1;
    offsetMinutes = sign * (digits(buf, p + 1, end, 2) * 60 + digits(buf, p + 3, end, 2));
    p += 5;
  }
  // Written as what must hold, so a NaN from a non-digit fails it too.
  const valid = year >= 0 && month >= 1 && month <= 12 && day >= 1 && day <= 31 && hour >= 0 && hour <= 24;
  if (!(valid && minute >= 0 && minute <= 59 && second >= 0 && second <= 60 && !Number.isNaN(offsetMinutes)) || p !== end) {
    throw invalid(buf, tlv);
  }
  return new Date(Date.UTC(year, month - 1, day, hour, minute, second, millis) - offsetMinutes * 60_000);
}

const isDigit = (buf: Uint8Array, p: number, end: number): boolean => p < end && buf[p]! >= 0x30 && buf[p]! <= 0x39;

/** `count` decimal digits at `p`, or NaN when any is missing or not a digit (the range check rejects it). */
function digits(buf: Uint8Array, p: number, end: number, count: number): number {
  let v = 0;
  for (let i = 0; i < count; i++) {
    if (!isDigit(buf, p + i, end)) return Number.NaN;
    v = v * 10 + buf[p + i]! - 0x30;
  }
  return v;
}

function invalid(buf: Uint8Array, tlv: Tlv): CertbenchError {
  let text = '';
  for (let i = tlv.body; i < Math.min(tlv.end, tlv.body + 40); i++) text += String.fromCharCode(buf[i]!);
  return new CertbenchError('parse', `Invalid certificate time ${JSON.stringify(text)}`);
}
