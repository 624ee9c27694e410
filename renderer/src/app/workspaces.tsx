import type { ComponentType } from 'react';
import { ChainWorkspace } from '../features/chain/ChainWorkspace.js';
import { ExpiryWorkspace } from '../features/expiry/ExpiryWorkspace.js';
import { InspectWorkspace } from '../features/inspect/InspectWorkspace.js';
import { KeysWorkspace } from '../features/keys/KeysWorkspace.js';
import { KeystoreWorkspace } from '../features/keystore/KeystoreWorkspace.js';
import { TrustWorkspace } from '../features/trust/TrustWorkspace.js';
import type { WorkspaceId } from '../store/navigation-slice.js';

export interface WorkspaceEntry {
  readonly id: WorkspaceId;
  readonly label: string;
  /** Ctrl/Cmd + this digit opens the workspace (the native menu uses the same accelerators). */
  readonly key: string;
  readonly component: ComponentType;
}

/** The navigation, in order. Each feature owns its component; this list only places it. */
export const WORKSPACES: readonly WorkspaceEntry[] = [
  { id: 'inspect', label: 'Inspect', key: '1', component: InspectWorkspace },
  { id: 'chain', label: 'Chain', key: '2', component: ChainWorkspace },
  { id: 'trust', label: 'Trust stores', key: '3', component: TrustWorkspace },
  { id: 'keystore', label: 'Java keystores', key: '4', component: KeystoreWorkspace },
  { id: 'keys', label: 'Keys & CSR', key: '5', component: KeysWorkspace },
  { id: 'expiry', label: 'Expiry', key: '6', component: ExpiryWorkspace },
];
