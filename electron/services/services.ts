import { ChainService } from './chain/chain-service.js';
import { CsrService } from './csr/csr-service.js';
import { InspectService } from './inspect/inspect-service.js';
import { KeysService } from './keys/keys-service.js';
import { defaultServiceEnv, type ServiceEnv } from './service-env.js';
import { ObjectStore } from './workspace/object-store.js';

/**
 * The one set of services the app's IPC handlers and the CLI both call: a capability is written
 * once, here, and reached from either side.
 */
export interface Services {
  readonly env: ServiceEnv;
  readonly store: ObjectStore;
  readonly inspect: InspectService;
  readonly keys: KeysService;
  readonly csr: CsrService;
  readonly chain: ChainService;
}

export function createServices(env: ServiceEnv = defaultServiceEnv()): Services {
  const store = new ObjectStore();
  const keys = new KeysService(env);
  return {
    env,
    store,
    inspect: new InspectService(env, store),
    keys,
    csr: new CsrService(keys),
    chain: new ChainService(env, store),
  };
}
