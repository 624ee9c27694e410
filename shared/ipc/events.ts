import { z } from 'zod';
import { WORKSPACE_IDS, type WorkspaceId } from '../model/workspaces.js';

/** Main → renderer notifications: progress of background work. */
/** How a call that reported progress ended. */
export const TASK_OUTCOMES = ['done', 'failed', 'cancelled'] as const;
export type TaskOutcome = (typeof TASK_OUTCOMES)[number];

export const ProgressEventSchema = z.strictObject({
  taskId: z.string().max(64),
  label: z.string().max(256),
  /** 0..1, or absent while the amount of work is unknown. */
  fraction: z.number().min(0).max(1).optional(),
  done: z.boolean(),
  /** On the last event of a call: how it ended (main sends it on failure and cancel too). */
  outcome: z.enum(TASK_OUTCOMES).optional(),
});
export type ProgressEvent = z.infer<typeof ProgressEventSchema>;

/**
 * Native menu items and accelerators, forwarded from main so the menu bar drives the page: the
 * file commands, and `workspace:<id>` for each workspace of shared/model/workspaces.ts.
 */
export const FILE_MENU_COMMANDS = ['open-files', 'paste-text'] as const;
export const MenuCommandSchema = z.union([z.enum(FILE_MENU_COMMANDS), z.templateLiteral(['workspace:', z.enum(WORKSPACE_IDS)])]);
export const MenuCommandEventSchema = z.strictObject({ command: MenuCommandSchema });
export type MenuCommand = z.infer<typeof MenuCommandSchema>;

/** The workspace a menu command opens, if it is a workspace command. */
export function workspaceOfCommand(command: MenuCommand): WorkspaceId | undefined {
  return WORKSPACE_IDS.find((id) => command === `workspace:${id}`);
}

export const eventContracts = {
  progress: ProgressEventSchema,
  menu: MenuCommandEventSchema,
} as const;
export type EventName = keyof typeof eventContracts;
export type EventPayload<E extends EventName> = z.infer<(typeof eventContracts)[E]>;
