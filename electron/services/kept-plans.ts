import { randomUUID } from 'node:crypto';
import { CertbenchError } from '../../shared/errors.js';

/** How long main keeps a plan the user has not run or discarded. */
const PLAN_LIFETIME_MS = 15 * 60_000;

/**
 * Plans main keeps between showing them and running them, by id: the page gets the id with the
 * plan it shows, and running takes only that id, so what runs is exactly what was planned (not
 * whatever a later request says). A plan runs once; an unclaimed one is dropped after 15 minutes.
 */
export class KeptPlans<T> {
  readonly #plans = new Map<string, { readonly value: T; readonly expiry: NodeJS.Timeout }>();

  /** `drop` releases what a plan holds (staged files) when it is discarded or expires. */
  constructor(private readonly drop: (value: T) => Promise<void> = async () => undefined) {}

  keep(value: T): string {
    const id = randomUUID();
    const expiry = setTimeout(() => void this.discard(id), PLAN_LIFETIME_MS);
    expiry.unref();
    this.#plans.set(id, { value, expiry });
    return id;
  }

  /** The plan to run now; it is no longer kept (a second run is refused). */
  take(id: string): T {
    const kept = this.#plans.get(id);
    if (!kept) throw new CertbenchError('not-found', 'No such plan: it ran, was discarded, or expired after 15 minutes; plan again');
    clearTimeout(kept.expiry);
    this.#plans.delete(id);
    return kept.value;
  }

  /** Drops a plan the user declined; an unknown id is already gone. */
  async discard(id: string): Promise<void> {
    if (!this.#plans.has(id)) return;
    await this.drop(this.take(id));
  }
}
