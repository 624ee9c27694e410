import { z } from 'zod';
import { CsrSpecSchema } from '../../model/csr.js';
import { ScanFindingSchema, ScanReportSchema } from '../../model/scan.js';
import { defineContracts } from '../define.js';
import { LIMITS } from '../limits.js';

const TaskId = z.string().min(1).max(64);
const Targets = z.strictObject({
  folders: z.array(z.string().min(1).max(LIMITS.maxPathChars)).max(256),
  endpoints: z.array(z.string().min(1).max(300)).max(4096),
});

/** The Expiry workspace: one inventory of this machine, remembered places, CSV export, renewal. */
export const scanContracts = defineContracts({
  /** Every trust store found, plus the remembered folders and endpoints; progress events while it runs; `task.cancel` with its `taskId` stops it. */
  'scan.machine': {
    request: z.strictObject({ windowDays: z.number().min(0).max(36_500), taskId: TaskId.optional() }),
    response: ScanReportSchema,
  },
  'scan.targets': {
    request: z.strictObject({}),
    response: Targets,
  },
  'scan.remember': {
    request: Targets.partial(),
    response: Targets,
  },
  /** Main asks where to save (its own dialog) and writes the rows the page shows; null when the user cancelled. */
  'scan.exportCsv': {
    request: z.strictObject({ findings: z.array(ScanFindingSchema).max(200_000) }),
    response: z.strictObject({ path: z.string().max(LIMITS.maxPathChars).nullable() }),
  },
  /** The CSR designer's spec for renewing a certificate of the last scan. */
  'scan.renewSpec': {
    request: z.strictObject({ sha256: z.string().regex(/^[0-9a-f]{64}$/), keyFamily: z.enum(['rsa', 'ec', 'ed25519', 'other']) }),
    response: z.strictObject({ spec: CsrSpecSchema, notes: z.array(z.string().max(512)).max(16) }),
  },
});
