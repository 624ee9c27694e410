import type { StateCreator } from 'zustand';
import type { ProgressEvent } from '../../../shared/ipc/events.js';
import type { AppState } from './app-store.js';

/** A piece of background work the status bar shows; fraction absent while the amount is unknown. */
export interface BackgroundTask {
  readonly label: string;
  readonly fraction?: number;
}

export interface TasksSlice {
  tasks: Readonly<Record<string, BackgroundTask>>;
  /** Applies a progress event from main (its taskId names the work). */
  applyProgress(event: ProgressEvent): void;
  /** Shows `label` in the status bar while `work` runs; returns its result. */
  track<T>(label: string, work: Promise<T>): Promise<T>;
}

let localTaskCounter = 0;

export const createTasksSlice: StateCreator<AppState, [], [], TasksSlice> = (set) => {
  const remove = (id: string) =>
    set((s) => {
      const { [id]: _gone, ...rest } = s.tasks;
      return { tasks: rest };
    });
  return {
    tasks: {},
    applyProgress: (event) => {
      if (event.done) remove(event.taskId);
      else set((s) => ({ tasks: { ...s.tasks, [event.taskId]: { label: event.label, fraction: event.fraction } } }));
    },
    track: async (label, work) => {
      const id = `local#${++localTaskCounter}`;
      set((s) => ({ tasks: { ...s.tasks, [id]: { label } } }));
      try {
        return await work;
      } finally {
        remove(id);
      }
    },
  };
};
