import type { Command } from 'commander';
import { CertbenchError } from '../../../shared/errors.js';
import type { CliContext } from '../cli-context.js';
import type { CliIo } from '../cli-io.js';
import { EXIT } from '../exit-codes.js';
import { runAction } from '../run-action.js';
import { readSecret } from '../secrets.js';
import { objectJson, objectText, type PrintableObject } from './inspect-format.js';

interface InspectOptions {
  json?: boolean;
  brief?: boolean;
  asn1?: boolean;
  passwordFile?: string;
  passwordEnv?: string;
}

/** `certbench inspect FILE... [--json]`: every object in every file, told apart by content. */
export function registerInspectCommand(program: Command, ctx: CliContext): void {
  program
    .command('inspect')
    .description('Show every certificate, key, CSR, PKCS#7, PKCS#12 or keystore found in the files (exit 1 when a part of a file is damaged)')
    .argument('<files...>', 'files to open (PEM, DER, base64, bundles, .p7b, .pfx/.p12, .jks, .csr, .key)')
    .option('--json', 'print JSON')
    .option('--brief', 'summaries only, without decoded extensions')
    .option('--asn1', 'with --json, include the ASN.1 tree and PEM of each certificate')
    .option('--password-file <file>', 'read the PFX/keystore/key password from the first line of a file')
    .option('--password-env <var>', 'read the password from an environment variable')
    .action(async (files: string[], opts: InspectOptions) => {
      ctx.exit(
        await runAction(ctx.io, async () => {
          const { inspect } = await ctx.services('inspect');
          const source = { file: opts.passwordFile, envVar: opts.passwordEnv };
          let password = source.file || source.envVar ? await readSecret(ctx.io, source, 'Password') : undefined;
          const askedFor = async (file: string): Promise<string> => {
            password ??= await readSecret(ctx.io, source, `Password for ${file}`);
            if (password === undefined) throw new CertbenchError('password-required', `${file} needs a password: use --password-file or --password-env`);
            return password;
          };
          const items: PrintableObject[] = [];
          const problems: Array<{ source: string; origin: string; code: string; message: string }> = [];
          for (const file of files) {
            let result;
            try {
              result = await inspect.openFile(file, password);
            } catch (err) {
              if (!(err instanceof CertbenchError) || err.code !== 'password-required') throw err;
              result = await inspect.openFile(file, await askedFor(file));
            }
            for (const problem of result.problems) problems.push({ source: result.source, ...problem });
            for (const object of result.objects) items.push({ source: result.source, object });
          }
          // Details (and --asn1 trees) are built one object at a time as they are printed, so a
          // 30 MB bundle never holds every tree at once (it once reached 3.3 GB and failed).
          const printable = (item: PrintableObject): PrintableObject =>
            item.object.kind === 'certificate' && !opts.brief ? { ...item, detail: inspect.detail(item.object.id, { structure: Boolean(opts.asn1 && opts.json) }) } : item;
          if (opts.json) {
            const shaById = new Map(items.flatMap(({ object: o }) => (o.kind === 'certificate' ? [[o.id, o.summary.sha256] as const] : [])));
            printObjectsJson(ctx.io, items, (item) => objectJson(printable(item), shaById), problems);
          } else {
            items.forEach((item, i) => ctx.io.out(`${i > 0 ? '\n' : ''}${objectText(printable(item))}`));
            for (const p of problems) ctx.io.err(`${p.source}: ${p.message} [${p.code}]\n`);
          }
          // Part of an input could not be read: the rest is shown, and scripts learn of the damage.
          return problems.length > 0 ? EXIT.problems : EXIT.ok;
        }),
      );
    });
}

/**
 * `{ objects, problems }` exactly as printJson would pretty-print it, written one object at a time
 * so the output never exists as one string (V8 caps strings near 512 MB).
 */
function printObjectsJson<T>(io: CliIo, items: readonly T[], toJson: (item: T) => unknown, problems: readonly unknown[]): void {
  const indented = (value: unknown, pad: string) => JSON.stringify(value, null, 2).replace(/\n/g, `\n${pad}`);
  if (items.length === 0) io.out('{\n  "objects": [],\n');
  else {
    io.out('{\n  "objects": [\n');
    items.forEach((item, i) => io.out(`    ${indented(toJson(item), '    ')}${i < items.length - 1 ? ',' : ''}\n`));
    io.out('  ],\n');
  }
  io.out(`  "problems": ${indented(problems, '  ')}\n}\n`);
}
