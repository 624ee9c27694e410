import { CertbenchError, type ErrorCode } from '../errors.js';
import { berToDer, hasIndefiniteLength } from './ber-to-der.js';
import { fromBase64, utf8Text } from './bytes.js';
import { decodeTlv, expectTlv, oidEquals, readTlv, TAG, type Tlv, type TlvFault } from './der-reader.js';
import { looksLikePem, readPemBlocks } from './pem.js';
import { crlNotCertificate, looksLikeCrl } from './crl-shape.js';

/**
 * The one reader of certificate input: every workspace and command (inspect, chain, bundle,
 * trust, keystore import, convert) gets its certificates here, so one file has one answer.
 *
 * Accepted: PEM labelled CERTIFICATE, X509 CERTIFICATE, TRUSTED CERTIFICATE (OpenSSL's trust
 * settings after the certificate are dropped), PKCS7, CMS or PKCS #7 SIGNED DATA; DER, one
 * certificate or several concatenated; a PKCS#7 certs-only SignedData (.p7b/.p7c) in DER or BER;
 * the same in bare base64. Text around PEM blocks, a BOM and CRLF are normal input; so is a block
 * indented whole (YAML, e-mail), read with a note because OpenSSL would not read it.
 *
 * Strict inside a block: its body must decode to exactly one certificate (or one PKCS#7) with
 * nothing before or after — lenient decoding turns a damaged block into a certificate nobody
 * issued. A damaged block is a problem of that block only; the other blocks still read.
 *
 * PKCS#7 is read here by hand rather than with pkijs: only the certificates field is needed, the
 * CLI start-up closure must not load pkijs (test/unit/cli/startup-closure.test.ts), and a
 * hand-written walk names the exact field that is malformed.
 */

export const CERTIFICATE_LABELS: ReadonlySet<string> = new Set(['CERTIFICATE', 'X509 CERTIFICATE', 'TRUSTED CERTIFICATE']);
export const PKCS7_LABELS: ReadonlySet<string> = new Set(['PKCS7', 'CMS', 'PKCS #7 SIGNED DATA']);

export type CertificateInputFormat = 'PEM' | 'DER' | 'PKCS#7 (DER)' | 'Base64 DER';

/** One certificate found, with where it was ("PEM block 2 (CERTIFICATE)", "DER certificate 3"). */
export interface FoundCertificate {
  readonly der: Uint8Array;
  readonly origin: string;
}

/** One part of the input that held no usable certificate, as a sentence with a code. */
export interface InputProblem {
  readonly origin: string;
  readonly code: ErrorCode;
  readonly message: string;
}

/** Something about a part that was read that the user should know: another tool may not read it so. */
export interface InputNote {
  readonly origin: string;
  readonly message: string;
}

export interface CertificateInput {
  readonly format: CertificateInputFormat;
  readonly certificates: readonly FoundCertificate[];
  readonly problems: readonly InputProblem[];
  readonly notes: readonly InputNote[];
}

/** The note on a block read with indented armour (see PemBlock.indented). */
export function indentedPemNote(origin: string): InputNote {
  return { origin, message: `${origin} is indented: OpenSSL does not read indented PEM; de-indent it for other tools` };
}

/**
 * Every certificate in `bytes`, in file order, and every damaged part (PEM text with only keys or
 * CSRs has neither). Throws only `empty-input` and `unrecognized-format` (neither PEM, DER nor
 * base64); everything else is a problem.
 */
export function readCertificateInput(bytes: Uint8Array): CertificateInput {
  if (bytes.length === 0) throw new CertbenchError('empty-input', 'The input is empty');
  if (bytes[0] === TAG.sequence) return fromBinary(bytes, 'DER');
  const text = utf8Text(bytes);
  if (looksLikePem(text)) return fromPem(text);
  const der = bareBase64Der(text);
  if (der) return fromBinary(der, 'Base64 DER');
  throw new CertbenchError('unrecognized-format', 'No certificate found: the input is neither PEM, DER, PKCS#7 nor base64');
}

/**
 * The DER of unarmoured base64 text (what a portal's "copy" button gives) when the text is nothing
 * but base64 of a DER SEQUENCE; `bad-base64` when it looks like base64 but does not decode.
 */
export function bareBase64Der(text: string): Uint8Array | undefined {
  const compact = text.replace(/[\t\n\v\f\r ]/g, '');
  // Under 16 characters a word is likelier than a certificate's base64 (the smallest is hundreds).
  if (!/^[A-Za-z0-9+/]{16,}={0,2}$/.test(compact)) return undefined;
  let der: Uint8Array;
  try {
    der = fromBase64(compact);
  } catch (err) {
    throw new CertbenchError('bad-base64', `The input is not valid base64: ${(err as Error).message}`, { cause: err });
  }
  return der[0] === TAG.sequence ? der : undefined;
}

/**
 * The certificates of `bytes` for a caller that acts on all of them (import, trust, bundle,
 * chain): a damaged part is an error naming it, and so is input without a certificate, so nothing
 * is ever done with part of what the user pointed at. `name` says what the input is in messages.
 */
export function certificateDers(bytes: Uint8Array, name?: string): Uint8Array[] {
  const input = readCertificateInput(bytes);
  if (input.certificates.length === 0 && looksLikeCrl(bytes)) throw new CertbenchError('unsupported', crlNotCertificate(name));
  if (input.problems.length > 0 || input.certificates.length === 0) throw problemsError(input.problems, name);
  return input.certificates.map((c) => c.der);
}

/** One error for an input's problems: the first one's code and sentence, and how many more there are. */
export function problemsError(problems: readonly InputProblem[], name?: string): CertbenchError {
  const [first] = problems;
  if (!first) return new CertbenchError('unrecognized-format', `${name ?? 'The input'} holds no certificate`);
  const more = problems.length > 1 ? ` (and ${problems.length - 1} more damaged part${problems.length > 2 ? 's' : ''})` : '';
  return new CertbenchError(first.code, `${name === undefined ? '' : `${name}: `}${first.message}${more}`);
}

function fromPem(text: string): CertificateInput {
  const certificates: FoundCertificate[] = [];
  const problems: InputProblem[] = [];
  const notes: InputNote[] = [];
  for (const entry of readPemBlocks(text)) {
    const label = 'block' in entry ? entry.block.label : entry.damaged.label;
    if (!CERTIFICATE_LABELS.has(label) && !PKCS7_LABELS.has(label)) continue; // keys, CSRs: not ours to judge
    const origin = `PEM block ${entry.index} (${label})`;
    if ('damaged' in entry) {
      problems.push({ origin, code: entry.damaged.error.code, message: entry.damaged.error.message });
      continue;
    }
    const found = attempt(origin, problems, () =>
      CERTIFICATE_LABELS.has(label) ? [certificateOfPemBody(label, entry.block.der)] : certificatesOfPkcs7(entry.block.der),
    );
    found.forEach((der, i) => certificates.push({ der, origin: PKCS7_LABELS.has(label) ? `${origin}, certificate ${i + 1}` : origin }));
    if (found.length > 0 && entry.block.indented) notes.push(indentedPemNote(origin));
  }
  return { format: 'PEM', certificates, problems: listedProblems(problems), notes };
}

function fromBinary(bytes: Uint8Array, encoding: 'DER' | 'Base64 DER'): CertificateInput {
  const problems: InputProblem[] = [];
  if (isPkcs7SignedData(bytes)) {
    const ders = attempt('PKCS#7', problems, () => certificatesOfPkcs7(bytes));
    return { format: encoding === 'DER' ? 'PKCS#7 (DER)' : encoding, certificates: ders.map((der, i) => ({ der, origin: `PKCS#7 certificate ${i + 1}` })), problems, notes: [] };
  }
  const certificates: FoundCertificate[] = [];
  for (let p = 0, n = 1; p < bytes.length; n++) {
    const origin = `${encoding} certificate ${n}`;
    const tlv = decodeTlv(bytes, p, bytes.length);
    if ('fault' in tlv) {
      // Without a well-formed header nothing after it can be found again.
      problems.push({ origin, code: tlv.fault, message: `${origin}: ${tlv.message}` });
      break;
    }
    const der = bytes.subarray(p, tlv.end);
    const fault = certificateFault(der);
    if (fault) problems.push({ origin, code: fault.fault, message: `${origin}: ${fault.message}` });
    else certificates.push({ der, origin });
    p = tlv.end;
  }
  return { format: encoding, certificates, problems: listedProblems(problems), notes: [] };
}

function attempt(origin: string, problems: InputProblem[], read: () => Uint8Array[]): Uint8Array[] {
  try {
    return read();
  } catch (err) {
    problems.push(problemOf(origin, err));
    return [];
  }
}

/** Problems listed one by one; past this a hostile file of tiny junk elements gets one summary line instead. */
const MAX_LISTED_PROBLEMS = 100;

export function listedProblems(problems: readonly InputProblem[]): InputProblem[] {
  if (problems.length <= MAX_LISTED_PROBLEMS) return [...problems];
  const rest = problems.length - MAX_LISTED_PROBLEMS;
  const origin = 'The rest of the input';
  return [...problems.slice(0, MAX_LISTED_PROBLEMS), { origin, code: problems[MAX_LISTED_PROBLEMS]!.code, message: `${origin}: ${rest} more damaged parts are not listed` }];
}

function problemOf(origin: string, err: unknown): InputProblem {
  if (!(err instanceof CertbenchError)) throw err;
  return { origin, code: err.code, message: err.message.startsWith(origin) ? err.message : `${origin}: ${err.message}` };
}

/**
 * The certificate of a certificate-labelled PEM body: exactly one Certificate, except that
 * TRUSTED CERTIFICATE may carry OpenSSL's X509_CERT_AUX trust settings as one SEQUENCE after it.
 */
export function certificateOfPemBody(label: string, body: Uint8Array): Uint8Array {
  const cert = readTlv(body, 0, body.length);
  if (cert.end < body.length) {
    const aux = label === 'TRUSTED CERTIFICATE' ? readTlv(body, cert.end, body.length) : undefined;
    if (aux?.tag !== TAG.sequence || aux.end !== body.length) {
      throw new CertbenchError('parse', `${body.length - cert.end} bytes follow the certificate in its block: the block is damaged`);
    }
  }
  return checkedCertificate(body.subarray(0, cert.end));
}

const OID_SIGNED_DATA = Uint8Array.of(0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x07, 0x02);

/** True when `der` starts like a CMS ContentInfo of type signedData (RFC 5652 §3, §5.1). */
export function isPkcs7SignedData(der: Uint8Array): boolean {
  try {
    const info = der[1] === 0x80 ? { tag: der[0]!, body: 2, end: der.length } : readTlv(der, 0, der.length);
    if (info.tag !== TAG.sequence) return false;
    const type = readTlv(der, info.body, info.end);
    return type.tag === TAG.oid && oidEquals(der, type, OID_SIGNED_DATA);
  } catch {
    return false;
  }
}

/**
 * The certificates of a PKCS#7/CMS SignedData (RFC 5652 §5.1; BER from Windows and Java is
 * re-encoded first), in file order. Other CertificateChoices (attribute certificates, §10.2.2) are
 * skipped; a malformed certificate is an error, as is anything after the ContentInfo.
 */
export function certificatesOfPkcs7(input: Uint8Array): Uint8Array[] {
  const der = hasIndefiniteLength(input) ? berToDer(input) : input;
  const info = expectTlv(der, 0, der.length, TAG.sequence, 'ContentInfo');
  if (info.end !== der.length) throw new CertbenchError('parse', `${der.length - info.end} bytes follow the PKCS#7 structure`);
  const type = expectTlv(der, info.body, info.end, TAG.oid, 'contentType');
  if (!oidEquals(der, type, OID_SIGNED_DATA)) throw new CertbenchError('parse', 'PKCS#7 content is not signedData');
  const content = expectTlv(der, type.end, info.end, 0xa0, 'content [0]');
  const signed = expectTlv(der, content.body, content.end, TAG.sequence, 'SignedData');
  const version = expectTlv(der, signed.body, signed.end, TAG.integer, 'SignedData version');
  const digests = expectTlv(der, version.end, signed.end, TAG.set, 'digestAlgorithms');
  const encap = expectTlv(der, digests.end, signed.end, TAG.sequence, 'encapContentInfo');
  if (encap.end >= signed.end) return [];
  const certs = readTlv(der, encap.end, signed.end);
  if (certs.tag !== 0xa0) return [];
  const out: Uint8Array[] = [];
  for (let p = certs.body; p < certs.end; ) {
    const item = readTlv(der, p, certs.end);
    if (item.tag === TAG.sequence) out.push(checkedCertificate(der.subarray(item.start, item.end)));
    p = item.end;
  }
  return out;
}

/** Nesting a real certificate never reaches (they nest about ten deep); bounds the walk below. */
const MAX_CERTIFICATE_DEPTH = 32;

/**
 * `der` when it is one well-formed Certificate (RFC 5280 §4.1: SEQUENCE of TBSCertificate,
 * AlgorithmIdentifier, BIT STRING, and every constructed element inside parsing exactly);
 * a `parse`/`truncated` error otherwise. Field values are the scanner's business.
 */
export function checkedCertificate(der: Uint8Array): Uint8Array {
  const fault = certificateFault(der);
  if (fault) throw new CertbenchError(fault.fault, fault.message);
  return der;
}

/** Why `der` is not one well-formed Certificate (see checkedCertificate), or undefined; never throws. */
function certificateFault(der: Uint8Array): TlvFault | undefined {
  const cert = decodeTlv(der, 0, der.length);
  if ('fault' in cert) return cert;
  if (cert.tag !== TAG.sequence) return { fault: 'parse', message: `Not a certificate: it starts with tag 0x${cert.tag.toString(16)}, not a SEQUENCE` };
  if (cert.end !== der.length) return { fault: 'parse', message: `${der.length - cert.end} bytes follow the certificate` };
  if (looksLikeCrl(der)) return { fault: 'parse', message: crlNotCertificate() };
  const tbs = decodeTlv(der, cert.body, cert.end);
  const algorithm = 'fault' in tbs ? tbs : decodeTlv(der, tbs.end, cert.end);
  const signature = 'fault' in algorithm ? algorithm : decodeTlv(der, algorithm.end, cert.end);
  // Inside a complete outer SEQUENCE a missing or overlong field is malformation, not a cut-off file.
  if ('fault' in signature) return { fault: 'parse', message: `Not a certificate: ${signature.message}` };
  if ('fault' in tbs || 'fault' in algorithm || tbs.tag !== TAG.sequence || algorithm.tag !== TAG.sequence || signature.tag !== TAG.bitString) {
    return { fault: 'parse', message: 'Not a certificate: expected TBSCertificate, signatureAlgorithm and signatureValue' };
  }
  if (signature.end !== cert.end) return { fault: 'parse', message: 'The certificate has elements after its signature' };
  // Iterative walk with an explicit depth bound: hostile nesting cannot exhaust the stack.
  const stack: Array<{ p: number; end: number }> = [{ p: cert.body, end: cert.end }];
  while (stack.length > 0) {
    const top = stack[stack.length - 1]!;
    if (top.p >= top.end) {
      stack.pop();
      continue;
    }
    const tlv = decodeTlv(der, top.p, top.end);
    if ('fault' in tlv) return { fault: 'parse', message: `The certificate is malformed: ${tlv.message}` };
    top.p = tlv.end;
    const fault = elementFault(der, tlv);
    if (fault) return { fault: 'parse', message: `The certificate holds ${fault}` };
    if (tlv.tag & 0x20) {
      if (stack.length >= MAX_CERTIFICATE_DEPTH) return { fault: 'parse', message: 'The certificate nests deeper than any real one' };
      stack.push({ p: tlv.body, end: tlv.end });
    }
  }
  return undefined;
}

/**
 * DER rules any certificate element keeps (X.690 §8.19, §8.6, §10.2): OIDs end on a final octet,
 * BIT STRINGs have at most 7 unused bits, only SEQUENCE and SET are constructed among universal
 * tags, and no application or private tags appear. Damage inside a body usually breaks one of them.
 */
function elementFault(der: Uint8Array, tlv: Tlv): string | undefined {
  const cls = tlv.tag & 0xc0;
  if (cls === 0x40 || cls === 0xc0) return `an application or private tag 0x${tlv.tag.toString(16)}`;
  if (cls === 0 && tlv.tag & 0x20 && tlv.tag !== TAG.sequence && tlv.tag !== TAG.set) return `a constructed universal tag 0x${tlv.tag.toString(16)}`;
  if (tlv.tag === TAG.oid && (tlv.end === tlv.body || der[tlv.end - 1]! & 0x80 || der[tlv.body] === 0x80)) return 'a malformed OBJECT IDENTIFIER';
  if (tlv.tag === TAG.bitString && (tlv.end === tlv.body || der[tlv.body]! > 7)) return 'a malformed BIT STRING';
  return undefined;
}
