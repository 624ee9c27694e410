import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { Command } from 'commander';
import { defineProgram } from '../../electron/cli/program.js';
import { captureIo } from './capture-io.js';

const run = promisify(execFile);

/** The installed command: bin/certbench.cjs runs the bundle `node scripts/build.mjs` writes into dist/. */
export const BIN = new URL('../../bin/certbench.cjs', import.meta.url).pathname;

export interface Outcome {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs the built CLI as a script would: a separate process, real exit codes, `env` as its whole environment. */
export async function runBuilt(args: readonly string[], env: NodeJS.ProcessEnv, input?: string): Promise<Outcome> {
  const child = run(process.execPath, [BIN, ...args], { env, maxBuffer: 64 * 1024 * 1024 });
  if (input !== undefined) child.child.stdin?.end(input);
  try {
    const { stdout, stderr } = await child;
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

/** Every leaf command of the CLI's command tree, as its words: `inspect`, `keystore list`, `ca sign`… */
export function leafCommands(): string[] {
  const ctx = { io: captureIo(), services: () => Promise.reject(new Error('not run')), exit: () => undefined, command: () => undefined };
  const walk = (command: Command, path: string[]): string[] =>
    command.commands.length === 0 ? [path.join(' ')] : command.commands.flatMap((c) => walk(c, [...path, c.name()]));
  return walk(defineProgram(ctx), []);
}
