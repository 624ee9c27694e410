import { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { defineProgram, runCli } from '../../../electron/cli/program.js';
import { captureIo } from '../../helpers/capture-io.js';

const ctx = { io: captureIo(), services: () => Promise.reject(new Error('not run')), exit: () => undefined, command: () => undefined };
const groups = defineProgram(ctx).commands.filter((c) => c.commands.length > 0);

/** What a run of `argv` prints and returns: runCli registers a group's subcommands only when the group is used. */
async function run(argv: string[]): Promise<string> {
  const io = captureIo();
  const code = await runCli(argv, io);
  return `${code}\n${io.stdout()}${io.stderr()}`;
}

// A group's subcommands are registered when the group runs or shows help (electron/cli/program.ts):
// every way to reach them must find them, as the whole tree does.
describe('CLI groups register their subcommands when used', () => {
  it('finds the groups', () => {
    expect(groups.map((g) => g.name())).toEqual(['key', 'csr', 'cert', 'ca', 'chain', 'keystore', 'trust']);
  });

  it('the program help lists the same commands as the whole tree', async () => {
    const whole = captureIo();
    const program = defineProgram(ctx, { writeOut: whole.out, writeErr: whole.err });
    expect(() => program.parse(['--help'], { from: 'user' })).toThrow();
    expect(await run(['--help'])).toBe(`0\n${whole.stdout()}`);
  });

  it.each(groups.map((g) => [g.name(), g] as const))('%s: help, a bare group and an unknown subcommand see every subcommand', async (name, group: Command) => {
    const names = group.commands.map((c) => c.name());
    for (const argv of [['help', name], [name, '--help'], [name]]) {
      const help = await run(argv);
      for (const sub of names) expect(help, argv.join(' ')).toMatch(new RegExp(`^  ${sub}\\b`, 'm'));
    }
    const typo = `${names[0]!.slice(0, -1)}x`;
    expect(await run([name, typo])).toContain(`(Did you mean ${names[0]}?)`);
  });
});
