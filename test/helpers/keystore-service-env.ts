import { join } from 'node:path';
import { KeystoreService } from '../../electron/services/keystore/keystore-service.js';
import { defaultServiceEnv } from '../../electron/services/service-env.js';
import { cleanEnv } from './keystore-tools.js';

/** The real keystore service (real keytool) with its data folder inside the test's temp dir. */
export function keystoreService(dir: string): KeystoreService {
  return new KeystoreService(defaultServiceEnv({ dataDir: join(dir, 'data'), env: cleanEnv() }));
}
