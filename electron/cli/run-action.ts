import { CertbenchError } from '../../shared/errors.js';
import type { CliIo } from './cli-io.js';
import { EXIT, type ExitCode } from './exit-codes.js';

/**
 * Runs one command body and turns its outcome into an exit code: a CertbenchError becomes one
 * clear stderr line and exit 2, anything else the same without a stack trace.
 */
export async function runAction(io: CliIo, body: () => Promise<ExitCode>): Promise<ExitCode> {
  try {
    return await body();
  } catch (err) {
    const message = err instanceof CertbenchError ? err.message : `internal error: ${(err as Error)?.message ?? String(err)}`;
    io.err(`certbench: ${message.split('\n')[0]}\n`);
    return EXIT.usage;
  }
}
