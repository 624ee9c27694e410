import type { ErrorInfo } from '../../shared/errors.js';

/**
 * The CLI's output layer: the streams a command writes to (tests capture them instead of touching
 * process.stdout) and the only functions that write to them. Human output goes through
 * `printLines`, which escapes every control character, so text taken from a certificate (a subject
 * with ESC[31m, a carriage return, a right-to-left override) cannot move the cursor, recolour or
 * reorder what an admin's terminal shows, nor forge a line of output.
 */
export interface CliIo {
  out(text: string): void;
  err(text: string): void;
  readonly stderrIsTty: boolean;
  readonly stdinIsTty: boolean;
  readonly env: NodeJS.ProcessEnv;
}

/**
 * isatty, not process.stdin.isTTY: building the stdin stream costs more than most commands' own
 * work. node:tty is loaded on the first question, not at start-up: it loads the net module, a cost
 * only commands that prompt or show progress should pay (docs/performance.md).
 */
const isatty = (fd: number): boolean => process.getBuiltinModule('node:tty').isatty(fd);

export const processIo: CliIo = {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
  get stderrIsTty() {
    return isatty(2);
  },
  get stdinIsTty() {
    return isatty(0);
  },
  env: process.env,
};

/**
 * What a terminal acts on instead of showing: C0 (newline and tab too: a value must not start a
 * line of its own), DEL, C1 (8-bit CSI among them), and the Unicode bidirectional and line
 * separator controls that reorder or break a line.
 */
const TERMINAL_CONTROLS = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/** The controls JSON.stringify leaves raw (it escapes C0 itself, and its own newlines are layout). */
const JSON_RAW_CONTROLS = /[\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/** `text` with every terminal control written as `\xNN` or `\u{NNNN}`, visible and inert. */
export function terminalSafe(text: string): string {
  return text.replace(TERMINAL_CONTROLS, (c) => {
    const code = c.charCodeAt(0);
    return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u{${code.toString(16)}}`;
  });
}

/** Human output on stdout: one string per line, each escaped with `terminalSafe`. */
export function printLines(io: CliIo, lines: readonly string[]): void {
  io.out(lines.map((line) => `${terminalSafe(line)}\n`).join(''));
}

/** A warning on stderr, one escaped line. */
export function printWarning(io: CliIo, text: string): void {
  io.err(`certbench: warning: ${terminalSafe(text)}\n`);
}

/**
 * A value as pretty JSON (for `--json`) with a trailing newline. JSON.stringify escapes C0 but
 * leaves DEL, C1 and the bidi controls raw; they are escaped too (`\u009b`), which JSON readers
 * decode to the same string, so a `--json` piped to a terminal is as inert as the text form.
 */
export function printJson(io: CliIo, value: unknown): void {
  io.out(`${inertJson(value)}\n`);
}

/** Pretty JSON with the controls JSON.stringify leaves raw escaped; `indent` pads every line after the first. */
function inertJson(value: unknown, indent = ''): string {
  const json = JSON.stringify(value, null, 2).replace(JSON_RAW_CONTROLS, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  return indent === '' ? json : json.replace(/\n/g, `\n${indent}`);
}

/** Generated file content (a PEM bundle, a fleet script) the user asked for on stdout: written as is. */
export function writeContent(io: CliIo, content: string): void {
  io.out(content);
}

/**
 * An error, in the form the command's caller reads: with `--json`, `{ "error": { code, message } }`
 * on stdout, where a script already parses the command's answer; otherwise one escaped line on
 * stderr. The message is its first line only: no stack, no continuation.
 */
export function printError(io: CliIo, error: ErrorInfo, json: boolean): void {
  const message = error.message.split('\n')[0]!.trim();
  if (json) printJson(io, { error: { code: error.code, message } });
  else io.err(`certbench: ${terminalSafe(message)}\n`);
}

/**
 * Prints `{ "<key>": [ ...items ], ...rest }` exactly as printJson would, one item at a time, so a
 * huge listing never becomes one string: memory stays that of one item, whatever the input's size.
 */
export function printJsonList(io: CliIo, key: string, items: Iterable<unknown>, rest: Record<string, unknown> = {}): void {
  const tail = Object.entries(rest)
    .map(([name, value]) => `,\n  ${JSON.stringify(name)}: ${inertJson(value, '  ')}`)
    .join('');
  let first = true;
  for (const item of items) {
    io.out(`${first ? `{\n  ${JSON.stringify(key)}: [\n` : ',\n'}    ${inertJson(item, '    ')}`);
    first = false;
  }
  io.out(`${first ? `{\n  ${JSON.stringify(key)}: []` : '\n  ]'}${tail}\n}\n`);
}
