import { CertbenchError } from '../../../shared/errors.js';
import {
  addToAllMissingSkip,
  type AddAllPlan,
  type CertificateRole,
  type IssuedPlan,
  type SkippedStore,
  type StoreInfo,
  type TrustEntry,
  type TrustMap,
  type TrustPlan,
} from '../../../shared/model/trust.js';
import { scanCertificate } from '../../../shared/pki/cert-scan.js';
import { sha256Hex } from '../../../shared/pki/hash.js';
import { nameDerToDisplay } from '../../../shared/pki/name-text.js';
import { Elevator } from '../elevation/elevator.js';
import { readInputFile } from '../files/read-input.js';
import { discoverJdks } from '../keystore/jdk-discovery.js';
import type { KeystoreService } from '../keystore/keystore-service.js';
import { KeptPlans } from '../kept-plans.js';
import type { ServiceEnv } from '../service-env.js';
import { JavaCacertsStore } from './java-cacerts-store.js';
import { NssStore } from './nss-store.js';
import { PemBundleStore } from './pem-bundle-store.js';
import { nssStores, osStores, resolveStore } from './store-registry.js';
import { normaliseSha256, roleOf } from './stored-certificate.js';
import { readTrustConfig, rememberStore } from './trust-config.js';
import { readTrustInput, type TrustInput } from './trust-input.js';
import type { TrustJob } from './trust-job.js';
import { trustMapRows } from './trust-map.js';
import type { AddOptions, RemoveOptions, StoredCertificate, TrustStore } from './trust-store.js';

/** A plan main keeps: the job with its staged files, and what the store and input were when it was made. */
interface KeptPlan {
  readonly store: TrustStore;
  readonly job: TrustJob;
  readonly digest: string | undefined;
  readonly input: { readonly path: string; readonly sha256: string } | undefined;
}

/**
 * Trust stores for the CLI and the app. Changes are two calls: `plan*` computes the exact steps,
 * keeps them under an id and returns the plan shown to the user; `run(planId)` executes exactly
 * those steps (same argv, same staged bytes), or refuses when the store or the input changed
 * since. Every run re-lists to confirm (BaseTrustStore).
 */
export class TrustService {
  readonly #plans = new KeptPlans<KeptPlan>((kept) => kept.store.discard(kept.job));

  constructor(
    private readonly env: ServiceEnv,
    private readonly keystores: KeystoreService,
    readonly elevator: Elevator = new Elevator(env),
  ) {}

  store(id: string): Promise<TrustStore> {
    return resolveStore(id, this.env, this.elevator, this.keystores);
  }

  /** A store's certificates; an unreadable store comes back with its reason and no certificates. */
  async list(id: string): Promise<{ store: StoreInfo; certificates: TrustEntry[] }> {
    const store = await this.store(id);
    const info = await store.describe();
    return { store: info, certificates: info.unreadable ? [] : (await store.list()).map(toEntry) };
  }

  /** The DER of the store's certificate with that SHA-256, read afresh, with the store's name for it. */
  async certificate(id: string, sha256: string): Promise<{ der: Uint8Array; label?: string; storeName: string }> {
    const store = await this.store(id);
    const info = await store.describe();
    const found = info.unreadable ? undefined : (await store.list()).find((c) => c.sha256 === sha256);
    if (!found) throw new CertbenchError('not-found', `${info.displayName} no longer holds the certificate ${sha256.slice(0, 16)}…; list it again`);
    if (!found.der) throw new CertbenchError('unsupported', `${info.displayName} lists this certificate without its bytes; export it from the store to inspect it`);
    return { der: found.der, storeName: info.displayName, ...(found.label === undefined ? {} : { label: found.label }) };
  }

  async planAdd(id: string, der: Uint8Array, options: AddOptions = {}, inputPath?: string): Promise<IssuedPlan> {
    const store = await this.store(id);
    const input = inputPath === undefined ? undefined : { path: inputPath, sha256: sha256Hex(await readInputFile(inputPath)) };
    return this.#keep(store, await store.prepareAdd(der, options), input);
  }

  async planRemove(id: string, sha256: string, options: RemoveOptions = {}): Promise<IssuedPlan> {
    const store = await this.store(id);
    return this.#keep(store, await store.prepareRemove(sha256, options), undefined);
  }

  /**
   * Runs a kept plan exactly as shown. Refused, and dropped, when the store's content or the input
   * file changed since it was planned: the user approved steps computed from the old state.
   */
  async run(planId: string): Promise<TrustPlan> {
    const kept = this.#plans.take(planId);
    try {
      if (kept.digest !== undefined) {
        const now = await (await this.store(kept.store.id)).stateDigest();
        if (now !== kept.digest) throw new CertbenchError('conflict', `${kept.store.id}: the store changed since the plan; nothing was run, plan again`);
      }
      if (kept.input) {
        const now = sha256Hex(await readInputFile(kept.input.path));
        if (now !== kept.input.sha256) throw new CertbenchError('conflict', `${kept.input.path}: the input changed since the plan; nothing was run, plan again`);
      }
    } catch (err) {
      await kept.store.discard(kept.job);
      throw err;
    }
    return kept.store.execute(kept.job);
  }

  /** Drops a plan the user declined (its staged files go with it). */
  discard(planId: string): Promise<void> {
    return this.#plans.discard(planId);
  }

  /** Keeps an `nss:DIR` / `pem:FILE` store in the trust map from now on (app and CLI alike). */
  async remember(id: string): Promise<StoreInfo> {
    const store = await this.store(id);
    await rememberStore(this.env.dataDir, id);
    return store.info;
  }

  /** Every store Certbench knows on this machine: OS, NSS, JDK cacerts, configured, plus `extraIds`. */
  async allStores(extraIds: readonly string[] = []): Promise<TrustStore[]> {
    const config = await readTrustConfig(this.env.dataDir);
    const stores: TrustStore[] = [...(await osStores(this.env, this.elevator, this.keystores)), ...(await nssStores(this.env, this.elevator))];
    stores.push(...config.nssDatabases.map((dir) => new NssStore(this.env, this.elevator, dir, 'configured NSS database')));
    const jdks = await discoverJdks(this.env).catch(() => ({ cacerts: [] }));
    stores.push(...jdks.cacerts.map((c) => new JavaCacertsStore(this.env, this.elevator, this.keystores, c.path, c.jdkHomes)));
    stores.push(...config.pemBundles.map((path) => new PemBundleStore(this.env, this.elevator, path)));
    for (const id of extraIds) stores.push(await this.store(id));
    const seen = new Set<string>();
    return stores.filter((s) => !seen.has(s.id) && seen.add(s.id));
  }

  /** Every store with the reason it cannot be read, when it cannot (each store is read once). */
  async describeStores(extraIds: readonly string[] = []): Promise<StoreInfo[]> {
    return Promise.all((await this.allStores(extraIds)).map((s) => s.describe()));
  }

  /** The trust map: which stores hold the certificate. */
  async where(der: Uint8Array, extraIds: readonly string[] = []): Promise<TrustMap> {
    return this.#map(der, await this.allStores(extraIds));
  }

  async #map(der: Uint8Array, stores: readonly TrustStore[]): Promise<TrustMap> {
    const sha256 = sha256Hex(der);
    return { sha256, subject: nameDerToDisplay(scanCertificate(der).subjectDer), role: roleOf(der), rows: await trustMapRows(sha256, stores) };
  }

  /** The trust map for a fingerprint: the certificate itself is taken from the first store that holds it. */
  async whereSha256(sha256: string, extraIds: readonly string[] = []): Promise<TrustMap> {
    const wanted = normaliseSha256(sha256);
    const stores = await this.allStores(extraIds);
    for (const store of stores) {
      const held = await store.list().then(
        (certs) => certs.find((c) => c.sha256 === wanted && c.der),
        () => undefined,
      );
      if (held?.der) return this.#map(held.der, stores);
    }
    throw new CertbenchError('not-found', `No store on this machine holds ${wanted}; give the certificate file instead`);
  }

  /**
   * "Add to all missing" as plans: one kept plan per store of the map that lacks the certificate
   * and takes it, and the reason for every store left out. Nothing changes until each plan runs.
   */
  async planAddToAllMissing(der: Uint8Array, extraIds: readonly string[] = [], inputPath?: string): Promise<AddAllPlan> {
    const stores = await this.allStores(extraIds);
    const map = await this.#map(der, stores);
    const plans: IssuedPlan[] = [];
    const skipped: SkippedStore[] = [];
    for (const [i, row] of map.rows.entries()) {
      const reason = addToAllMissingSkip(map.role, row);
      if (reason) {
        skipped.push({ store: row.store, reason });
        continue;
      }
      try {
        plans.push(await this.planAdd(stores[i]!.id, der, {}, inputPath));
      } catch (err) {
        skipped.push({ store: row.store, reason: `cannot plan: ${(err as Error).message.split('\n')[0] ?? ''}` });
      }
    }
    return { plans, skipped };
  }

  /** Root, intermediate or leaf (RFC 5280), for callers that route a certificate to a store. */
  roleOf(der: Uint8Array): CertificateRole {
    return roleOf(der);
  }

  /** The certificates a file holds (several for a bundle, the CA certificates of a PFX), with warnings. */
  certificatesFromFile(path: string): Promise<TrustInput> {
    return readTrustInput(path);
  }

  /** The one certificate a file holds; a bundle of several is refused where only one makes sense (trust map, export). */
  async certificateFromFile(path: string): Promise<Uint8Array> {
    const { ders } = await readTrustInput(path);
    if (ders.length !== 1) {
      throw new CertbenchError('invalid-request', `${path} holds ${ders.length} certificates; give a file with exactly one`);
    }
    return ders[0]!;
  }

  async #keep(store: TrustStore, job: TrustJob, input: KeptPlan['input']): Promise<IssuedPlan> {
    const digest = job.plan.runnableHere && !job.plan.alreadyDone ? await store.stateDigest() : undefined;
    return { ...job.plan, planId: this.#plans.keep({ store, job, digest, input }) };
  }
}

/** The DTO view of a stored certificate (no DER, no adapter-private fields). */
export function toEntry(c: StoredCertificate): TrustEntry {
  return {
    sha256: c.sha256,
    subject: c.subject,
    subjectRfc4514: c.subjectRfc4514,
    issuer: c.issuer,
    notAfter: c.notAfter,
    expiry: c.expiry,
    role: c.role,
    ...(c.label === undefined ? {} : { label: c.label }),
    removable: c.removable,
    trust: c.trust,
    ...(c.trustText === undefined ? {} : { trustText: c.trustText }),
  };
}
