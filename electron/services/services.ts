import { InspectService } from './inspect/inspect-service.js';
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
}

export function createServices(env: ServiceEnv = defaultServiceEnv()): Services {
  const store = new ObjectStore();
  return {
    env,
    store,
    inspect: new InspectService(env, store),
  };
}
