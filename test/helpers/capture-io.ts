import type { CliIo } from '../../electron/cli/cli-io.js';

/** A CliIo that records what a command printed, for in-process CLI tests. */
export function captureIo(env: NodeJS.ProcessEnv = {}): CliIo & { stdout(): string; stderr(): string } {
  let out = '';
  let err = '';
  return {
    out: (t) => void (out += t),
    err: (t) => void (err += t),
    stderrIsTty: false,
    stdinIsTty: false,
    env,
    stdout: () => out,
    stderr: () => err,
  };
}
