import { randomUUID } from 'node:crypto';
import { CertbenchError } from '../../../shared/errors.js';
import type { CsrPlan, CsrSpec } from '../../../shared/model/csr.js';
import { describeKeyType, type KeyType } from '../../../shared/model/keys-constants.js';
import type { KeyInfo, KeyProtection } from '../../../shared/model/keys.js';
import { planCsr } from '../../../shared/csr/plan.js';
import type { KeysService, Progress } from '../keys/keys-service.js';
import { assertWritable, PrivateTemp, writeFileSafely } from '../files/safe-write.js';
import { readInputFile } from '../files/read-input.js';
import type { ServiceEnv } from '../service-env.js';
import { keytoolCsr, type KeytoolCsrRequest } from './keytool-csr.js';
import { buildCsr } from './build-csr.js';

/** Which key signs the request: a new one, or one already open in this session. */
export type CsrKeySource =
  | { readonly kind: 'generate'; readonly type: KeyType; readonly protection: KeyProtection }
  | { readonly kind: 'key'; readonly id: string };

export interface CreatedCsr {
  readonly id: string;
  readonly pem: string;
  readonly plan: CsrPlan;
  readonly key: KeyInfo;
}

/** Makes CSRs from the designer's spec; the plan is checked before any key is generated. */
export class CsrService {
  readonly #made = new Map<string, string>();

  constructor(
    private readonly keys: KeysService,
    private readonly env: ServiceEnv,
  ) {}

  async create(spec: CsrSpec, source: CsrKeySource, progress: Progress = () => undefined): Promise<CreatedCsr> {
    const plan = planCsr(spec, source.kind === 'generate' ? describeKeyType(source.type) : this.keys.get(source.id).info.key);
    const first = plan.errors[0];
    if (first) throw new CertbenchError('invalid-request', `${first.where}: ${first.message}`);
    const key = source.kind === 'generate' ? await this.keys.generate(source.type, source.protection, progress) : this.keys.get(source.id);
    progress('Signing the request', 0.9);
    const csr = await buildCsr(plan, key);
    const id = randomUUID();
    this.#made.set(id, csr.pem);
    progress('CSR ready', 1);
    return { id, pem: csr.pem, plan, key: key.info };
  }

  /** "CSR from a Java keystore key pair": keytool makes and keeps the key; Certbench plans and checks the request. */
  async fromKeytool(spec: CsrSpec, req: Omit<KeytoolCsrRequest, 'plan'>): Promise<{ id: string; pem: string; plan: CsrPlan }> {
    const plan = planCsr(spec, describeKeyType(req.keyType));
    const first = plan.errors[0];
    if (first) throw new CertbenchError('invalid-request', `${first.where}: ${first.message}`);
    await assertWritable([req.csrPath]);
    // keytool writes wherever -file points (through links): give it a file in a private folder.
    const temp = await PrivateTemp.beside(req.csrPath);
    let pem: string;
    try {
      await keytoolCsr(this.env.runner, this.env.env, { ...req, plan, csrPath: temp.file('request.csr') });
      pem = new TextDecoder().decode(await readInputFile(temp.file('request.csr')));
      await writeFileSafely(req.csrPath, pem);
    } finally {
      await temp.remove();
    }
    const id = randomUUID();
    this.#made.set(id, pem);
    return { id, pem, plan };
  }

  pem(id: string): string {
    const pem = this.#made.get(id);
    if (!pem) throw new CertbenchError('not-found', `No CSR with id ${id} in this session`);
    return pem;
  }

  async save(id: string, path: string, overwrite = false): Promise<void> {
    await writeFileSafely(path, this.pem(id), { overwrite });
  }
}
