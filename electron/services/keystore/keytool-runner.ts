import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { CertbenchError, type ErrorCode } from '../../../shared/errors.js';
import type { ProcessRunner } from '../process/process-runner.js';
import { javaFreeEnv } from './jdk-candidate.js';

/** Passwords reach keytool only through these variables of the child's environment (`-storepass:env`). */
export const PASSWORD_VARS = {
  store: 'CERTBENCH_KS_STOREPASS',
  newStore: 'CERTBENCH_KS_NEWPASS',
  src: 'CERTBENCH_KS_SRCPASS',
  dest: 'CERTBENCH_KS_DESTPASS',
} as const;
export type PasswordVar = (typeof PASSWORD_VARS)[keyof typeof PASSWORD_VARS];

/** English output regardless of the user's locale, so errors can be recognised (docs/trust-stores.md §0). */
const LOCALE_ARGS = ['-J-Duser.language=en', '-J-Duser.country=US'];
const KEYTOOL_TIMEOUT_MS = 60_000;

/** keytool's messages (docs/trust-stores.md §5 error table) and the code each one means. */
const ERROR_PATTERNS: readonly [RegExp, ErrorCode][] = [
  [/already exists/i, 'conflict'],
  [/Alias <.*> does not exist/i, 'not-found'],
  [/password was incorrect|tampered with/i, 'wrong-password'],
  [/Permission denied|AccessDeniedException/i, 'permission-denied'],
  [/must be at least 6 characters/i, 'invalid-request'],
  [/Input not an X\.509 certificate|Failed to parse input/i, 'parse'],
  [/Keystore file does not exist|FileNotFoundException/i, 'not-found'],
  [/Unrecognized keystore format|Keystore file exists, but is empty/i, 'unrecognized-format'],
];

/**
 * Runs keytool with an argv array: `-noprompt`-style silent failures are the caller's to avoid,
 * this class adds the forced locale, strips JAVA_TOOL_OPTIONS/_JAVA_OPTIONS, puts passwords in
 * the child env only, and turns `keytool error: …` (printed on stdout, rc 1) into a CertbenchError.
 */
export class KeytoolRunner {
  constructor(
    private readonly runner: ProcessRunner,
    private readonly env: NodeJS.ProcessEnv,
    readonly keytool: string,
  ) {}

  async run(args: readonly string[], passwords: Partial<Record<PasswordVar, string>> = {}): Promise<string> {
    const env = { ...javaFreeEnv(this.env), ...passwords };
    const out = await this.runner.run({ file: this.keytool, args: [...args, ...LOCALE_ARGS], env, timeoutMs: KEYTOOL_TIMEOUT_MS });
    if (out.exitCode === 0) return `${out.stdout}${out.stderr}`;
    throw keytoolError(out.stdout, out.stderr, out.exitCode);
  }
}

export function keytoolError(stdout: string, stderr: string, exitCode: number): CertbenchError {
  const line =
    `${stdout}\n${stderr}`
      .split('\n')
      .map((l) => l.trim())
      .find((l) => /^keytool error:|^Illegal option|^Cannot find environment variable/.test(l)) ?? `keytool exited with ${exitCode}`;
  const message = line.replace(/^keytool error: (?:[\w.]+(?:Exception|Error): )?/, '');
  const code = ERROR_PATTERNS.find(([re]) => re.test(line))?.[1] ?? 'tool-failed';
  return new CertbenchError(code, `keytool: ${message}`);
}

/** The keytool of a given JDK, else $JAVA_HOME's, else the one on PATH. */
export function findKeytool(env: NodeJS.ProcessEnv, platform: NodeJS.Platform, jdkHome?: string): string {
  const exe = platform === 'win32' ? 'keytool.exe' : 'keytool';
  for (const home of [jdkHome, env.JAVA_HOME]) {
    if (home && existsSync(join(home, 'bin', exe))) return join(home, 'bin', exe);
  }
  if (jdkHome) throw new CertbenchError('tool-missing', `No keytool in ${join(jdkHome, 'bin')}`);
  return exe;
}
