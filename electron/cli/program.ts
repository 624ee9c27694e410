import { Command, CommanderError } from 'commander';
import type { LoadService } from '../services/services.js';
import type { CliContext } from './cli-context.js';
import { processIo, type CliIo } from './cli-io.js';
import { EXIT, type ExitCode } from './exit-codes.js';
import { registerInspectCommand } from './commands/inspect-command.js';
import { registerConvertCommand } from './commands/convert-command.js';
import { registerBundleCommand } from './commands/bundle-command.js';
import { registerCaCommand } from './commands/ca-command.js';
import { registerCertCommand } from './commands/cert-command.js';
import { registerCsrCommand } from './commands/csr-command.js';
import { registerKeyCommand } from './commands/key-command.js';
import { registerChainCommand } from './commands/chain-command.js';
import { registerKeystoreCommand } from './commands/keystore-command.js';
import { registerTrustCommand } from './commands/trust-command.js';
import { registerScanCommand } from './commands/scan-command.js';

declare const __CERTBENCH_VERSION__: string | undefined;

/** Version baked in by the bundler; the unbundled (test) path reads it from the environment. */
export const CLI_VERSION = typeof __CERTBENCH_VERSION__ === 'string' ? __CERTBENCH_VERSION__ : '0.0.0-dev';

/**
 * Runs the CLI on `argv` (without node and script) and returns the exit code. Usage errors print
 * one line and return 2; `--help`/`--version` return 0.
 */
export async function runCli(argv: readonly string[], io: CliIo = processIo): Promise<ExitCode> {
  let code: ExitCode = EXIT.ok;
  let load: LoadService | undefined;
  const ctx: CliContext = {
    io,
    services: async (...names) => {
      const { serviceLoader, loadServices } = await import('../services/services.js');
      load ??= serviceLoader();
      return loadServices(load, ...names);
    },
    exit: (c) => {
      code = c;
    },
  };
  const program = new Command('certbench')
    .description('Certbench: inspect certificates, fix chains, manage trust stores and Java keystores, make keys and CSRs')
    .version(CLI_VERSION, '-V, --version')
    .exitOverride()
    .configureOutput({
      writeOut: (s) => io.out(s),
      writeErr: (s) => io.err(s),
      outputError: (s, write) => write(`certbench: ${s.replace(/^error: /, '').trim()}\n`),
    })
    .showSuggestionAfterError(true);
  registerInspectCommand(program, ctx);
  registerConvertCommand(program, ctx);
  registerKeyCommand(program, ctx);
  registerCsrCommand(program, ctx);
  registerCertCommand(program, ctx);
  registerCaCommand(program, ctx);
  registerBundleCommand(program, ctx);
  registerChainCommand(program, ctx);
  registerKeystoreCommand(program, ctx);
  registerTrustCommand(program, ctx);
  registerScanCommand(program, ctx);
  try {
    await program.parseAsync([...argv], { from: 'user' });
  } catch (err) {
    if (err instanceof CommanderError) {
      return err.exitCode === 0 ? EXIT.ok : EXIT.usage;
    }
    io.err(`certbench: internal error: ${(err as Error).message}\n`);
    return EXIT.usage;
  }
  return code;
}
