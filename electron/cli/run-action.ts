import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { Command } from 'commander';
import { toErrorInfo, type ErrorInfo } from '../../shared/errors.js';
import type { CliContext } from './cli-context.js';
import { printError } from './cli-io.js';
import { EXIT, type ExitCode } from './exit-codes.js';

/**
 * Runs one command body and turns its outcome into an exit code: any error becomes one line
 * (or a JSON error object with `--json`) and exit 2, never a stack trace.
 */
export async function runAction(ctx: CliContext, body: () => Promise<ExitCode>): Promise<ExitCode> {
  try {
    return await body();
  } catch (err) {
    const command = ctx.command();
    const info = toErrorInfo(err);
    const named = info.code === 'internal' ? { ...info, message: `internal error: ${info.message}` } : info;
    printError(ctx.io, command ? withFix(named, command) : named, Boolean(command?.opts().json));
    return EXIT.usage;
  }
}

/** Output options are named `--out…` (`--out`, `--out-key`, `--out-dir`) or `--pfx`. */
const OUTPUT_OPTION = /^--(out(-[a-z]+)?|pfx)$/;

/**
 * "F does not exist" about a file the command was to write means its directory is missing: say
 * that, and which option named it, rather than send the user looking for F.
 */
function missingOutputDirectory(error: ErrorInfo, command: Command): ErrorInfo | undefined {
  for (const option of command.options) {
    const value: unknown = command.getOptionValue(option.attributeName());
    if (option.long === undefined || !OUTPUT_OPTION.test(option.long) || typeof value !== 'string') continue;
    const dir = dirname(value);
    // The one write helper names the folder itself; older messages name the file.
    const named = error.message.startsWith(`${value} does not exist`) || error.message.startsWith(`The directory ${resolve(dir)} does not exist`);
    if (named && !existsSync(dir)) {
      return { ...error, message: `directory ${dir} does not exist: create it, or give ${option.long} a path in an existing directory` };
    }
  }
  return undefined;
}

/** Passwords come from options named like `--storepass-file` / `--pfx-pass-env` / `--password-env`. */
const SECRET_OPTION = /pass(word|phrase)?-(file|env)$/;

/**
 * Services speak to the app and the CLI alike ("allow overwriting", "password was incorrect"); the
 * CLI adds which of this command's options is the fix, unless the message already names one.
 */
export function withFix(error: ErrorInfo, command: Command): ErrorInfo {
  if (/(^|\s)--[a-z]/.test(error.message)) return error;
  if (error.code === 'not-found') return missingOutputDirectory(error, command) ?? error;
  const flags = command.options.map((o) => o.long ?? '');
  let fix: string | undefined;
  if (error.code === 'conflict') {
    const flag = flags.find((f) => f === '--overwrite' || f === '--replace');
    if (flag && / or allow overwriting$/.test(error.message)) return { ...error, message: error.message.replace(/allow overwriting$/, `pass ${flag}`) };
    if (flag) fix = `pass ${flag} to replace it`;
  } else if (error.code === 'wrong-password' || error.code === 'password-required') {
    const secrets = command.options.filter((o) => o.long !== undefined && SECRET_OPTION.test(o.long));
    const given = secrets.filter((o) => command.getOptionValueSource(o.attributeName()) === 'cli');
    if (secrets.length > 0) {
      fix = given.length > 0
        ? `check the password given with ${given.map((o) => o.long).join(', ')}`
        : `no password was given: pass ${secrets.map((o) => o.long).join(' or ')}`;
    }
  }
  return fix ? { ...error, message: `${error.message.split('\n')[0]!.replace(/[.;:]?\s*$/, '')}; ${fix}` } : error;
}
