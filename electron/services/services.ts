import type { BundleService } from './bundle/bundle-service.js';
import type { ChainService } from './chain/chain-service.js';
import type { ConvertService } from './convert/convert-service.js';
import type { CsrService } from './csr/csr-service.js';
import type { InspectService } from './inspect/inspect-service.js';
import { useNativeDigests } from './inspect/native-digests.js';
import type { IssuingService } from './issuing/issuing-service.js';
import type { KeysService } from './keys/keys-service.js';
import type { KeystoreService } from './keystore/keystore-service.js';
import { defaultServiceEnv, type ServiceEnv } from './service-env.js';
import type { TrustService } from './trust-stores/trust-service.js';
import type { ObjectStore } from './workspace/object-store.js';
import type { ScanService } from './scan/scan-service.js';

/**
 * The one set of services the app's IPC handlers and the CLI both call: a capability is written
 * once, here, and reached from either side.
 */
export interface Services {
  readonly env: ServiceEnv;
  readonly store: ObjectStore;
  readonly inspect: InspectService;
  readonly convert: ConvertService;
  readonly keys: KeysService;
  readonly csr: CsrService;
  readonly issuing: IssuingService;
  readonly bundle: BundleService;
  readonly chain: ChainService;
  readonly keystore: KeystoreService;
  readonly trust: TrustService;
  readonly scan: ScanService;
}

export type ServiceName = keyof Services;

/** Loads a service, and the services it depends on, once per loader. */
export type LoadService = <K extends ServiceName>(name: K) => Promise<Services[K]>;

// The one place services are wired together. Each imports its module on first use: a CLI command
// pays only for the services it touches (the X.509 object model, TLS, schemas, PKCS#12 stay
// unloaded for `keystore list`), which is most of its start-up time.
const FACTORIES: { readonly [K in ServiceName]: (load: LoadService, env: ServiceEnv) => Promise<Services[K]> } = {
  env: async (_load, env) => env,
  store: async () => new (await import('./workspace/object-store.js')).ObjectStore(),
  inspect: async (load, env) => new (await import('./inspect/inspect-service.js')).InspectService(env, await load('store')),
  convert: async (load) => new (await import('./convert/convert-service.js')).ConvertService(await load('store')),
  keys: async (_load, env) => new (await import('./keys/keys-service.js')).KeysService(env),
  csr: async (load) => new (await import('./csr/csr-service.js')).CsrService(await load('keys'), await load('keystore')),
  issuing: async (load, env) => new (await import('./issuing/issuing-service.js')).IssuingService(env, await load('keys')),
  bundle: async (load, env) => new (await import('./bundle/bundle-service.js')).BundleService(env, await load('keys')),
  chain: async (load, env) => new (await import('./chain/chain-service.js')).ChainService(env, await load('store')),
  keystore: async (_load, env) => new (await import('./keystore/keystore-service.js')).KeystoreService(env),
  trust: async (load, env) => new (await import('./trust-stores/trust-service.js')).TrustService(env, await load('keystore')),
  scan: async (load, env) => new (await import('./scan/scan-service.js')).ScanService(env, await load('keystore'), await load('trust'), await load('chain')),
};

/** A loader sharing one instance of each service among everything that asks for it. */
export function serviceLoader(env: ServiceEnv = defaultServiceEnv()): LoadService {
  useNativeDigests();
  const loaded = new Map<ServiceName, Promise<unknown>>();
  const load: LoadService = <K extends ServiceName>(name: K) => {
    let service = loaded.get(name) as Promise<Services[K]> | undefined;
    if (service === undefined) {
      service = FACTORIES[name](load, env);
      loaded.set(name, service);
    }
    return service;
  };
  return load;
}

/** The named services from one loader, e.g. `const { csr, keys } = await loadServices(load, 'csr', 'keys')`. */
export async function loadServices<K extends ServiceName>(load: LoadService, ...names: K[]): Promise<Pick<Services, K>> {
  const entries = await Promise.all(names.map(async (name) => [name, await load(name)] as const));
  return Object.fromEntries(entries) as Pick<Services, K>;
}

/** Every service, for the app's IPC handlers (and tests that drive them). */
export function createServices(env: ServiceEnv = defaultServiceEnv()): Promise<Services> {
  return loadServices(serviceLoader(env), ...(Object.keys(FACTORIES) as ServiceName[]));
}
