import { isatty } from 'node:tty';

/** The streams a command writes to; tests capture them instead of touching process.stdout. */
export interface CliIo {
  out(text: string): void;
  err(text: string): void;
  readonly stderrIsTty: boolean;
  readonly stdinIsTty: boolean;
  readonly env: NodeJS.ProcessEnv;
}

export const processIo: CliIo = {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
  // isatty, not process.stdin.isTTY: building the stdin stream costs more than most commands' own work.
  stderrIsTty: isatty(2),
  stdinIsTty: isatty(0),
  env: process.env,
};

/** Prints a value as pretty JSON (for `--json`) with a trailing newline. */
export function printJson(io: CliIo, value: unknown): void {
  io.out(`${JSON.stringify(value, null, 2)}\n`);
}

/**
 * Prints `{ "<key>": [ ...items ], ...rest }` exactly as printJson would, one item at a time, so a
 * huge listing never becomes one string: memory stays that of one item, whatever the input's size.
 */
export function printJsonList(io: CliIo, key: string, items: Iterable<unknown>, rest: Record<string, unknown> = {}): void {
  const tail = Object.entries(rest)
    .map(([name, value]) => `,\n  ${JSON.stringify(name)}: ${JSON.stringify(value, null, 2).replace(/\n/g, '\n  ')}`)
    .join('');
  let first = true;
  for (const item of items) {
    io.out(`${first ? `{\n  ${JSON.stringify(key)}: [\n` : ',\n'}    ${JSON.stringify(item, null, 2).replace(/\n/g, '\n    ')}`);
    first = false;
  }
  io.out(`${first ? `{\n  ${JSON.stringify(key)}: []` : '\n  ]'}${tail}\n}\n`);
}
