import type { Command } from 'commander';
import type { InspectedObject } from '../../../shared/model/inspected-object.js';
import type { CliContext } from '../cli-context.js';
import { printJson } from '../cli-io.js';
import { EXIT } from '../exit-codes.js';
import { runAction } from '../run-action.js';

/** `certbench inspect FILE... [--json]`: every object in every file. */
export function registerInspectCommand(program: Command, ctx: CliContext): void {
  program
    .command('inspect')
    .description('Show every certificate, key, CSR or store found in the files')
    .argument('<files...>', 'files to open (PEM, DER, bundles, …)')
    .option('--json', 'print JSON')
    .action(async (files: string[], opts: { json?: boolean }) => {
      ctx.exit(
        await runAction(ctx.io, async () => {
          const { inspect } = await ctx.services();
          const objects: InspectedObject[] = [];
          for (const file of files) objects.push(...(await inspect.openFile(file)).objects);
          if (opts.json) printJson(ctx.io, { objects: objects.map(toJson) });
          else ctx.io.out(objects.map(toText).join('\n'));
          return EXIT.ok;
        }),
      );
    });
}

function toJson(object: InspectedObject): Record<string, unknown> {
  return { kind: object.kind, ...object.summary };
}

function toText(object: InspectedObject): string {
  const s = object.summary;
  const sans = s.sans.map((n) => `${n.type}:${n.value}`).join(', ') || '(none)';
  return [
    `Certificate  ${s.subject}`,
    `  Issuer     ${s.issuer}`,
    `  Serial     ${s.serial}`,
    `  Valid      ${s.notBefore} → ${s.notAfter} (${s.expiry}, ${s.daysLeft} days left)`,
    `  SANs       ${sans}`,
    `  Key        ${s.keyType}${s.isCA ? ', CA' : ''}`,
    `  SHA-256    ${s.sha256}`,
    '',
  ].join('\n');
}
