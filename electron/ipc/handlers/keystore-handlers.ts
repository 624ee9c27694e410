import { basename } from 'node:path';
import { CertbenchError } from '../../../shared/errors.js';
import { fromBase64 } from '../../../shared/pki/bytes.js';
import type { CertificateSummary } from '../../../shared/model/certificate-summary.js';
import type { Res } from '../../../shared/ipc/contract.js';
import type { ImportPlan } from '../../services/keystore/keystore-import.js';
import type { Services } from '../../services/services.js';
import type { Handlers } from '../handler-types.js';
import type { RunningTasks } from '../running-tasks.js';

type KeystoreChannel =
  | 'keystore.jdks'
  | 'keystore.list'
  | 'keystore.certificate'
  | 'keystore.planImport'
  | 'keystore.import'
  | 'keystore.planKeyPairImport'
  | 'keystore.importKeyPair'
  | 'keystore.delete'
  | 'keystore.rename'
  | 'keystore.passwd'
  | 'keystore.convert'
  | 'keystore.backups'
  | 'keystore.restore';

function bytesOf(file: { name: string; base64: string }): Uint8Array {
  try {
    return fromBase64(file.base64);
  } catch {
    throw new CertbenchError('bad-base64', `${file.name} arrived corrupted (invalid base64)`);
  }
}

/** zod's optional keys may hold `undefined`; the service's options want them absent (exactOptionalPropertyTypes). */
function defined<T extends object>(value: T): { [K in keyof T]: Exclude<T[K], undefined> } {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as { [K in keyof T]: Exclude<T[K], undefined> };
}

const named = (c: CertificateSummary) => ({ subject: c.subject, serial: c.serial, notAfter: c.notAfter, sha256: c.sha256 });

/** An import plan as it crosses IPC: certificates by their names only. */
function planView(plan: ImportPlan): Res<'keystore.planImport'> {
  return {
    path: plan.path,
    storeSha256: plan.storeSha256,
    keytool: plan.keytool,
    backup: plan.backup,
    items: plan.items.map((p) => ({
      ...named(p.certificate),
      alias: p.alias,
      ...(p.presentAs === undefined ? {} : { presentAs: p.presentAs }),
      aliasTaken: p.aliasTaken,
      ...(p.replaces === undefined ? {} : { replaces: named(p.replaces) }),
      keytool: p.keytool,
    })),
  };
}

/** A listing runs as a task the page may cancel (RunningTasks): a PKCS#12 store's key derivation stops at once. */
export function createKeystoreHandlers(services: Services, tasks: RunningTasks): Pick<Handlers, KeystoreChannel> {
  const ks = services.keystore;
  return {
    'keystore.jdks': () => ks.jdks(),
    'keystore.list': (req) => tasks.run(req.taskId, (signal) => ks.list(defined(req.store), { signal })),
    'keystore.certificate': async (req) => {
      const { der, alias, path } = await ks.certificate(defined(req.store), req.sha256);
      return services.inspect.openListed(der, basename(path), alias);
    },
    'keystore.planImport': async (req) => planView(await ks.planImport(defined(req.store), bytesOf(req.certificate), defined({ alias: req.alias }))),
    'keystore.import': (req) =>
      ks.importCertificates(defined(req.store), bytesOf(req.certificate), defined({ alias: req.alias, replace: req.replace, plannedStoreSha256: req.plannedStoreSha256 })),
    'keystore.planKeyPairImport': async (req) =>
      planView(
        await ks.planKeyPairImport(defined(req.store), bytesOf(req.pfx), defined({ pfxPassword: req.pfxPassword, sourceAlias: req.sourceAlias, alias: req.alias })),
      ),
    'keystore.importKeyPair': (req) =>
      ks.importKeyPair(
        defined(req.store),
        bytesOf(req.pfx),
        defined({
          pfxPassword: req.pfxPassword,
          sourceAlias: req.sourceAlias,
          alias: req.alias,
          replace: req.replace,
          plannedStoreSha256: req.plannedStoreSha256,
        }),
      ),
    'keystore.delete': (req) => ks.delete(defined(req.store), req.alias),
    'keystore.rename': (req) => ks.rename(defined(req.store), req.alias, req.newAlias),
    'keystore.passwd': (req) => ks.changePassword(defined(req.store), req.newPassword),
    'keystore.convert': (req) =>
      ks.convert(defined(req.store), defined({ type: req.type, destination: req.destination, destinationPassword: req.destinationPassword })),
    'keystore.backups': async (req) => ({ backups: await ks.listBackups(req.store ? defined(req.store) : undefined) }),
    'keystore.restore': (req) => ks.restore(req.id, req.password),
  };
}
