import { z } from 'zod';
import { CLIENT_FAMILIES, ChainReportSchema, ClientFamilySchema } from '../../model/chain.js';
import { defineContracts } from '../define.js';
import { LIMITS } from '../limits.js';

/** Identifies one running fetch/verify so the shared `task.cancel` can stop it. */
const TaskId = z.string().min(1).max(64);
const TrustSpecs = z.array(z.string().min(1).max(LIMITS.maxPathChars)).max(8);

const VerifySettings = {
  trust: TrustSpecs.optional(),
  /** Verification time (ISO 8601); absent means now. */
  at: z.iso.datetime({ offset: true }).optional(),
  aia: z.boolean().optional(),
  /** Whose verdict makes the headline; absent: the OS store's client. */
  clients: z.array(ClientFamilySchema).min(1).max(CLIENT_FAMILIES.length).optional(),
  taskId: TaskId.optional(),
};

/** The chain domain: fetch a server's chain, verify files or pasted PEM, export the corrected bundle. */
export const chainContracts = defineContracts({
  'chain.fetch': {
    request: z.strictObject({
      target: z.string().min(1).max(300),
      servername: z.string().max(255).optional(),
      proxy: z.string().max(2048).optional(),
      starttls: z.enum(['smtp']).optional(),
      /** Certificate files used as extra intermediates beside what the server sends. */
      addPaths: z.array(z.string().min(1).max(LIMITS.maxPathChars)).max(64).optional(),
      ...VerifySettings,
    }),
    response: ChainReportSchema,
  },
  'chain.verifyFiles': {
    request: z.strictObject({
      paths: z.array(z.string().min(1).max(LIMITS.maxPathChars)).min(1).max(256),
      hostname: z.string().max(255).optional(),
      ...VerifySettings,
    }),
    response: ChainReportSchema,
  },
  'chain.verifyText': {
    request: z.strictObject({
      text: z.string().min(1).max(LIMITS.maxPemTextChars),
      hostname: z.string().max(255).optional(),
      ...VerifySettings,
    }),
    response: ChainReportSchema,
  },
  'chain.exportBundle': {
    request: z.strictObject({
      path: z.string().min(1).max(LIMITS.maxPathChars),
      /** Object ids from the report, in file order (leaf, intermediates…; or the root alone). */
      certificateIds: z.array(z.string().min(1).max(64)).min(1).max(64),
    }),
    response: z.strictObject({ path: z.string(), certificates: z.number().int() }),
  },
});
