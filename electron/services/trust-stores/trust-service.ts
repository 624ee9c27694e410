import { CertbenchError } from '../../../shared/errors.js';
import { sweptByAddToAllMissing, type CertificateRole, type StoreInfo, type TrustEntry, type TrustMap, type TrustPlan } from '../../../shared/model/trust.js';
import { certificateDers } from '../../../shared/pki/certificate-input.js';
import { parseCertificate } from '../../../shared/pki/certificate-summary.js';
import { sha256Hex } from '../../../shared/pki/hash.js';
import { Elevator } from '../elevation/elevator.js';
import { readInputFile } from '../files/read-input.js';
import { discoverJdks } from '../keystore/jdk-discovery.js';
import type { ServiceEnv } from '../service-env.js';
import { JavaCacertsStore } from './java-cacerts-store.js';
import type { KeystoreService } from '../keystore/keystore-service.js';
import { NssStore } from './nss-store.js';
import { PemBundleStore } from './pem-bundle-store.js';
import { nssStores, osStores, resolveStore } from './store-registry.js';
import { normaliseSha256, roleOf } from './stored-certificate.js';
import { readTrustConfig, rememberStore } from './trust-config.js';
import { trustMapRows } from './trust-map.js';
import type { AddOptions, StoredCertificate, TrustStore } from './trust-store.js';

/** Outcome of one store in "add to all missing". */
export interface AddAllResult {
  readonly store: StoreInfo;
  readonly outcome: 'added' | 'already-present' | 'skipped' | 'failed';
  readonly message?: string;
}

/**
 * Trust stores for the CLI and the app: list, plan, add, remove on one store, and the trust map
 * across every store found on the machine. Every change re-lists to confirm (BaseTrustStore).
 */
export class TrustService {
  constructor(
    private readonly env: ServiceEnv,
    private readonly keystores: KeystoreService,
    readonly elevator: Elevator = new Elevator(env),
  ) {}

  store(id: string): Promise<TrustStore> {
    return resolveStore(id, this.env, this.elevator, this.keystores);
  }

  async list(id: string): Promise<{ store: StoreInfo; certificates: TrustEntry[] }> {
    const store = await this.store(id);
    return { store: store.info, certificates: (await store.list()).map(toEntry) };
  }

  async planAdd(id: string, der: Uint8Array, options?: AddOptions): Promise<TrustPlan> {
    return (await this.store(id)).planAdd(der, options);
  }

  async add(id: string, der: Uint8Array, options?: AddOptions): Promise<TrustPlan> {
    return (await this.store(id)).add(der, options);
  }

  async planRemove(id: string, sha256: string): Promise<TrustPlan> {
    return (await this.store(id)).planRemove(sha256);
  }

  async remove(id: string, sha256: string): Promise<TrustPlan> {
    return (await this.store(id)).remove(sha256);
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
    const stores: TrustStore[] = [...(await osStores(this.env, this.elevator)), ...(await nssStores(this.env, this.elevator))];
    stores.push(...config.nssDatabases.map((dir) => new NssStore(this.env, this.elevator, dir, 'configured NSS database')));
    const jdks = await discoverJdks(this.env).catch(() => ({ cacerts: [] }));
    stores.push(...jdks.cacerts.map((c) => new JavaCacertsStore(this.env, this.elevator, this.keystores, c.path, c.jdkHomes)));
    stores.push(...config.pemBundles.map((path) => new PemBundleStore(this.env, this.elevator, path)));
    for (const id of extraIds) stores.push(await this.store(id));
    const seen = new Set<string>();
    return stores.filter((s) => !seen.has(s.id) && seen.add(s.id));
  }

  /** The trust map: which stores hold the certificate. */
  async where(der: Uint8Array, extraIds: readonly string[] = []): Promise<TrustMap> {
    const sha256 = sha256Hex(der);
    return {
      sha256,
      subject: parseCertificate(der).subject,
      role: roleOf(der),
      rows: await trustMapRows(sha256, await this.allStores(extraIds)),
    };
  }

  /** The trust map for a fingerprint: the certificate itself is taken from the first store that holds it. */
  async whereSha256(sha256: string, extraIds: readonly string[] = []): Promise<TrustMap> {
    const wanted = normaliseSha256(sha256);
    for (const store of await this.allStores(extraIds)) {
      const held = await store.list().then(
        (certs) => certs.find((c) => c.sha256 === wanted && c.der),
        () => undefined,
      );
      if (held?.der) return this.where(held.der, extraIds);
    }
    throw new CertbenchError('not-found', `No store on this machine holds ${wanted}; give the certificate file instead`);
  }

  /** Adds the certificate to every writable store of the map that lacks it; one store's failure does not stop the rest. */
  async addToAllMissing(der: Uint8Array, extraIds: readonly string[] = []): Promise<AddAllResult[]> {
    const results: AddAllResult[] = [];
    const sha256 = sha256Hex(der);
    const role = roleOf(der);
    for (const store of await this.allStores(extraIds)) {
      const skip = !sweptByAddToAllMissing(store.info)
        ? store.info.readOnly
          ? 'read-only here'
          : 'Java cacerts are added one at a time (Add in its column, or the Java keystores workspace)'
        : wrongKindOfStore(role, store.info.holds);
      if (skip) {
        results.push({ store: store.info, outcome: 'skipped', message: skip });
        continue;
      }
      try {
        if (await store.contains(sha256)) {
          results.push({ store: store.info, outcome: 'already-present' });
          continue;
        }
        await store.add(der);
        results.push({ store: store.info, outcome: 'added' });
      } catch (err) {
        results.push({ store: store.info, outcome: 'failed', message: (err as Error).message });
      }
    }
    return results;
  }

  /** The one certificate a file holds; a bundle of several is refused so nothing unexpected is trusted. */
  async certificateFromFile(path: string): Promise<Uint8Array> {
    const ders = certificateDers(await readInputFile(path));
    if (ders.length !== 1) {
      throw new CertbenchError('invalid-request', `${path} holds ${ders.length} certificates; give a file with exactly one`);
    }
    return ders[0]!;
  }
}

/** Why "add to all missing" leaves a store alone: roots go to Root stores, intermediates to CA stores. */
function wrongKindOfStore(role: CertificateRole, holds: StoreInfo['holds']): string | undefined {
  if (role === 'root' && holds === 'intermediates') return 'an intermediate (CA) store: roots go to Root stores';
  if (role !== 'root' && holds === 'anchors') return 'a trust-anchor store: only roots are added to it automatically';
  return undefined;
}

/** The DTO view of a stored certificate (no DER, no adapter-private fields). */
export function toEntry(c: StoredCertificate): TrustEntry {
  return {
    sha256: c.sha256,
    subject: c.subject,
    notAfter: c.notAfter,
    expiry: c.expiry,
    role: c.role,
    ...(c.label === undefined ? {} : { label: c.label }),
    removable: c.removable,
  };
}
