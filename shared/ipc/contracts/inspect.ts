import { z } from 'zod';
import { CertificateDetailSchema } from '../../model/certificate-detail.js';
import { InspectResultSchema } from '../../model/inspected-object.js';
import { ConvertResultSchema, ExportRequestSchema } from '../../model/convert.js';
import { defineContracts } from '../define.js';
import { TaskIdSchema } from './app.js';
import { LIMITS } from '../limits.js';

const Password = z.string().max(LIMITS.maxPasswordChars);
const Id = z.string().min(1).max(64);

/**
 * Opening inputs (a dialog path, dropped bytes, pasted text), reading detail, and exporting. An open
 * named with `taskId` can be stopped with `task.cancel`.
 */
export const inspectContracts = defineContracts({
  'inspect.open': {
    request: z.strictObject({ path: z.string().min(1).max(LIMITS.maxPathChars), password: Password.optional(), taskId: TaskIdSchema.optional() }),
    response: InspectResultSchema,
  },
  'inspect.bytes': {
    request: z.strictObject({
      name: z.string().max(LIMITS.maxNameChars),
      base64: z.string().max(LIMITS.maxBase64Chars),
      password: Password.optional(),
      taskId: TaskIdSchema.optional(),
    }),
    response: InspectResultSchema,
  },
  'inspect.text': {
    request: z.strictObject({ text: z.string().max(LIMITS.maxPemTextChars), password: Password.optional(), taskId: TaskIdSchema.optional() }),
    response: InspectResultSchema,
  },
  'inspect.detail': {
    request: z.strictObject({ id: Id }),
    response: CertificateDetailSchema,
  },
  'inspect.export': {
    request: ExportRequestSchema,
    response: ConvertResultSchema,
  },
});
