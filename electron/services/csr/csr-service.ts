import { randomUUID } from 'node:crypto';
import { CertbenchError } from '../../../shared/errors.js';
import type { CsrPlan, CsrSpec } from '../../../shared/model/csr.js';
import { describeKeyType, type KeyDescription, type KeyType } from '../../../shared/model/keys-constants.js';
import type { KeyInfo, KeyProtection } from '../../../shared/model/keys.js';
import { planCsr } from '../../../shared/csr/plan.js';
import type { KeysService, Progress } from '../keys/keys-service.js';
import { assertWritable, writeFileSafely } from '../files/safe-write.js';
import { KeptPlans } from '../kept-plans.js';
import type { KeyPairPlan } from '../keystore/keystore-keypair.js';
import type { KeystoreService, StoreSelector } from '../keystore/keystore-service.js';
import type { KeytoolKeyType } from './keytool-csr.js';
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

/** A key pair keytool makes in a Java keystore, and where its CSR is written (the app gives no path: it saves the CSR later by id). */
export interface KeytoolCsrRequest {
  readonly keystore: string;
  readonly alias: string;
  readonly storePassword: string;
  readonly keyType: KeytoolKeyType;
  readonly csrPath?: string;
}

/** What the keystore edit will do and the request it signs, as shown before anything is written. */
export interface KeytoolCsrPlan {
  readonly plan: CsrPlan;
  readonly keystore: KeyPairPlan;
}

/** A keytool CSR the app's user saw planned, kept in main until it is run or discarded. */
interface KeptKeytoolCsr {
  readonly spec: CsrSpec;
  readonly request: KeytoolCsrRequest;
  readonly keystore: KeyPairPlan;
}

export interface MadeKeytoolCsr {
  readonly id: string;
  readonly pem: string;
  readonly plan: CsrPlan;
  readonly backupId?: string;
}

const selectorOf = (req: KeytoolCsrRequest): StoreSelector => ({ path: req.keystore, password: req.storePassword });

/** The plan for `spec` signed by `key`; its first error refuses the request before any key is made. */
function checkedPlan(spec: CsrSpec, key: KeyDescription): CsrPlan {
  const plan = planCsr(spec, key);
  const first = plan.errors[0];
  if (first) throw new CertbenchError('invalid-request', `${first.where}: ${first.message}`);
  return plan;
}

/** Makes CSRs from the designer's spec; the plan is checked before any key is generated. */
export class CsrService {
  readonly #made = new Map<string, string>();
  readonly #keytoolPlans = new KeptPlans<KeptKeytoolCsr>();

  constructor(
    private readonly keys: KeysService,
    private readonly keystore: KeystoreService,
  ) {}

  async create(spec: CsrSpec, source: CsrKeySource, progress: Progress = () => undefined): Promise<CreatedCsr> {
    const plan = checkedPlan(spec, source.kind === 'generate' ? describeKeyType(source.type) : this.keys.get(source.id).info.key);
    const key = source.kind === 'generate' ? await this.keys.generate(source.type, source.protection, progress) : this.keys.get(source.id);
    progress('Signing the request', 0.9);
    const csr = await buildCsr(plan, key);
    const id = randomUUID();
    this.#made.set(id, csr.pem);
    progress('CSR ready', 1);
    return { id, pem: csr.pem, plan, key: key.info };
  }

  /** What "CSR from a Java keystore key pair" will do to the keystore, planned before anything is written. */
  async planFromKeytool(spec: CsrSpec, req: KeytoolCsrRequest): Promise<KeytoolCsrPlan> {
    const plan = checkedPlan(spec, describeKeyType(req.keyType));
    if (req.csrPath !== undefined) await assertWritable([req.csrPath]);
    return { plan, keystore: await this.keystore.planKeyPair(selectorOf(req), { alias: req.alias, keyType: req.keyType, plan }) };
  }

  /**
   * "CSR from a Java keystore key pair": keytool makes and keeps the key, as one backed-up,
   * verified keystore edit (KeystoreService); Certbench plans the request and keeps (and writes) the CSR.
   */
  async fromKeytool(spec: CsrSpec, req: KeytoolCsrRequest & { plannedStoreSha256?: string | null }): Promise<MadeKeytoolCsr> {
    const plan = checkedPlan(spec, describeKeyType(req.keyType));
    if (req.csrPath !== undefined) await assertWritable([req.csrPath]);
    const { alias, keyType, plannedStoreSha256 } = req;
    const made = await this.keystore.generateKeyPair(selectorOf(req), { alias, keyType, plan, ...(plannedStoreSha256 === undefined ? {} : { plannedStoreSha256 }) });
    if (req.csrPath !== undefined) await writeFileSafely(req.csrPath, made.csrPem);
    const id = randomUUID();
    this.#made.set(id, made.csrPem);
    return { id, pem: made.csrPem, plan, ...(made.result.backupId === undefined ? {} : { backupId: made.result.backupId }) };
  }

  /**
   * The app's keystore CSR, planned and kept in main under the returned id: running takes the id
   * alone, so the spec, store, alias and password that run are the ones the shown plan was made
   * from, on the store as it was then (a store changed since is a conflict).
   */
  async keepKeytoolPlan(spec: CsrSpec, request: KeytoolCsrRequest): Promise<KeytoolCsrPlan & { planId: string }> {
    const planned = await this.planFromKeytool(spec, request);
    return { ...planned, planId: this.#keytoolPlans.keep({ spec, request, keystore: planned.keystore }) };
  }

  /** Runs a kept plan once; the result names the store and alias as the plan did. */
  async runKeytoolPlan(planId: string): Promise<MadeKeytoolCsr & { keystore: KeyPairPlan }> {
    const kept = this.#keytoolPlans.take(planId);
    return { ...(await this.fromKeytool(kept.spec, { ...kept.request, plannedStoreSha256: kept.keystore.storeSha256 })), keystore: kept.keystore };
  }

  discardKeytoolPlan(planId: string): Promise<void> {
    return this.#keytoolPlans.discard(planId);
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
