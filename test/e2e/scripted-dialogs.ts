import type { NativeDialogs } from '../../electron/ipc/native-dialogs.js';

/** Native dialogs answered by the test: queue what the "user" picks; an empty queue means Cancel. */
export class ScriptedDialogs implements NativeDialogs {
  readonly #opens: string[][] = [];
  readonly #saves: string[] = [];
  readonly #answers: boolean[] = [];

  /** The next open dialog returns these paths. */
  willOpen(...paths: string[]): void {
    this.#opens.push(paths);
  }

  /** The next save dialog returns this path. */
  willSave(path: string): void {
    this.#saves.push(path);
  }

  /** The next confirmation main asks gets this answer. */
  willConfirm(answer: boolean): void {
    this.#answers.push(answer);
  }

  async openFiles() {
    return { paths: this.#opens.shift() ?? [] };
  }

  async saveFile() {
    return { path: this.#saves.shift() ?? null };
  }

  async confirm() {
    return this.#answers.shift() ?? false;
  }
}
