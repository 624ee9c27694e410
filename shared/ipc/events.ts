import { z } from 'zod';

/** Main → renderer notifications: progress of background work. */
export const ProgressEventSchema = z.strictObject({
  taskId: z.string().max(64),
  label: z.string().max(256),
  /** 0..1, or absent while the amount of work is unknown. */
  fraction: z.number().min(0).max(1).optional(),
  done: z.boolean(),
  /** On the last event of a call: whether the work finished or failed (main sends it on failure too). */
  outcome: z.enum(['done', 'failed']).optional(),
});
export type ProgressEvent = z.infer<typeof ProgressEventSchema>;

/** Native menu items and accelerators, forwarded from main so the menu bar drives the page. */
export const MENU_COMMANDS = [
  'open-files',
  'paste-text',
  'workspace:inspect',
  'workspace:chain',
  'workspace:trust',
  'workspace:keystore',
  'workspace:keys',
] as const;
export const MenuCommandEventSchema = z.strictObject({ command: z.enum(MENU_COMMANDS) });
export type MenuCommand = (typeof MENU_COMMANDS)[number];

export const eventContracts = {
  progress: ProgressEventSchema,
  menu: MenuCommandEventSchema,
} as const;
export type EventName = keyof typeof eventContracts;
export type EventPayload<E extends EventName> = z.infer<(typeof eventContracts)[E]>;
