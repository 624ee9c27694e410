import { z } from 'zod';

/** Main → renderer notifications. Progress is the only one: background work reports through it. */
export const ProgressEventSchema = z.strictObject({
  taskId: z.string().max(64),
  label: z.string().max(256),
  /** 0..1, or absent while the amount of work is unknown. */
  fraction: z.number().min(0).max(1).optional(),
  done: z.boolean(),
});
export type ProgressEvent = z.infer<typeof ProgressEventSchema>;

export const eventContracts = {
  progress: ProgressEventSchema,
} as const;
export type EventName = keyof typeof eventContracts;
export type EventPayload<E extends EventName> = z.infer<(typeof eventContracts)[E]>;
