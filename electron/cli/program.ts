import { Command, CommanderError, type OutputConfiguration } from 'commander';
import type { LoadService } from '../services/services.js';
import type { CliContext } from './cli-context.js';
import { printError, processIo, type CliIo } from './cli-io.js';
import { EXIT, type ExitCode } from './exit-codes.js';
import { registerInspectCommand } from './commands/inspect-command.js';
import { registerConvertCommand } from './commands/convert-command.js';
import { registerBundleCommand } from './commands/bundle-command.js';
import { registerCaCommands } from './commands/ca-command.js';
import { registerCertCommands } from './commands/cert-command.js';
import { registerCsrCommands } from './commands/csr-command.js';
import { registerKeyCommands } from './commands/key-command.js';
import { registerChainCommands } from './commands/chain-command.js';
import { registerKeystoreCommands } from './commands/keystore-command.js';
import { registerTrustCommands } from './commands/trust-command.js';
import { registerScanCommand } from './commands/scan-command.js';

declare const __CERTBENCH_VERSION__: string | undefined;

/** Version baked in by the bundler; the unbundled (test) path reads it from the environment. */
export const CLI_VERSION = typeof __CERTBENCH_VERSION__ === 'string' ? __CERTBENCH_VERSION__ : '0.0.0-dev';

type Register = (parent: Command, ctx: CliContext) => void;

/**
 * The top-level commands in the order help lists them: a command of its own, or a group whose
 * subcommands its function registers. A group's name and description are all the program's help
 * shows of it.
 */
const TOP_LEVEL: readonly ({ readonly command: Register } | { readonly group: string; readonly description: string; readonly subcommands: Register })[] = [
  { command: registerInspectCommand },
  { command: registerConvertCommand },
  { group: 'key', description: 'Generate private keys', subcommands: registerKeyCommands },
  { group: 'csr', description: 'Make certificate signing requests', subcommands: registerCsrCommands },
  { group: 'cert', description: 'Issue certificates', subcommands: registerCertCommands },
  { group: 'ca', description: 'A small local CA for labs and internal services', subcommands: registerCaCommands },
  { command: registerBundleCommand },
  { group: 'chain', description: 'Fetch, verify and diagnose certificate chains', subcommands: registerChainCommands },
  {
    group: 'keystore',
    description: 'Find JDKs and their cacerts; list and edit Java keystores safely (backups, verified edits)',
    subcommands: registerKeystoreCommands,
  },
  {
    group: 'trust',
    description: 'List, add and remove CA certificates in OS, NSS, PEM and Java trust stores; every change shows its plan first',
    subcommands: registerTrustCommands,
  },
  { command: registerScanCommand },
];

/**
 * The command tree, every command registered on `ctx`. The built-CLI test walks the whole tree to
 * find every leaf command, so a command added here without a test case fails that test.
 *
 * `subcommands: 'when-used'` (what a run uses) registers a group's subcommands only when the group
 * runs or shows its help: building all of them costs a run more than parsing its arguments does
 * (docs/performance.md). Commander's `preSubcommand` hook runs before a group parses its words, and
 * a group's 'before' help text before any help of the group is built (`trust --help`, `help trust`,
 * `trust` alone, an unknown subcommand's error), so every path that reads a group's subcommands
 * finds them.
 */
export function defineProgram(ctx: CliContext, output: OutputConfiguration = {}, subcommands: 'all' | 'when-used' = 'all'): Command {
  // Settings before the subcommands: commander copies them to each one as it is created.
  const program = new Command('certbench')
    .configureOutput(output)
    .description('Certbench: inspect certificates, fix chains, manage trust stores and Java keystores, make keys and CSRs')
    .version(CLI_VERSION, '-V, --version')
    .exitOverride()
    .showSuggestionAfterError(true);
  const deferred = new Map<Command, () => void>();
  for (const entry of TOP_LEVEL) {
    if ('command' in entry) {
      entry.command(program, ctx);
      continue;
    }
    const group = program.command(entry.group).description(entry.description);
    if (subcommands === 'all') {
      entry.subcommands(group, ctx);
      continue;
    }
    const register = () => {
      if (deferred.delete(group)) entry.subcommands(group, ctx);
    };
    deferred.set(group, register);
    // Help text that is empty writes nothing: this only runs before the group's help is built.
    group.addHelpText('before', () => {
      register();
      return '';
    });
  }
  if (deferred.size > 0) program.hook('preSubcommand', (_program, group) => deferred.get(group)?.());
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
  const program = defineProgram(
    ctx,
    {
      writeOut: (s) => io.out(s),
      writeErr: (s) => io.err(s),
      // One line: commander's "(Did you mean --json?)" continues the message on a line of its own.
      outputError: (s) => printError(io, { code: 'invalid-request', message: s.replace(/^error: /, '').trim().replace(/\s*\n\s*/g, ' ') }, json),
    },
    'when-used',
  );
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
