import { basename } from 'node:path';
import { createPublicKey } from 'node:crypto';
import { CertbenchError } from '../../../shared/errors.js';
import { LIMITS } from '../../../shared/ipc/limits.js';
import type { CertificateDetail } from '../../../shared/model/certificate-detail.js';
import type { InspectResult, ListedCertificate } from '../../../shared/model/inspected-object.js';
import { berToDer, hasIndefiniteLength } from '../../../shared/pki/ber-to-der.js';
import { utf8Text } from '../../../shared/pki/bytes.js';
import {
  bareBase64Der,
  listedProblems,
  CERTIFICATE_LABELS,
  certificateOfPemBody,
  certificatesOfPkcs7,
  PKCS7_LABELS,
  problemsError,
  readCertificateInput,
  indentedPemNote,
  type InputNote,
  type InputProblem,
} from '../../../shared/pki/certificate-input.js';
import { scanCertificate } from '../../../shared/pki/cert-scan.js';
import { sha256Hex } from '../../../shared/pki/hash.js';
import { describeCertificate } from '../../../shared/pki/certificate-detail.js';
import { readTlv, TAG } from '../../../shared/pki/der-reader.js';
import { looksLikePem, readPemBlocks, type PemBlock } from '../../../shared/pki/pem.js';
import { readInputFile } from '../files/read-input.js';
import { crlNotCertificate, looksLikeCrl } from '../../../shared/pki/crl-shape.js';
import { isJavaKeystore } from '../keystore/jks-reader.js';
import { readKeystore } from '../keystore/keystore-reader.js';
import { WorkBudget } from '../pkcs12/work-budget.js';
import { isEncryptedEncoding, pemBlockEncoding, privateKeyEncoding, readPrivateKeyBlockOffThread, readPrivateKeyOffThread } from '../private-keys/read-private-key.js';
import { readPfxInProcess, type PfxReaderOptions } from '../pkcs12/pfx-reader.js';
import type { ServiceEnv } from '../service-env.js';
import type { ObjectStore } from '../workspace/object-store.js';
import { classifyDer } from './classify-der.js';
import { ObjectCollector } from './object-collector.js';

/** How an open is bounded: a cancel signal, and the request's work budget (see pkcs12/work-budget.ts). */
export type OpenOptions = PfxReaderOptions;

/** An open's options inside the service: with the file budget its encrypted keys draw on. */
type ReadOptions = OpenOptions & { readonly keys: WorkBudget };

const CSR_LABELS = new Set(['CERTIFICATE REQUEST', 'NEW CERTIFICATE REQUEST']);

/** The parts of one input that could not be read, and the input's name for the error when nothing could; notes on parts that were. */
interface Damage {
  readonly source: string;
  readonly problems: InputProblem[];
  readonly notes: InputNote[];
}

/**
 * Opens what an admin is handed and describes every object in it, telling the format by content,
 * never by file name. `password` opens PKCS#12 files, keystores and encrypted keys; without it those
 * fail with `password-required` so the app can ask and call again.
 */
export class InspectService {
  constructor(
    private readonly env: ServiceEnv,
    private readonly store: ObjectStore,
  ) {}

  async openFile(path: string, password?: string, options: OpenOptions = {}): Promise<InspectResult> {
    const bytes = await readInputFile(path);
    this.store.noteInputPath(path);
    return this.openBytes(basename(path), bytes, password, options);
  }

  async openText(text: string, password?: string, options: OpenOptions = {}): Promise<InspectResult> {
    return this.openBytes('pasted text', new TextEncoder().encode(text), password, options);
  }

  async openBytes(source: string, bytes: Uint8Array, password?: string, options: OpenOptions = {}): Promise<InspectResult> {
    if (bytes.length === 0) throw new CertbenchError('empty-input', `${source} is empty`);
    if (bytes.length > LIMITS.maxInputBytes) throw new CertbenchError('too-large', `${source} is over the ${LIMITS.maxInputBytes}-byte limit`);
    const collector = new ObjectCollector(this.store, this.env.now(), source);
    const damage: Damage = { source, problems: [], notes: [] };
    // Encrypted keys in the file draw on one file budget, inside the request's (the PFX reader opens its own).
    const keys = (options.budget ?? WorkBudget.forRequest(options.signal ? { signal: options.signal } : {})).forFile();
    const format = await this.#read(bytes, password, collector, damage, { ...options, keys }).catch((err: unknown) => {
      throw looksLikeCrl(bytes) ? new CertbenchError('unsupported', crlNotCertificate(source), { cause: err }) : err;
    });
    return { source, format, objects: collector.finish(), problems: listedProblems(damage.problems), notes: damage.notes };
  }

  /**
   * Pairs each private key still unmatched with a certificate of the same public key (SPKI SHA-256)
   * from any of `results`: a key and its certificate usually arrive as two files.
   */
  pairKeysAcross(results: readonly InspectResult[]): InspectResult[] {
    const certBySpki = new Map<string, string>();
    for (const object of results.flatMap((r) => r.objects)) {
      if (object.kind !== 'certificate') continue;
      const spki = sha256Hex(scanCertificate(this.store.getKind(object.id, 'certificate').der).spkiDer);
      if (!certBySpki.has(spki)) certBySpki.set(spki, object.id);
    }
    return results.map((r) => ({
      ...r,
      objects: r.objects.map((o) => {
        const match = o.kind === 'private-key' && o.matchesCertificateId === undefined ? certBySpki.get(o.key.spkiSha256) : undefined;
        return match === undefined ? o : { ...o, matchesCertificateId: match };
      }),
    }));
  }

  /** The full detail of an opened certificate (decoded extensions; the ASN.1 tree and PEM unless `structure` is false). */
  detail(id: string, options: { structure?: boolean } = {}): CertificateDetail {
    return describeCertificate(this.store.getKind(id, 'certificate').der, this.env.now(), options);
  }

  /**
   * A certificate another workspace lists, opened as an Inspect object and described by the same
   * describer: `source` names the store it came from, `label` its alias or nickname.
   */
  openListed(der: Uint8Array, source: string, label?: string): ListedCertificate {
    const collector = new ObjectCollector(this.store, this.env.now(), source);
    const id = collector.certificate(der, source, label);
    const certificate = collector.finish().find((o) => o.id === id);
    if (certificate?.kind !== 'certificate') throw new CertbenchError('internal', 'The listed certificate was not collected');
    return { certificate, detail: this.detail(id) };
  }

  async #read(bytes: Uint8Array, password: string | undefined, out: ObjectCollector, damage: Damage, options: ReadOptions): Promise<string> {
    if (isJavaKeystore(bytes)) {
      const keystore = await readKeystore(bytes, password);
      out.keystore(keystore, keystore.type);
      return keystore.type;
    }
    if (bytes[0] === TAG.sequence) return this.#fromDer(bytes, password, out, damage, 'DER', options);
    const text = utf8Text(bytes);
    if (looksLikePem(text)) return this.#fromPem(text, password, out, damage, options.keys);
    const der = bareBase64Der(text);
    if (der) return this.#fromDer(der, password, out, damage, 'Base64 DER (no PEM armour)', options);
    throw new CertbenchError('unrecognized-format', 'Not a certificate, key, CSR, PKCS#7, PKCS#12 or keystore (no PEM armour and no DER structure)');
  }

  async #fromDer(input: Uint8Array, password: string | undefined, out: ObjectCollector, damage: Damage, encoding: string, options: ReadOptions): Promise<string> {
    const der = hasIndefiniteLength(input) ? berToDer(input) : input;
    readTlv(der, 0, der.length); // a cut-off download is `truncated` before anything else
    const kind = classifyDer(der);
    switch (kind) {
      case 'pkcs12':
        out.pkcs12(await (this.env.pfxReader ?? readPfxInProcess)(der, password, options), 'PKCS#12');
        return 'PKCS#12';
      case 'pkcs7':
        out.pkcs7(certificatesOfPkcs7(der), 'PKCS#7');
        return `PKCS#7 (${encoding})`;
      case 'certificates': {
        const found = readCertificateInput(der);
        if (found.certificates.length === 0) throw problemsError(found.problems, damage.source);
        for (const problem of found.problems) damage.problems.push(problem);
        const several = found.certificates.length + found.problems.length > 1;
        found.certificates.forEach((c, i) => out.certificate(c.der, several ? `${encoding} certificate ${i + 1}` : encoding));
        return `X.509 certificate (${encoding})`;
      }
      case 'csr':
        out.csr(der, encoding);
        return `PKCS#10 CSR (${encoding})`;
      case 'private-key': {
        const keyEncoding = privateKeyEncoding(der);
        out.privateKey(await readPrivateKeyOffThread(der, password, options.keys, this.env.keyDecryptor), encoding, keyEncoding, isEncryptedEncoding(keyEncoding));
        return `Private key (${keyEncoding}, ${encoding})`;
      }
      case 'public-key':
        out.publicKey(checkedSpki(der), encoding);
        return `Public key (${encoding})`;
      default:
        throw new CertbenchError('unrecognized-format', 'DER data that is not a certificate, key, CSR, PKCS#7 or PKCS#12');
    }
  }

  /** Each block on its own: a damaged one is reported and the rest still read (issue 16.3). */
  async #fromPem(text: string, password: string | undefined, out: ObjectCollector, damage: Damage, keys: WorkBudget): Promise<string> {
    const skipped: string[] = [];
    let read = 0;
    for (const entry of readPemBlocks(text)) {
      const label = 'block' in entry ? entry.block.label : entry.damaged.label;
      const origin = `PEM block ${entry.index} (${label})`;
      try {
        if ('damaged' in entry) throw entry.damaged.error;
        if (await this.#fromPemBlock(entry.block, origin, password, out, keys)) {
          read++;
          if (entry.block.indented) damage.notes.push(indentedPemNote(origin));
        } else skipped.push(label);
      } catch (err) {
        if (!(err instanceof CertbenchError) || err.code === 'password-required' || err.code === 'wrong-password') throw err;
        damage.problems.push({ origin, code: err.code, message: err.message.startsWith(origin) ? err.message : `${origin}: ${err.message}` });
      }
    }
    if (read === 0 && damage.problems.length > 0) throw problemsError(damage.problems, damage.source);
    if (read === 0) {
      throw new CertbenchError('unrecognized-format', `No certificate, key or CSR in the PEM text${skipped.length ? ` (found: ${skipped.join(', ')})` : ''}`);
    }
    return 'PEM';
  }

  /** Reads one decoded block into `out`; false for a label Certbench does not open. */
  async #fromPemBlock(block: PemBlock, origin: string, password: string | undefined, out: ObjectCollector, keys: WorkBudget): Promise<boolean> {
    if (CERTIFICATE_LABELS.has(block.label)) out.certificate(certificateOfPemBody(block.label, block.der), origin);
    else if (PKCS7_LABELS.has(block.label)) out.pkcs7(certificatesOfPkcs7(block.der), origin);
    else if (CSR_LABELS.has(block.label)) out.csr(block.der, origin);
    else if (block.label.endsWith('PRIVATE KEY')) {
      const encoding = pemBlockEncoding(block);
      out.privateKey(await readPrivateKeyBlockOffThread(block, password, keys, this.env.keyDecryptor), origin, encoding, isEncryptedEncoding(encoding));
    } else if (block.label === 'PUBLIC KEY') out.publicKey(checkedSpki(block.der), origin);
    else if (block.label === 'RSA PUBLIC KEY') out.publicKey(spkiFromPkcs1(block.der), origin);
    else return false;
    return true;
  }
}

function checkedSpki(der: Uint8Array): Uint8Array {
  try {
    createPublicKey({ key: Buffer.from(der), format: 'der', type: 'spki' });
  } catch (err) {
    throw new CertbenchError('parse', `Not a valid public key: ${(err as Error).message}`, { cause: err });
  }
  return der;
}

function spkiFromPkcs1(der: Uint8Array): Uint8Array {
  try {
    return new Uint8Array(createPublicKey({ key: Buffer.from(der), format: 'der', type: 'pkcs1' }).export({ type: 'spki', format: 'der' }));
  } catch (err) {
    throw new CertbenchError('parse', `Not a valid RSA public key: ${(err as Error).message}`, { cause: err });
  }
}
