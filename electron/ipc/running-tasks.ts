import { CertbenchError } from '../../shared/errors.js';

/**
 * Long IPC work the page can cancel: the page names a task with an id in its request, and
 * `task.cancel` aborts the signal that task's service call was given. An id is free again as soon
 * as its task settles, whichever way.
 */
export class RunningTasks {
  readonly #running = new Map<string, AbortController>();

  async run<T>(taskId: string | undefined, body: (signal: AbortSignal) => Promise<T>): Promise<T> {
    const controller = new AbortController();
    if (taskId !== undefined) {
      if (this.#running.has(taskId)) throw new CertbenchError('conflict', `Task ${taskId} is already running`);
      this.#running.set(taskId, controller);
    }
    try {
      return await body(controller.signal);
    } finally {
      if (taskId !== undefined) this.#running.delete(taskId);
    }
  }

  /** True when a task of that id was running (it is now cancelled). */
  cancel(taskId: string): boolean {
    const controller = this.#running.get(taskId);
    controller?.abort();
    return controller !== undefined;
  }
}
