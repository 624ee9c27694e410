import type { Command } from 'commander';
import { CertbenchError } from '../../../shared/errors.js';
import type { CliContext } from '../cli-context.js';
import { printJson, printLines } from '../cli-io.js';
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
    .description('Show every certificate, key, CSR, PKCS#7, PKCS#12 or keystore found in the files')
    .argument('<files...>', 'files to open (PEM, DER, base64, bundles, .p7b, .pfx/.p12, .jks, .csr, .key)')
    .option('--json', 'print JSON')
    .option('--brief', 'summaries only, without decoded extensions')
    .option('--asn1', 'with --json, include the ASN.1 tree and PEM of each certificate')
    .option('--password-file <file>', 'read the PFX/keystore/key password from the first line of a file')
    .option('--password-env <var>', 'read the password from an environment variable')
    .action(async (files: string[], opts: InspectOptions) => {
      ctx.exit(
        await runAction(ctx, async () => {
          const { inspect } = await ctx.services('inspect');
          const source = { file: opts.passwordFile, envVar: opts.passwordEnv };
          let password = source.file || source.envVar ? await readSecret(ctx.io, source, 'Password') : undefined;
          const askedFor = async (file: string): Promise<string> => {
            password ??= await readSecret(ctx.io, source, `Password for ${file}`);
            if (password === undefined) throw new CertbenchError('password-required', `${file} needs a password: use --password-file or --password-env`);
            return password;
          };
          const items: PrintableObject[] = [];
          for (const file of files) {
            let result;
            try {
              result = await inspect.openFile(file, password);
            } catch (err) {
              if (!(err instanceof CertbenchError) || err.code !== 'password-required') throw err;
              result = await inspect.openFile(file, await askedFor(file));
            }
            for (const object of result.objects) {
              items.push({ source: result.source, object, ...(object.kind === 'certificate' && !opts.brief ? { detail: inspect.detail(object.id, { structure: Boolean(opts.asn1 && opts.json) }) } : {}) });
            }
          }
          if (opts.json) {
            const shaById = new Map(items.flatMap(({ object: o }) => (o.kind === 'certificate' ? [[o.id, o.summary.sha256] as const] : [])));
            printJson(ctx.io, { objects: items.map((item) => objectJson(item, shaById)) });
          } else {
            printLines(ctx.io, items.flatMap((item, i) => [...(i > 0 ? [''] : []), ...objectText(item)]));
          }
          return EXIT.ok;
        }),
      );
    });
}
