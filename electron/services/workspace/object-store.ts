import { randomUUID } from 'node:crypto';
import { CertbenchError } from '../../../shared/errors.js';

/**
 * What main remembers of an opened object. Private keys live only here, in the main process: the
 * renderer holds ids, never key material.
 */
export type StoredObject = { readonly kind: 'certificate'; readonly der: Uint8Array; readonly source: string };

/** Opened objects by id, so later calls (export, convert, bundle) refer to them without bytes crossing IPC. */
export class ObjectStore {
  readonly #objects = new Map<string, StoredObject>();

  put(object: StoredObject): string {
    const id = randomUUID();
    this.#objects.set(id, object);
    return id;
  }

  get(id: string): StoredObject {
    const found = this.#objects.get(id);
    if (!found) throw new CertbenchError('not-found', `No opened object with id ${id}; open the file again`);
    return found;
  }

  clear(): void {
    this.#objects.clear();
  }
}
