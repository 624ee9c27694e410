import type { Services } from '../services/services.js';
import type { Handlers } from './handler-types.js';
import { createAppHandlers } from './handlers/app-handlers.js';
import { createChainHandlers } from './handlers/chain-handlers.js';
import { createInspectHandlers } from './handlers/inspect-handlers.js';
import { createKeysHandlers } from './handlers/keys-handlers.js';
import { createKeystoreHandlers } from './handlers/keystore-handlers.js';
import { createTrustHandlers } from './handlers/trust-handlers.js';
import { createScanHandlers } from './handlers/scan-handlers.js';
import type { AppIdentity, NativeDialogs } from './native-dialogs.js';
import { RunningTasks } from './running-tasks.js';

/**
 * Every channel's handler. The return type is the full `Handlers` map, so a contract channel
 * without a handler fails to compile.
 */
export function createHandlers(services: Services, identity: AppIdentity, dialogs: NativeDialogs): Handlers {
  const tasks = new RunningTasks();
  return {
    ...createAppHandlers(identity, dialogs, tasks),
    ...createInspectHandlers(services, tasks),
    ...createKeystoreHandlers(services, tasks),
    ...createTrustHandlers(services, dialogs),
    ...createChainHandlers(services, tasks),
    ...createKeysHandlers(services),
    ...createScanHandlers(services, dialogs, tasks),
  };
}
