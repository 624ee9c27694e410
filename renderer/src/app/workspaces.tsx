import type { ComponentType } from 'react';
import { WORKSPACES as WORKSPACE_LIST, workspaceKey, type WorkspaceId } from '../../../shared/model/workspaces.js';
import { ChainWorkspace } from '../features/chain/ChainWorkspace.js';
import { ExpiryWorkspace } from '../features/expiry/ExpiryWorkspace.js';
import { InspectWorkspace } from '../features/inspect/InspectWorkspace.js';
import { KeysWorkspace } from '../features/keys/KeysWorkspace.js';
import { KeystoreWorkspace } from '../features/keystore/KeystoreWorkspace.js';
import { TrustWorkspace } from '../features/trust/TrustWorkspace.js';

export interface WorkspaceEntry {
  readonly id: WorkspaceId;
  readonly label: string;
  /** Ctrl/Cmd + this digit opens the workspace (the native menu uses the same accelerators). */
  readonly key: string;
  readonly component: ComponentType;
}

/** Each workspace's component: a Record, so a workspace added to the shared list without one does not compile. */
const COMPONENTS: Readonly<Record<WorkspaceId, ComponentType>> = {
  inspect: InspectWorkspace,
  chain: ChainWorkspace,
  trust: TrustWorkspace,
  keystore: KeystoreWorkspace,
  keys: KeysWorkspace,
  expiry: ExpiryWorkspace,
};

/** The navigation, in the order of shared/model/workspaces.ts. Each feature owns its component; this only places it. */
export const WORKSPACES: readonly WorkspaceEntry[] = WORKSPACE_LIST.map(({ id, label }) => ({ id, label, key: workspaceKey(id), component: COMPONENTS[id] }));
