import { ChainService } from './chain/chain-service.js';
import { BundleService } from './bundle/bundle-service.js';
import { ConvertService } from './convert/convert-service.js';
import { CsrService } from './csr/csr-service.js';
import { InspectService } from './inspect/inspect-service.js';
import { useNativeDigests } from './inspect/native-digests.js';
import { IssuingService } from './issuing/issuing-service.js';
import { KeysService } from './keys/keys-service.js';
import { KeystoreService } from './keystore/keystore-service.js';
import { defaultServiceEnv, type ServiceEnv } from './service-env.js';
import { TrustService } from './trust-stores/trust-service.js';
import { ObjectStore } from './workspace/object-store.js';

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
}

export function createServices(env: ServiceEnv = defaultServiceEnv()): Services {
  useNativeDigests();
  const store = new ObjectStore();
  const keys = new KeysService(env);
  const keystore = new KeystoreService(env);
  return {
    env,
    store,
    inspect: new InspectService(env, store),
    convert: new ConvertService(store),
    keys,
    csr: new CsrService(keys, env),
    issuing: new IssuingService(env, keys),
    bundle: new BundleService(env, keys),
    chain: new ChainService(env, store),
    keystore,
    trust: new TrustService(env, keystore),
  };
}
