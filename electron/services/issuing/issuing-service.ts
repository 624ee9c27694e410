import { createPublicKey, randomBytes, randomUUID, webcrypto, type KeyObject } from 'node:crypto';
import { CertbenchError } from '../../../shared/errors.js';
import { planCsr } from '../../../shared/csr/plan.js';
import type { ExtendedKeyUsageName } from '../../../shared/model/csr-constants.js';
import type { CsrSpec, SanRow, Subject } from '../../../shared/model/csr.js';
import type { CertificateSummary } from '../../../shared/model/certificate-summary.js';
import { summarizeCertificate } from '../../../shared/pki/certificate-summary.js';
import { toPem } from '../../../shared/pki/pem.js';
import {
  BasicConstraintsExtension,
  Pkcs10CertificateRequest,
  SubjectAlternativeNameExtension,
  X509Certificate,
  X509CertificateGenerator,
  type Extension,
} from '../../../shared/pki/x509.js';
import { checkSubject } from '../../../shared/csr/subject.js';
import { toWebSigner } from '../keys/key-algorithms.js';
import { spkiSha256 } from '../keys/key-pem.js';
import type { KeysService, SessionKey } from '../keys/keys-service.js';
import { writeFileSafely } from '../files/safe-write.js';
import type { ServiceEnv } from '../service-env.js';
import { planSubjectName } from '../csr/subject-name.js';
import { caExtensions, leafExtensions } from './certificate-extensions.js';
import { checkCaValidity, checkServerValidity, requireSans, validity } from './issuing-policy.js';
import { nameConstraintsExtension, type PermittedNames } from './name-constraints.js';
import { namesOutsideConstraints } from './permitted-names.js';
import { requestedPurposes } from './requested-eku.js';

export interface IssuedCertificate {
  readonly id: string;
  readonly pem: string;
  readonly summary: CertificateSummary;
}

/** Self-signed server certificates and a small local CA, with the limits clients enforce applied by default. */
export class IssuingService {
  readonly #issued = new Map<string, string>();

  constructor(
    private readonly env: ServiceEnv,
    private readonly keys: KeysService,
  ) {}

  async selfSigned(spec: CsrSpec, keyId: string, days: number, relaxed = false): Promise<IssuedCertificate> {
    const key = this.keys.get(keyId);
    const plan = planCsr(spec, key.info.key);
    const first = plan.errors[0];
    if (first) throw new CertbenchError('invalid-request', `${first.where}: ${first.message}`);
    requireSans(plan.sans.length);
    checkServerValidity(days, relaxed);
    const signer = await toWebSigner(key.privateKey, key.publicKey, plan.hash);
    const cert = await X509CertificateGenerator.createSelfSigned(
      {
        serialNumber: serial(),
        name: planSubjectName(plan),
        ...validity(this.env.now(), days),
        keys: signer.keys,
        signingAlgorithm: signer.signingAlgorithm,
        extensions: this.#leaf(plan.sans, plan.extendedKeyUsage, key, key),
      },
      webcrypto,
    );
    return this.#remember(cert);
  }

  async createCa(subject: Subject, keyId: string, days: number, permitted?: PermittedNames): Promise<IssuedCertificate> {
    const key = this.keys.get(keyId);
    const { attributes, errors } = checkSubject(subject);
    if (errors[0]) throw new CertbenchError('invalid-request', `${errors[0].where}: ${errors[0].message}`);
    if (!attributes.some((a) => a.field === 'CN')) throw new CertbenchError('invalid-request', 'A CA needs a Common Name');
    checkCaValidity(days);
    const extensions: Extension[] = caExtensions(key.privateKey);
    if (permitted) extensions.push(nameConstraintsExtension(permitted));
    const signer = await toWebSigner(key.privateKey, key.publicKey, hashFor(key));
    const cert = await X509CertificateGenerator.createSelfSigned(
      {
        serialNumber: serial(),
        name: planSubjectName({ subject: attributes }),
        ...validity(this.env.now(), days),
        keys: signer.keys,
        signingAlgorithm: signer.signingAlgorithm,
        extensions,
      },
      webcrypto,
    );
    return this.#remember(cert);
  }

  /**
   * Signs a CSR with the purposes it asks for (serverAuth when it asks for none) and its SANs,
   * required for serverAuth; at most 825 days.
   */
  async signCsr(req: { csrPem: string; caCertPem: string; caKeyId: string; days: number; relaxed?: boolean }): Promise<IssuedCertificate> {
    const csr = parseCsr(req.csrPem);
    if (!(await csr.verify(webcrypto))) throw new CertbenchError('verification-failed', 'The CSR signature does not verify: it was altered or is corrupt');
    const ca = parseCa(req.caCertPem);
    const caKey = this.keys.get(req.caKeyId);
    if (spkiSha256(caKey.publicKey) !== spkiSha256(spkiOf(ca.publicKey.rawData))) {
      throw new CertbenchError('key-mismatch', 'The CA key does not belong to the CA certificate');
    }
    const sans = (csr.extensions.find((e): e is SubjectAlternativeNameExtension => e instanceof SubjectAlternativeNameExtension)?.names.items ?? []).flatMap((n): SanRow[] =>
      n.type === 'dns' || n.type === 'ip' || n.type === 'email' ? [{ type: n.type, value: n.value }] : n.type === 'url' ? [{ type: 'uri', value: n.value }] : [],
    );
    const eku = requestedPurposes(csr);
    if (eku.includes('serverAuth')) requireSans(sans.length);
    checkServerValidity(req.days, req.relaxed ?? false);
    const outside = namesOutsideConstraints(ca, sans);
    if (outside.length > 0) throw new CertbenchError('invalid-request', `The CA's name constraints do not allow ${outside.join(', ')}`);
    const subjectKey = spkiOf(csr.publicKey.rawData);
    const signer = await toWebSigner(caKey.privateKey, caKey.publicKey, hashFor(caKey));
    const cert = await X509CertificateGenerator.create(
      {
        serialNumber: serial(),
        subject: csr.subjectName,
        issuer: ca.subjectName,
        ...validity(this.env.now(), req.days, ca.notAfter),
        publicKey: csr.publicKey,
        signingKey: signer.keys.privateKey,
        signingAlgorithm: signer.signingAlgorithm,
        extensions: leafExtensions({ sans, eku, rsa: subjectKey.asymmetricKeyType === 'rsa', subjectKey, issuerKey: caKey.publicKey }),
      },
      webcrypto,
    );
    return this.#remember(cert);
  }

  pem(id: string): string {
    const pem = this.#issued.get(id);
    if (!pem) throw new CertbenchError('not-found', `No certificate with id ${id} in this session`);
    return pem;
  }

  async save(id: string, path: string, overwrite = false): Promise<void> {
    await writeFileSafely(path, this.pem(id), { overwrite });
  }

  #leaf(sans: SanRow[], eku: ExtendedKeyUsageName[], subject: SessionKey, issuer: SessionKey): Extension[] {
    const purposes: ExtendedKeyUsageName[] = eku.includes('serverAuth') ? eku : ['serverAuth', ...eku];
    return leafExtensions({ sans, eku: purposes, rsa: subject.info.key.family === 'rsa', subjectKey: subject.publicKey, issuerKey: issuer.publicKey });
  }

  #remember(cert: X509Certificate): IssuedCertificate {
    const id = randomUUID();
    // Our encoder ends the file with a newline: `cat`-ed together, two PEM files stay readable.
    const pem = toPem('CERTIFICATE', new Uint8Array(cert.rawData));
    this.#issued.set(id, pem);
    return { id, pem, summary: summarizeCertificate(new Uint8Array(cert.rawData), this.env.now()) };
  }
}

/** A positive 128-bit serial (CA/B BR §7.1: at least 64 bits of CSPRNG output). */
const serial = (): string => {
  const bytes = randomBytes(16);
  bytes[0] = bytes[0]! & 0x7f;
  return bytes.toString('hex');
};

const hashFor = (key: SessionKey) => (key.info.key.family === 'ec' && key.info.key.bits >= 384 ? 'SHA-384' : 'SHA-256');

const spkiOf = (rawSpki: ArrayBuffer): KeyObject => createPublicKey({ key: Buffer.from(rawSpki), format: 'der', type: 'spki' });

function parseCsr(pem: string): Pkcs10CertificateRequest {
  try {
    return new Pkcs10CertificateRequest(pem);
  } catch (err) {
    throw new CertbenchError('parse', `Not a valid PKCS#10 certificate request: ${(err as Error).message}`, { cause: err });
  }
}

function parseCa(pem: string): X509Certificate {
  let ca: X509Certificate;
  try {
    ca = new X509Certificate(pem);
  } catch (err) {
    throw new CertbenchError('parse', `Not a valid CA certificate: ${(err as Error).message}`, { cause: err });
  }
  if (!ca.getExtension(BasicConstraintsExtension)?.ca) throw new CertbenchError('invalid-request', `${ca.subject} is not a CA certificate`);
  return ca;
}
