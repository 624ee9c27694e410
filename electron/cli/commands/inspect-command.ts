import type { Command } from 'commander';
import { CertbenchError } from '../../../shared/errors.js';
import { WorkBudget } from '../../services/pkcs12/work-budget.js';
import type { CliContext } from '../cli-context.js';
import { printJsonList, printLines, printWarning } from '../cli-io.js';
import { EXIT } from '../exit-codes.js';
import { runAction } from '../run-action.js';
import { readSecret } from '../secrets.js';
import type { InspectedObject } from '../../../shared/model/inspected-object.js';
import { objectJson, objectText, type PrintableObject } from './inspect-format.js';

interface InspectOptions {
  json?: boolean;
  brief?: boolean;
  asn1?: boolean;
  passwordFile?: string;
  passwordEnv?: string;
}

/**
 * The ASN.1 tree multiplies a certificate's size by about twenty in JSON: 31 MB of certificates
 * made a 3 GB string. A human reads a few trees; a thousand is far more than anyone reads.
 */
const MAX_ASN1_CERTIFICATES = 1000;

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
        await runAction(ctx, async () => {
          const { inspect } = await ctx.services('inspect');
          const source = { file: opts.passwordFile, envVar: opts.passwordEnv };
          let password = source.file || source.envVar ? await readSecret(ctx.io, source, 'Password') : undefined;
          const askedFor = async (file: string): Promise<string> => {
            password ??= await readSecret(ctx.io, source, `Password for ${file}`);
            if (password === undefined) throw new CertbenchError('password-required', `${file} needs a password: use --password-file or --password-env`);
            return password;
          };
          const opened: { source: string; object: InspectedObject }[] = [];
          const problems: Array<{ source: string; origin: string; code: string; message: string }> = [];
          // One budget for the whole command: every file, and every password tried, draws on it.
          const budget = WorkBudget.forRequest();
          for (const file of files) {
            let result;
            try {
              result = await inspect.openFile(file, password, { budget });
            } catch (err) {
              if (!(err instanceof CertbenchError) || err.code !== 'password-required') throw err;
              result = await inspect.openFile(file, await askedFor(file), { budget });
            }
            for (const problem of result.problems) problems.push({ source: result.source, ...problem });
            for (const object of result.objects) opened.push({ source: result.source, object });
          }
          const structure = Boolean(opts.asn1 && opts.json);
          const certificates = opened.filter(({ object }) => object.kind === 'certificate').length;
          if (structure && certificates > MAX_ASN1_CERTIFICATES) {
            throw new CertbenchError(
              'too-large',
              `--asn1 prints the ASN.1 tree of at most ${MAX_ASN1_CERTIFICATES} certificates and this input holds ${certificates}: drop --asn1, or inspect fewer files`,
            );
          }
          // Each object's detail is made as it is printed and dropped after: a huge bundle's details never all live at once.
          const items = function* (): Generator<PrintableObject> {
            for (const { source, object } of opened) {
              yield { source, object, ...(object.kind === 'certificate' && !opts.brief ? { detail: inspect.detail(object.id, { structure }) } : {}) };
            }
          };
          if (opts.json) {
            const shaById = new Map(opened.flatMap(({ object: o }) => (o.kind === 'certificate' ? [[o.id, o.summary.sha256] as const] : [])));
            const json = function* (): Generator<unknown> {
              for (const item of items()) yield objectJson(item, shaById);
            };
            printJsonList(ctx.io, 'objects', json(), { problems });
          } else {
            let first = true;
            for (const item of items()) {
              printLines(ctx.io, [...(first ? [] : ['']), ...objectText(item)]);
              first = false;
            }
            for (const p of problems) printWarning(ctx.io, `${p.source}: ${p.message} [${p.code}]`);
          }
          // Part of an input could not be read: the rest is shown, and scripts learn of the damage.
          return problems.length > 0 ? EXIT.problems : EXIT.ok;
        }),
      );
    });
}
