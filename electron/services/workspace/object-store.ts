import { randomUUID, type KeyObject } from 'node:crypto';
import { CertbenchError } from '../../../shared/errors.js';

/**
 * What main remembers of an opened object. Private keys live only here, in the main process: the
 * renderer holds ids, never key material. `source` names the input it came from.
 */
export type StoredObject =
  | { readonly kind: 'certificate'; readonly der: Uint8Array; readonly source: string; readonly label?: string }
  | { readonly kind: 'private-key'; readonly key: KeyObject; readonly source: string; readonly label?: string }
  | { readonly kind: 'public-key'; readonly spki: Uint8Array; readonly source: string }
  | { readonly kind: 'csr'; readonly der: Uint8Array; readonly source: string }
  | { readonly kind: 'container'; readonly format: 'pkcs7' | 'pkcs12' | 'keystore'; readonly memberIds: readonly string[]; readonly source: string };

export type StoredKind = StoredObject['kind'];

/** Opened objects by id, so later calls (export, convert, bundle) refer to them without bytes crossing IPC. */
export class ObjectStore {
  readonly #objects = new Map<string, StoredObject>();
  readonly #inputPaths = new Set<string>();

  /** Remembers a file that was opened, so no export ever writes over it. */
  noteInputPath(path: string): void {
    this.#inputPaths.add(path);
  }

  get inputPaths(): readonly string[] {
    return [...this.#inputPaths];
  }

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

  /** The object if it has the wanted kind, else a clear `invalid-request`. */
  getKind<K extends StoredKind>(id: string, kind: K): Extract<StoredObject, { kind: K }> {
    const found = this.get(id);
    if (found.kind !== kind) throw new CertbenchError('invalid-request', `Object ${id} is a ${found.kind}, not a ${kind}`);
    return found as Extract<StoredObject, { kind: K }>;
  }

  clear(): void {
    this.#objects.clear();
    this.#inputPaths.clear();
  }
}
