import { z } from 'zod';
import { AddAllPlanSchema, IssuedPlanSchema, Sha256Schema, StoreInfoSchema, TrustEntrySchema, TrustMapSchema, TrustPlanSchema } from '../../model/trust.js';
import { ListedCertificateSchema } from '../../model/inspected-object.js';
import { defineContracts } from '../define.js';
import { LIMITS } from '../limits.js';

const StoreId = z.string().min(1).max(LIMITS.maxPathChars + 8);
const Path = z.string().min(1).max(LIMITS.maxPathChars);

/** Where the certificate comes from: a file the user picked, or an object opened in Inspect/Chain. */
const CertificateSource = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('path'), path: Path }),
  z.strictObject({ kind: z.literal('object'), id: z.string().min(1).max(64) }),
]);

const AddRequest = z.strictObject({
  storeId: StoreId,
  source: CertificateSource,
  label: z.string().max(LIMITS.maxNameChars).optional(),
  /** The user chose to replace an explicit distrust (NSS `p`, Windows Disallowed, macOS Never Trust). */
  overrideDistrust: z.boolean().optional(),
  /** Owner of a newly created NSS database (an agent's service user). */
  owner: z.string().min(1).max(64).optional(),
});
const RemoveRequest = z.strictObject({ storeId: StoreId, sha256: Sha256Schema });
const PlanId = z.strictObject({ planId: z.string().min(1).max(64) });
/** Extra stores to include in the trust map besides the discovered ones (`nss:DIR`, `pem:FILE`). */
const ExtraStores = z.array(StoreId).max(64);

/**
 * The trust domain's channels (`trust.verb`). A change is planned (`trust.plan*`: main keeps the
 * job and returns the plan with its id), shown, then run by id (`trust.run`) or dropped
 * (`trust.discard`); nothing else writes.
 */
export const trustContracts = defineContracts({
  'trust.stores': {
    request: z.strictObject({ extraStores: ExtraStores }),
    response: z.strictObject({ stores: z.array(StoreInfoSchema) }),
  },
  'trust.remember': {
    request: z.strictObject({ storeId: StoreId }),
    response: StoreInfoSchema,
  },
  'trust.list': {
    request: z.strictObject({ storeId: StoreId }),
    response: z.strictObject({ store: StoreInfoSchema, certificates: z.array(TrustEntrySchema).max(LIMITS.maxListItems) }),
  },
  /** One listed certificate opened for the detail pane. */
  'trust.certificate': {
    request: z.strictObject({ storeId: StoreId, sha256: Sha256Schema }),
    response: ListedCertificateSchema,
  },
  'trust.planAdd': { request: AddRequest, response: IssuedPlanSchema },
  'trust.planRemove': { request: RemoveRequest, response: IssuedPlanSchema },
  'trust.run': { request: PlanId, response: TrustPlanSchema },
  'trust.discard': { request: PlanId, response: z.strictObject({}) },
  'trust.where': {
    request: z.strictObject({ source: CertificateSource, extraStores: ExtraStores }),
    response: TrustMapSchema,
  },
  'trust.planAddToAllMissing': {
    request: z.strictObject({ source: CertificateSource, extraStores: ExtraStores }),
    response: AddAllPlanSchema,
  },
  'trust.export': {
    request: z.strictObject({
      source: CertificateSource,
      format: z.enum(['mobileconfig', 'powershell', 'ansible', 'shell']),
      nssDbs: z.array(Path).max(64),
      javaCacerts: z.array(Path).max(64),
      /** Where to write it (from dialog.saveFile); omitted = just return the text for preview. */
      savePath: Path.optional(),
    }),
    response: z.strictObject({ fileName: z.string(), content: z.string(), warnings: z.array(z.string()), savedTo: z.string().optional() }),
  },
});
