import type { StateCreator } from 'zustand';
import type { AppState } from './app-store.js';

export const WORKSPACE_IDS = ['inspect', 'chain', 'trust', 'keystore', 'keys', 'expiry'] as const;
export type WorkspaceId = (typeof WORKSPACE_IDS)[number];

export interface NavigationSlice {
  workspace: WorkspaceId;
  openWorkspace(id: WorkspaceId): void;
}

export const createNavigationSlice: StateCreator<AppState, [], [], NavigationSlice> = (set) => ({
  workspace: 'inspect',
  openWorkspace: (workspace) => set({ workspace }),
});
