import { TAG, type Tlv } from '../der-reader.js';

/** A validity bound and whether its encoding follows RFC 5280 §4.1.2.5. */
export interface CertTime {
  readonly date: Date;
  /** Set when the encoding breaks the profile (fractions, missing seconds, GeneralizedTime before 2050…). */
  readonly fault?: string;
}

const UTC = /^(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})Z$/;
const GENERALIZED = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})Z$/;

/**
 * Strict decode of a certificate Time (RFC 5280 §4.1.2.5.1/.2: seconds present, "Z", no fraction,
 * UTCTime for years up to 2049). Returns undefined when the text is not a time at all.
 */
export function readCertTime(buf: Uint8Array, tlv: Tlv): CertTime | undefined {
  let text = '';
  for (let i = tlv.body; i < tlv.end; i++) text += String.fromCharCode(buf[i]!);
  let year: number;
  let m: RegExpExecArray | null;
  if (tlv.tag === TAG.utcTime && (m = UTC.exec(text))) {
    const yy = Number(m[1]);
    year = yy >= 50 ? 1900 + yy : 2000 + yy;
  } else if (tlv.tag === TAG.generalizedTime && (m = GENERALIZED.exec(text))) {
    year = Number(m[1]);
  } else {
    return undefined;
  }
  const [mo, d, h, mi, s] = [2, 3, 4, 5, 6].map((i) => Number(m![i]));
  const ms = Date.UTC(year, mo! - 1, d!, h!, mi!, s!);
  const date = new Date(ms);
  if (date.getUTCMonth() !== mo! - 1 || date.getUTCDate() !== d! || h! > 23 || mi! > 59 || s! > 59) return undefined;
  if (tlv.tag === TAG.generalizedTime && year < 2050) {
    return { date, fault: 'dates before 2050 must be encoded as UTCTime (RFC 5280 §4.1.2.5)' };
  }
  return { date };
}
