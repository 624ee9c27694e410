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

/** Passwords come from options named like `--storepass-file` / `--pfx-pass-env` / `--password-env`. */
const SECRET_OPTION = /pass(word|phrase)?-(file|env)$/;

/**
 * Services speak to the app and the CLI alike ("allow overwriting", "password was incorrect"); the
 * CLI adds which of this command's options is the fix, unless the message already names one.
 */
export function withFix(error: ErrorInfo, command: Command): ErrorInfo {
  if (/(^|\s)--[a-z]/.test(error.message)) return error;
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
