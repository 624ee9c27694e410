import { Command, CommanderError, type OutputConfiguration } from 'commander';
import type { LoadService } from '../services/services.js';
import type { CliContext } from './cli-context.js';
import { printError, processIo, type CliIo } from './cli-io.js';
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
 * The whole command tree, every command registered on `ctx`. The built-CLI test walks it to find
 * every leaf command, so a command added here without a test case fails that test.
 */
export function defineProgram(ctx: CliContext, output: OutputConfiguration = {}): Command {
  // Settings before the subcommands: commander copies them to each one as it is created.
  const program = new Command('certbench')
    .configureOutput(output)
    .description('Certbench: inspect certificates, fix chains, manage trust stores and Java keystores, make keys and CSRs')
    .version(CLI_VERSION, '-V, --version')
    .exitOverride()
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
  return program;
}

/**
 * Runs the CLI on `argv` (without node and script) and returns the exit code. Usage errors print
 * one line (a JSON error object with `--json`) and return 2; `--help`/`--version` return 0.
 */
export async function runCli(argv: readonly string[], io: CliIo = processIo): Promise<ExitCode> {
  let code: ExitCode = EXIT.ok;
  let load: LoadService | undefined;
  let active: Command | undefined;
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
    command: () => active,
  };
  // Parse errors come before any action knows its options: `--json` anywhere before `--` asks for JSON.
  const json = argv.slice(0, argv.includes('--') ? argv.indexOf('--') : undefined).includes('--json');
  const program = defineProgram(ctx, {
    writeOut: (s) => io.out(s),
    writeErr: (s) => io.err(s),
    // One line: commander's "(Did you mean --json?)" continues the message on a line of its own.
    outputError: (s) => printError(io, { code: 'invalid-request', message: s.replace(/^error: /, '').trim().replace(/\s*\n\s*/g, ' ') }, json),
  });
  program.hook('preAction', (_program, actionCommand) => {
    active = actionCommand;
  });
  try {
    await program.parseAsync([...argv], { from: 'user' });
  } catch (err) {
    if (err instanceof CommanderError) {
      return err.exitCode === 0 ? EXIT.ok : EXIT.usage;
    }
    printError(io, { code: 'internal', message: `internal error: ${(err as Error).message}` }, json);
    return EXIT.usage;
  }
  return code;
}
