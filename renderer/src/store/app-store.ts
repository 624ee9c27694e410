import { create } from 'zustand';
import { createNavigationSlice, type NavigationSlice } from './navigation-slice.js';
import { createTasksSlice, type TasksSlice } from './tasks-slice.js';
import { createToastsSlice, type ToastsSlice } from './toasts-slice.js';

/**
 * App-wide state: which workspace is open, background work, toasts. Each feature keeps its own
 * state in its own store next to its components (`features/<name>/<name>-store.ts`).
 */
export type AppState = NavigationSlice & TasksSlice & ToastsSlice;

export const useAppStore = create<AppState>()((...a) => ({
  ...createNavigationSlice(...a),
  ...createTasksSlice(...a),
  ...createToastsSlice(...a),
}));

/** Selectors: components subscribe to the smallest piece they render. */
export const selectWorkspace = (s: AppState) => s.workspace;
export const selectTasks = (s: AppState) => s.tasks;
