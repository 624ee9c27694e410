import { z } from 'zod';
import { Sha256Schema, StoreInfoSchema, TrustEntrySchema, TrustMapSchema, TrustPlanSchema } from '../../model/trust.js';
import { defineContracts } from '../define.js';
import { LIMITS } from '../limits.js';

const StoreId = z.string().min(1).max(LIMITS.maxPathChars + 8);
const Path = z.string().min(1).max(LIMITS.maxPathChars);

/** Where the certificate comes from: a file the user picked, or an object opened in Inspect/Chain. */
const CertificateSource = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('path'), path: Path }),
  z.strictObject({ kind: z.literal('object'), id: z.string().min(1).max(64) }),
]);

const AddRequest = z.strictObject({ storeId: StoreId, source: CertificateSource, label: z.string().max(LIMITS.maxNameChars).optional() });
const RemoveRequest = z.strictObject({ storeId: StoreId, sha256: Sha256Schema });
/** Extra stores to include in the trust map besides the discovered ones (`nss:DIR`, `pem:FILE`). */
const ExtraStores = z.array(StoreId).max(64);

const AddAllResult = z.strictObject({
  store: StoreInfoSchema,
  outcome: z.enum(['added', 'already-present', 'skipped', 'failed']),
  message: z.string().optional(),
});

/** The trust domain's channels (`trust.verb`). Every change returns the plan it carried out. */
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
  'trust.planAdd': { request: AddRequest, response: TrustPlanSchema },
  'trust.add': { request: AddRequest, response: TrustPlanSchema },
  'trust.planRemove': { request: RemoveRequest, response: TrustPlanSchema },
  'trust.remove': { request: RemoveRequest, response: TrustPlanSchema },
  'trust.where': {
    request: z.strictObject({ source: CertificateSource, extraStores: ExtraStores }),
    response: TrustMapSchema,
  },
  'trust.addToAllMissing': {
    request: z.strictObject({ source: CertificateSource, extraStores: ExtraStores }),
    response: z.strictObject({ results: z.array(AddAllResult) }),
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
