import { createPublicKey, type KeyObject } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { CertbenchError } from '../../../shared/errors.js';
import type { ConvertResult, ExportRequest, WrittenFile } from '../../../shared/model/convert.js';
import { bytesEqual } from '../../../shared/pki/bytes.js';
import { scanCertificate, type CertScan } from '../../../shared/pki/cert-scan.js';
import { orderCertificates } from '../../../shared/pki/order-certificates.js';
import { fsError } from '../files/read-input.js';
import { writeFilesAllOrNothing, writeFileSafely, type OutputFile } from '../files/safe-write.js';
import { writePfx } from '../pkcs12/write-pfx.js';
import type { ObjectStore } from '../workspace/object-store.js';
import { encodeCertificates, EXTENSIONS } from './encode-certificates.js';


/**
 * Writes opened objects in another format: PEM/DER/P7B/.cer certificates, PEM private keys
 * (encrypted unless explicitly chosen otherwise), PFX with a compatibility profile; bundles split
 * into files or combined in chain order. Inputs are never overwritten.
 */
export class ConvertService {
  constructor(private readonly store: ObjectStore) {}

  /**
   * `inputs`: files this conversion read; every file opened in the workspace is protected as well.
   * All output files (certificates and key) are checked first and written together or not at all.
   */
  async export(req: ExportRequest, inputs: readonly string[] = []): Promise<ConvertResult> {
    const { certificates, key } = this.#collect(req.ids);
    const scans = arrange(certificates.map(scanCertificate), key, req.order ?? false);
    const write = { overwrite: req.overwrite ?? false, inputs: [...inputs, ...this.store.inputPaths] };
    const outputs: { file: OutputFile; written: WrittenFile }[] = [];
    const warnings: string[] = [];
    if (req.format === 'pfx') {
      if (req.password === undefined) throw new CertbenchError('password-required', 'A PFX needs a password: enter one');
      const pfx = await writePfx({
        certificates: scans.map((s) => s.der),
        ...(key ? { privateKey: key } : {}),
        password: req.password,
        profile: req.pfxProfile ?? 'modern',
        ...(req.friendlyName !== undefined ? { friendlyName: req.friendlyName } : {}),
      });
      await writeFileSafely(req.path, pfx, { ...write, secret: true });
      return { files: [{ path: req.path, content: 'pfx', mode: '600', certificates: scans.length }], warnings };
    }
    if (req.split) {
      await mkdir(req.path, { recursive: true }).catch((err: unknown) => Promise.reject(fsError(err, req.path)));
      for (const [i, scan] of scans.entries()) {
        const path = join(req.path, `${String(i + 1).padStart(2, '0')}${EXTENSIONS[req.format]}`);
        outputs.push({ file: { path, bytes: encodeCertificates([scan.der], req.format) }, written: { path, content: 'certificates', mode: '644', certificates: 1 } });
      }
    } else if (scans.length > 0) {
      const bytes = encodeCertificates(scans.map((s) => s.der), req.format);
      outputs.push({ file: { path: req.path, bytes }, written: { path: req.path, content: 'certificates', mode: '644', certificates: scans.length } });
    }
    if (key) {
      if (req.format !== 'pem') warnings.push(`The private key is not written: ${req.format.toUpperCase()} holds certificates only; export it as PEM or PFX`);
      else outputs.push(this.#keyOutput(key, req, outputs.length > 0));
    }
    await writeFilesAllOrNothing(outputs.map((o) => o.file), write);
    return { files: outputs.map((o) => o.written), warnings };
  }

  #keyOutput(key: KeyObject, req: ExportRequest, besideCerts: boolean): { file: OutputFile; written: WrittenFile } {
    if (req.password === undefined && !req.unencryptedKey) {
      throw new CertbenchError('password-required', 'Choose a passphrase to encrypt the private key, or explicitly choose an unencrypted key');
    }
    // PKCS#8 with PBES2/PBKDF2-HMAC-SHA256/AES-256-CBC (RFC 8018) as OpenSSL 3 writes it.
    const pem = req.unencryptedKey
      ? key.export({ type: 'pkcs8', format: 'pem' })
      : key.export({ type: 'pkcs8', format: 'pem', cipher: 'aes-256-cbc', passphrase: req.password! });
    const path = req.split ? join(req.path, 'key.pem') : besideCerts ? keyPathFor(req.path) : req.path;
    return { file: { path, bytes: String(pem), secret: true }, written: { path, content: 'private-key', mode: '600', certificates: 0 } };
  }

  /** Certificates (containers expanded, in order) and at most one private key. */
  #collect(ids: readonly string[]): { certificates: Uint8Array[]; key?: KeyObject } {
    const certificates: Uint8Array[] = [];
    const keys: KeyObject[] = [];
    const visit = (id: string): void => {
      const object = this.store.get(id);
      if (object.kind === 'certificate') certificates.push(object.der);
      else if (object.kind === 'private-key') keys.push(object.key);
      else if (object.kind === 'container') object.memberIds.forEach(visit);
      else throw new CertbenchError('invalid-request', `A ${object.kind} cannot be exported in a certificate format`);
    };
    ids.forEach(visit);
    if (keys.length > 1) throw new CertbenchError('invalid-request', 'Select at most one private key to export');
    return { certificates, ...(keys[0] ? { key: keys[0] } : {}) };
  }
}

/** Chain order if asked; with a key, its certificate always goes first (a PFX's leaf is the key's). */
function arrange(scans: CertScan[], key: KeyObject | undefined, order: boolean): CertScan[] {
  const arranged = order ? orderCertificates(scans) : scans.filter((s, i) => scans.findIndex((o) => o.sha256 === s.sha256) === i);
  if (!key) return arranged;
  const spki = new Uint8Array(createPublicKey(key).export({ type: 'spki', format: 'der' }));
  const leaf = arranged.findIndex((s) => bytesEqual(s.spkiDer, spki));
  if (leaf < 0) {
    if (arranged.length === 0) return arranged;
    throw new CertbenchError('key-mismatch', 'The private key matches none of the certificates selected');
  }
  return [arranged[leaf]!, ...arranged.filter((_, i) => i !== leaf)];
}

/** "site.pem" → "site.key": the key goes beside the certificates, never into the same file. */
export function keyPathFor(path: string): string {
  const ext = extname(path);
  return `${ext ? path.slice(0, -ext.length) : path}.key`;
}
