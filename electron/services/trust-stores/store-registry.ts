import { CertbenchError } from '../../../shared/errors.js';
import type { Elevator } from '../elevation/elevator.js';
import type { ServiceEnv } from '../service-env.js';
import { KeystoreService } from '../keystore/keystore-service.js';
import { JavaCacertsStore } from './java-cacerts-store.js';
import { STORE_ID_HELP } from '../../../shared/model/trust-store-ids.js';
import { detectLinuxLayout, linuxLayoutOf } from './linux-layout.js';
import { LinuxStore } from './linux-store.js';
import { discoverNssDbs } from './nss-discovery.js';
import { NssStore } from './nss-store.js';
import { PemBundleStore } from './pem-bundle-store.js';
import type { TrustStore } from './trust-store.js';

// The Windows and macOS adapters (and their output parsers: zod, plist) load only when asked for.
const windowsStore = async () => (await import('./windows-store.js')).WindowsStore;
const macosStore = async () => (await import('./macos-store.js')).MacosStore;

/**
 * The store an id names (`--store`). Any OS's store resolves on any OS: a store of another OS
 * plans (for preview and fleet export) but refuses to list or run.
 */
export async function resolveStore(id: string, env: ServiceEnv, elevator: Elevator, keystores: KeystoreService): Promise<TrustStore> {
  if (id.startsWith('nss:') && id.length > 4) return new NssStore(env, elevator, id.slice(4));
  if (id.startsWith('java:') && id.length > 5) return new JavaCacertsStore(env, elevator, keystores, id.slice(5), []);
  if (id.startsWith('pem:') && id.length > 4) return new PemBundleStore(env, elevator, id.slice(4));
  if (id === 'windows-machine-root' || id === 'windows-machine-ca' || id === 'windows-user-root') return new (await windowsStore())(env, elevator, id);
  if (id === 'macos-system' || id === 'macos-login') return new (await macosStore())(env, elevator, id);
  if (id === 'linux-debian' || id === 'linux-rhel') return new LinuxStore(env, elevator, linuxLayoutOf(id === 'linux-debian' ? 'debian' : 'rhel', env.env), keystores, id);
  if (id === 'linux') {
    const layout = env.platform === 'linux' ? await detectLinuxLayout(env.env) : undefined;
    if (!layout) {
      throw new CertbenchError(
        'unsupported',
        env.platform === 'linux'
          ? 'No supported Linux trust store layout found (neither /etc/pki/ca-trust/source/anchors nor /usr/local/share/ca-certificates)'
          : 'The linux store is detected on Linux only; name the family instead: --store linux-debian or --store linux-rhel',
      );
    }
    return new LinuxStore(env, elevator, layout, keystores);
  }
  throw new CertbenchError('invalid-request', `Unknown store ${JSON.stringify(id)}; use one of: ${STORE_ID_HELP}`);
}

/** The OS stores of this machine, in the order the trust map shows them (a lister may leave out the keystore service). */
export async function osStores(env: ServiceEnv, elevator: Elevator, keystores = new KeystoreService(env, elevator)): Promise<TrustStore[]> {
  if (env.platform === 'win32') {
    const WindowsStore = await windowsStore();
    return (['windows-machine-root', 'windows-machine-ca', 'windows-user-root'] as const).map((id) => new WindowsStore(env, elevator, id));
  }
  if (env.platform === 'darwin') {
    const MacosStore = await macosStore();
    return (['macos-system', 'macos-login'] as const).map((id) => new MacosStore(env, elevator, id));
  }
  const layout = await detectLinuxLayout(env.env);
  return layout ? [new LinuxStore(env, elevator, layout, keystores)] : [];
}

/** Every NSS database found for this user (Firefox profiles, ~/.pki/nssdb, snap/flatpak). */
export async function nssStores(env: ServiceEnv, elevator: Elevator): Promise<TrustStore[]> {
  return (await discoverNssDbs(env.platform, env.homeDir, env.env)).map((db) => new NssStore(env, elevator, db.dir, db.detail));
}
