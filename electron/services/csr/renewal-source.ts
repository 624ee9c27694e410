import { stat } from 'node:fs/promises';
import { CertbenchError } from '../../../shared/errors.js';
import type { KeyType } from '../../../shared/model/keys-constants.js';
import { findPemBlocks } from '../../../shared/pki/pem.js';
import { scanCertificate } from '../../../shared/pki/cert-scan.js';
import { certificateDers } from '../../../shared/pki/certificate-input.js';
import { publicKeyInfo } from '../../../shared/pki/spki-info.js';
import type { ChainService } from '../chain/chain-service.js';
import { readInputFile } from '../files/read-input.js';
import { classifyDer } from '../inspect/classify-der.js';
import type { KeystoreService } from '../keystore/keystore-service.js';
import { readKeystore } from '../keystore/keystore-reader.js';
import { normalizeAlias } from '../keystore/keystore-alias.js';
import { isJavaKeystore } from '../keystore/jks-reader.js';

/** Where the certificate being renewed lives: what `csr renew --from` names. */
export type RenewalOrigin =
  | { readonly kind: 'file'; readonly path: string }
  | { readonly kind: 'keystore'; readonly path: string; readonly alias: string }
  | { readonly kind: 'endpoint'; readonly target: string };

export interface RenewalSource {
  readonly origin: RenewalOrigin;
  readonly der: Uint8Array;
}

export interface RenewalRequest {
  /** A certificate file, a keystore (with `alias`) or `host:port`. */
  readonly from: string;
  readonly alias?: string;
  readonly storePassword?: string;
  readonly servername?: string;
  readonly proxy?: string;
}

/**
 * The certificate to renew: the first certificate of a file (the leaf of a bundle), an alias's
 * certificate in a keystore, or the leaf a server presents now.
 */
export async function certificateToRenew(req: RenewalRequest, deps: { keystore: KeystoreService; chain: ChainService }): Promise<RenewalSource> {
  const exists = await stat(req.from).then(
    (s) => s.isFile(),
    () => false,
  );
  if (!exists && req.from.includes(':') && req.alias === undefined) {
    return { origin: { kind: 'endpoint', target: req.from }, der: await endpointCertificate(req.from, req, deps.chain) };
  }
  const bytes = await readInputFile(req.from);
  const isKeystore = isJavaKeystore(bytes) || classifyDer(bytes) === 'pkcs12';
  if (req.alias === undefined) {
    if (isKeystore) throw new CertbenchError('invalid-request', `${req.from} is a keystore: name the entry to renew with --alias`);
    return { origin: { kind: 'file', path: req.from }, der: certificateDers(bytes)[0]! };
  }
  const ref = await deps.keystore.resolve({ path: req.from, ...(req.storePassword === undefined ? {} : { password: req.storePassword }) });
  const store = await readKeystore(bytes, ref.password);
  const alias = normalizeAlias(req.alias);
  const entry = store.entries.find((e) => e.alias === alias);
  const cert = entry?.certificates[0];
  if (!cert) throw new CertbenchError('not-found', `${req.from} has no certificate under alias ${req.alias}`);
  return { origin: { kind: 'keystore', path: req.from, alias: entry.alias }, der: cert.der };
}

/** The certificate `target` (host:port) presents now, fetched through the chain service (SNI, proxy). */
export async function endpointCertificate(target: string, options: { servername?: string; proxy?: string }, chain: ChainService): Promise<Uint8Array> {
  const report = await chain.fetch({ target, ...(options.servername ? { servername: options.servername } : {}), ...(options.proxy ? { proxy: options.proxy } : {}) });
  const leaf = report.certificates.find((c) => c.sha256 === report.presented[0]);
  if (!leaf) throw new CertbenchError('connection', `${target} presented no certificate`);
  return findPemBlocks(leaf.pem)[0]!.der;
}

/** The key type Certbench generates for a renewal: the old key's own type, RSA under 2048 bits raised to 2048. */
export function renewalKeyType(certificateDer: Uint8Array): KeyType {
  const info = publicKeyInfo(scanCertificate(certificateDer).spkiDer);
  if (info.algorithm === 'EC') return info.curve === 'P-384' || info.curve === 'P-521' ? 'ec-p384' : 'ec-p256';
  if (info.algorithm === 'Ed25519') return 'ed25519';
  if (info.bits !== undefined && info.bits >= 4096) return 'rsa-4096';
  if (info.bits !== undefined && info.bits >= 3072) return 'rsa-3072';
  return 'rsa-2048';
}
