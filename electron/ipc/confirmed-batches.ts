import { CertbenchError } from '../../shared/errors.js';
import type { NativeDialogs } from './native-dialogs.js';

/** What main tells the user about a batch of plans before the first one runs. */
export interface BatchSummary {
  readonly title: string;
  readonly message: string;
  readonly detail: string;
}

interface Batch {
  readonly summary: BatchSummary;
  readonly planIds: Set<string>;
  /** Main's own answer, asked once per batch; pending while the dialog is open. */
  answer?: Promise<boolean>;
}

/**
 * Plans issued together that change several stores at once. Before the first of them runs, main
 * asks the user itself (a native dialog the page cannot answer), once for the whole batch: a
 * compromised renderer can approve plans, but it cannot say yes here. A declined batch is
 * dropped whole, so none of its plans can run afterwards.
 */
export class ConfirmedBatches {
  readonly #byPlan = new Map<string, Batch>();

  constructor(private readonly dialogs: NativeDialogs) {}

  /** Registers plans that must be confirmed together before any of them runs. */
  add(planIds: readonly string[], summary: BatchSummary): void {
    if (planIds.length === 0) return;
    const batch: Batch = { summary, planIds: new Set(planIds) };
    for (const id of planIds) this.#byPlan.set(id, batch);
  }

  /**
   * Resolves when `planId` may run: it belongs to no batch, or its batch was confirmed. Throws
   * `cancelled` when the user declines; `drop` is then called for every plan of the batch.
   */
  async confirmBeforeRun(planId: string, drop: (planId: string) => Promise<void>): Promise<void> {
    const batch = this.#byPlan.get(planId);
    if (!batch) return;
    batch.answer ??= this.dialogs.confirm({ ...batch.summary, confirmLabel: 'Add to all' });
    if (await batch.answer) {
      this.forget(planId);
      return;
    }
    for (const id of batch.planIds) {
      this.#byPlan.delete(id);
      await drop(id).catch(() => undefined);
    }
    throw new CertbenchError('cancelled', 'Adding to every missing store was not confirmed; nothing was run');
  }

  /** A plan that ran or was discarded leaves its batch. */
  forget(planId: string): void {
    this.#byPlan.get(planId)?.planIds.delete(planId);
    this.#byPlan.delete(planId);
  }
}
