import { z } from 'zod';
import { InspectResultSchema } from '../../model/inspected-object.js';
import { defineContracts } from '../define.js';
import { LIMITS } from '../limits.js';

const Password = z.string().max(LIMITS.maxPasswordChars);

/** Opening inputs: a path from a dialog, bytes from drag-and-drop, or pasted PEM text. */
export const inspectContracts = defineContracts({
  'inspect.open': {
    request: z.strictObject({ path: z.string().min(1).max(LIMITS.maxPathChars), password: Password.optional() }),
    response: InspectResultSchema,
  },
  'inspect.bytes': {
    request: z.strictObject({
      name: z.string().max(LIMITS.maxNameChars),
      base64: z.string().max(LIMITS.maxBase64Chars),
      password: Password.optional(),
    }),
    response: InspectResultSchema,
  },
  'inspect.text': {
    request: z.strictObject({ text: z.string().max(LIMITS.maxPemTextChars) }),
    response: InspectResultSchema,
  },
});
