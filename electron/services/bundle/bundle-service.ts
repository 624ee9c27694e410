import { createPublicKey, randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { CertbenchError, type ErrorCode } from '../../../shared/errors.js';
import type { SanRow } from '../../../shared/model/csr.js';
import type { BundleAnalysis, BundleFiles, BundleProblem, PfxProfile } from '../../../shared/model/keys-bundle.js';
import type { KeyProtection } from '../../../shared/model/keys.js';
import { summarizeCertificate } from '../../../shared/pki/certificate-summary.js';
import { toPem } from '../../../shared/pki/pem.js';
import { spkiSha256 } from '../keys/key-pem.js';
import type { KeysService } from '../keys/keys-service.js';
import { writeFilesAllOrNothing } from '../files/safe-write.js';
import type { ServiceEnv } from '../service-env.js';
import { fetchMissingIssuers } from './fetch-issuers.js';
import { dedupe, orderChain, pickLeaf, pooled, type PooledCertificate } from './order-chain.js';
import { certificateDers } from '../../../shared/pki/certificate-input.js';
import { uncoveredSans } from './san-coverage.js';
import { bundlePfx } from './pfx-output.js';

export interface NamedBytes {
  readonly name: string;
  readonly bytes: Uint8Array;
}

export interface BundleInputs {
  readonly answer: NamedBytes;
  readonly chain?: readonly NamedBytes[];
  /** The key the CSR was made with; without it the key is looked up among Certbench's keys. */
  readonly keyId?: string;
  /** SANs the CSR asked for, checked against what the CA granted. */
  readonly requestedSans?: readonly SanRow[];
  /** Follow AIA caIssuers URLs (RFC 5280 §4.2.2.1) when the files do not complete the chain. */
  readonly aia?: boolean;
}

export interface BundleOutput {
  readonly outDir: string;
  readonly keyProtection: KeyProtection;
  readonly pfx?: { readonly path: string; readonly profile: PfxProfile; readonly password: string };
  readonly overwrite?: boolean;
}

interface Analysed {
  readonly analysis: BundleAnalysis;
  readonly path: PooledCertificate[];
}

/** CA answer → appliance bundle: fullchain.pem, chain.pem, cert.pem, key.pem and a PFX. */
export class BundleService {
  readonly #analysed = new Map<string, Analysed>();

  constructor(
    private readonly env: ServiceEnv,
    private readonly keys: KeysService,
  ) {}

  async analyse(inputs: BundleInputs, progress: (label: string) => void = () => undefined): Promise<BundleAnalysis> {
    const answer = certificateDers(inputs.answer.bytes, inputs.answer.name).map(pooled);
    let pool = dedupe([...answer, ...(inputs.chain ?? []).flatMap((f) => certificateDers(f.bytes, f.name).map(pooled))]);
    const known = inputs.keyId ? this.keys.get(inputs.keyId).info : undefined;
    const leaf = pickLeaf(answer, known ? (c) => leafSpki(c) === known.spkiSha256 : undefined)!;
    let { path, root } = await orderChain(leaf, pool);
    const problems: BundleProblem[] = [];
    if (!root && inputs.aia) {
      const found = await fetchMissingIssuers(path[path.length - 1]!, progress);
      pool = dedupe([...pool, ...found.certificates.map(pooled)]);
      ({ path, root } = await orderChain(leaf, pool));
      problems.push(...found.problems);
    }
    const key = known ? { info: known, unlocked: true } : await this.keys.findBySpki(leafSpki(leaf));
    if (known && known.spkiSha256 !== leafSpki(leaf)) {
      problems.push({ severity: 'error', code: 'key-mismatch', message: `The certificate does not belong to the key "${known.label}": its public key is different` });
    } else if (!key) {
      problems.push({ severity: 'error', code: 'no-key', message: 'No key Certbench knows matches this certificate: point to the private key the CSR was made with' });
    }
    const now = this.env.now();
    if (leaf.cert.notAfter < now) problems.push({ severity: 'error', code: 'expired', message: `The certificate expired on ${leaf.cert.notAfter.toISOString().slice(0, 10)}` });
    if (leaf.cert.notBefore > now) problems.push({ severity: 'warning', message: `The certificate is not valid before ${leaf.cert.notBefore.toISOString()}` });
    const missing = uncoveredSans(leaf.cert, inputs.requestedSans ?? []);
    if (missing.length > 0) problems.push({ severity: 'warning', message: `The certificate is not for these requested names: ${missing.join(', ')}` });
    // Roots are usually left out of what the CA sends (they are in the clients' stores); a leaf
    // with no intermediate at all, though, is the classic "incomplete chain" appliance failure.
    const top = path[path.length - 1]!.cert;
    if (!root && path.length === 1 && top.subject !== top.issuer) {
      problems.push({ severity: 'warning', message: `No intermediate found for "${top.issuer}": add the CA's intermediate file or use AIA` });
    }
    const id = randomUUID();
    const summary = (c: PooledCertificate) => summarizeCertificate(c.der, now);
    const analysis: BundleAnalysis = {
      id,
      leaf: summary(leaf),
      intermediates: path.slice(1).map(summary),
      ...(root ? { root: summary(root) } : {}),
      complete: root !== undefined,
      ...(key ? { key: { info: key.info, unlocked: key.unlocked } } : {}),
      problems,
    };
    this.#analysed.set(id, { analysis, path });
    return analysis;
  }

  /** Writes the bundle; refuses while an analysis error stands or the key is locked, and before touching any file. */
  async write(id: string, out: BundleOutput): Promise<BundleFiles> {
    const found = this.#analysed.get(id);
    if (!found) throw new CertbenchError('not-found', `No analysed CA answer with id ${id}; open it again`);
    const { analysis, path } = found;
    const error = analysis.problems.find((p) => p.severity === 'error');
    if (error) throw bundleProblemError(error);
    const key = this.keys.get(analysis.key!.info.id);
    const files: BundleFiles = {
      fullchain: join(out.outDir, 'fullchain.pem'),
      chain: join(out.outDir, 'chain.pem'),
      cert: join(out.outDir, 'cert.pem'),
      key: join(out.outDir, 'key.pem'),
      ...(out.pfx ? { pfx: out.pfx.path } : {}),
    };
    const certificates = path.map((c) => c.der);
    const pfx = out.pfx && (await bundlePfx({ ...out.pfx, privateKey: key.privateKey, certificates, leafSubject: analysis.leaf.subject }));
    const pem = (certs: PooledCertificate[]) => certs.map((c) => toPem('CERTIFICATE', c.der)).join('');
    await writeFilesAllOrNothing(
      [
        { path: files.fullchain, bytes: pem(path) },
        { path: files.chain, bytes: pem(path.slice(1)) },
        { path: files.cert, bytes: pem(path.slice(0, 1)) },
        this.keys.keyFile(key.info.id, files.key, out.keyProtection),
        ...(out.pfx && pfx ? [{ path: out.pfx.path, bytes: pfx, secret: true }] : []),
      ],
      { overwrite: out.overwrite ?? false },
    );
    return files;
  }
}

const ERROR_CODE_OF: Readonly<Record<Extract<BundleProblem, { severity: 'error' }>['code'], ErrorCode>> = {
  'key-mismatch': 'key-mismatch',
  'no-key': 'not-found',
  expired: 'verification-failed',
};

/** An analysis error as the error `write` refuses with. */
export function bundleProblemError(problem: Extract<BundleProblem, { severity: 'error' }>): CertbenchError {
  return new CertbenchError(ERROR_CODE_OF[problem.code], problem.message);
}

const leafSpki = (c: PooledCertificate): string => spkiSha256(createPublicKey({ key: Buffer.from(c.cert.publicKey.rawData), format: 'der', type: 'spki' }));
