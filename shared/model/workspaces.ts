/**
 * The app's workspaces, in navigation order: the one list the navigation, the keyboard shortcuts,
 * the native View menu and its menu commands are made from. Ctrl/Cmd + position (1-based) opens
 * a workspace. Adding one here makes the type checker ask for its component in
 * renderer/src/app/workspaces.tsx.
 */
export const WORKSPACES = [
  { id: 'inspect', label: 'Inspect' },
  { id: 'chain', label: 'Chain' },
  { id: 'trust', label: 'Trust stores' },
  { id: 'keystore', label: 'Java keystores' },
  { id: 'keys', label: 'Keys & CSR' },
  { id: 'expiry', label: 'Expiry' },
] as const satisfies readonly { readonly id: string; readonly label: string }[];

export type WorkspaceId = (typeof WORKSPACES)[number]['id'];

const [first, ...rest] = WORKSPACES;
/** The ids as a non-empty tuple, the shape zod's enum takes. */
export const WORKSPACE_IDS = [first.id, ...rest.map((w) => w.id)] as const;

/** The digit that opens a workspace with Ctrl/Cmd (its position, from 1). */
export const workspaceKey = (id: WorkspaceId): string => String(WORKSPACE_IDS.indexOf(id) + 1);
