import type { StateCreator } from 'zustand';
import type { ProgressEvent, TaskOutcome } from '../../../shared/ipc/events.js';
import { isIpcError } from '../ipc/client.js';
import type { AppState } from './app-store.js';

/** A piece of background work the status bar shows; fraction absent while the amount is unknown. */
export interface BackgroundTask {
  readonly label: string;
  readonly fraction?: number;
}

/** How the last piece of work ended, shown in the status bar until the next one ends. */
export interface FinishedTask {
  readonly label: string;
  readonly outcome: TaskOutcome;
  readonly at: number;
}

export interface TasksSlice {
  tasks: Readonly<Record<string, BackgroundTask>>;
  lastFinished: FinishedTask | null;
  /** Applies a progress event from main (its taskId names the work). */
  applyProgress(event: ProgressEvent): void;
  /** Shows `label` in the status bar while `work` runs, then whether it was done, failed or cancelled; returns its result. */
  track<T>(label: string, work: Promise<T>): Promise<T>;
}

let localTaskCounter = 0;

export const createTasksSlice: StateCreator<AppState, [], [], TasksSlice> = (set) => {
  const finish = (id: string, label: string, outcome: FinishedTask['outcome']) =>
    set((s) => {
      const { [id]: _gone, ...rest } = s.tasks;
      return { tasks: rest, lastFinished: { label, outcome, at: Date.now() } };
    });
  return {
    tasks: {},
    lastFinished: null,
    applyProgress: (event) => {
      if (event.done) finish(event.taskId, event.label, event.outcome ?? 'done');
      else set((s) => ({ tasks: { ...s.tasks, [event.taskId]: { label: event.label, fraction: event.fraction } } }));
    },
    track: async (label, work) => {
      const id = `local#${++localTaskCounter}`;
      set((s) => ({ tasks: { ...s.tasks, [id]: { label } } }));
      try {
        const result = await work;
        finish(id, label, 'done');
        return result;
      } catch (err) {
        finish(id, label, isIpcError(err, 'cancelled') ? 'cancelled' : 'failed');
        throw err;
      }
    },
  };
};
