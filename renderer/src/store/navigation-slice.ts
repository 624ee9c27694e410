import type { StateCreator } from 'zustand';
import type { WorkspaceId } from '../../../shared/model/workspaces.js';
import type { AppState } from './app-store.js';

export interface NavigationSlice {
  workspace: WorkspaceId;
  openWorkspace(id: WorkspaceId): void;
}

export const createNavigationSlice: StateCreator<AppState, [], [], NavigationSlice> = (set) => ({
  workspace: 'inspect',
  openWorkspace: (workspace) => set({ workspace }),
});
