import { z } from 'zod';
import {
  JdkDiscoverySchema,
  KeystoreBackupSchema,
  KeystoreEditResultSchema,
  KeystoreListingSchema,
} from '../../model/keystore.js';
import { ListedCertificateSchema } from '../../model/inspected-object.js';
import { TaskIdSchema } from './app.js';
import { defineContracts } from '../define.js';
import { LIMITS } from '../limits.js';

const Password = z.string().max(LIMITS.maxPasswordChars);
const Path = z.string().min(1).max(LIMITS.maxPathChars);
const Alias = z.string().min(1).max(255);
const Sha256 = z.string().regex(/^[0-9a-f]{64}$/);

/** A store by file path or by JDK home (its cacerts); the password defaults to `changeit` for cacerts. */
const StoreSelector = z.strictObject({ path: Path.optional(), jdkHome: Path.optional(), password: Password.optional() });
/** A dropped or opened file's bytes, base64 so they cross IPC as JSON. */
const FileBytes = z.strictObject({ name: z.string().max(LIMITS.maxNameChars), base64: z.string().max(LIMITS.maxBase64Chars) });
const Backups = z.strictObject({ backups: z.array(KeystoreBackupSchema).max(LIMITS.maxListItems) });

/** A certificate as a plan names it. */
const PlannedCertificate = z.strictObject({ subject: z.string(), serial: z.string(), notAfter: z.string(), sha256: z.string() });

/** One certificate of a planned import: the alias it would get, what it collides with or replaces, and keytool's argv. */
export const PlannedImportSchema = z.strictObject({
  ...PlannedCertificate.shape,
  alias: z.string(),
  presentAs: z.string().optional(),
  aliasTaken: z.boolean(),
  replaces: PlannedCertificate.optional(),
  keytool: z.array(z.array(z.string()).max(64)).max(4),
});

/** What an import would do to the store whose SHA-256 it names: the planned items, the backup and the keytool that runs. */
const ImportPlanSchema = z.strictObject({
  path: Path,
  storeSha256: Sha256,
  keytool: Path,
  items: z.array(PlannedImportSchema).max(LIMITS.maxListItems),
  backup: z.strictObject({ directory: Path, operation: z.string().max(512) }),
});

/**
 * The keystore domain's channels (`keystore.verb`). A listing named with `taskId` can be stopped
 * with `task.cancel` (a PKCS#12 store's key derivation); `keystore.certificate` opens one listed
 * certificate for the detail pane.
 */
export const keystoreContracts = defineContracts({
  'keystore.jdks': { request: z.strictObject({}), response: JdkDiscoverySchema },
  'keystore.list': { request: z.strictObject({ store: StoreSelector, taskId: TaskIdSchema.optional() }), response: KeystoreListingSchema },
  'keystore.certificate': { request: z.strictObject({ store: StoreSelector, sha256: Sha256 }), response: ListedCertificateSchema },
  'keystore.planImport': {
    request: z.strictObject({ store: StoreSelector, certificate: FileBytes, alias: Alias.optional() }),
    response: ImportPlanSchema,
  },
  'keystore.import': {
    /** `plannedStoreSha256`: the store the shown plan was made on; a store changed since is a conflict, so what runs is what was shown. */
    request: z.strictObject({ store: StoreSelector, certificate: FileBytes, alias: Alias.optional(), replace: z.boolean().optional(), plannedStoreSha256: Sha256.optional() }),
    response: KeystoreEditResultSchema,
  },
  'keystore.planKeyPairImport': {
    request: z.strictObject({ store: StoreSelector, pfx: FileBytes, pfxPassword: Password, sourceAlias: Alias.optional(), alias: Alias.optional() }),
    response: ImportPlanSchema,
  },
  'keystore.importKeyPair': {
    /** `plannedStoreSha256`: as for `keystore.import`, the store the shown plan was made on. */
    request: z.strictObject({
      store: StoreSelector,
      pfx: FileBytes,
      pfxPassword: Password,
      sourceAlias: Alias.optional(),
      alias: Alias.optional(),
      replace: z.boolean().optional(),
      plannedStoreSha256: Sha256.optional(),
    }),
    response: KeystoreEditResultSchema,
  },
  'keystore.delete': { request: z.strictObject({ store: StoreSelector, alias: Alias }), response: KeystoreEditResultSchema },
  'keystore.rename': { request: z.strictObject({ store: StoreSelector, alias: Alias, newAlias: Alias }), response: KeystoreEditResultSchema },
  'keystore.passwd': { request: z.strictObject({ store: StoreSelector, newPassword: Password }), response: KeystoreEditResultSchema },
  'keystore.convert': {
    request: z.strictObject({ store: StoreSelector, type: z.enum(['JKS', 'PKCS12']), destination: Path, destinationPassword: Password.optional() }),
    response: KeystoreEditResultSchema,
  },
  'keystore.backups': { request: z.strictObject({ store: StoreSelector.optional() }), response: Backups },
  /** `password`: the store password the backup was taken under. */
  'keystore.restore': { request: z.strictObject({ id: z.string().max(64), password: Password.optional() }), response: KeystoreEditResultSchema },
});
