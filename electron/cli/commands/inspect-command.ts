import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { CertbenchError } from '../../../shared/errors.js';
import type { InspectResult } from '../../../shared/model/inspected-object.js';
import type { ScanStatus } from '../../../shared/model/scan.js';
import { parseDuration } from '../../../shared/scan/duration.js';
import { needsAttention, scanStatus } from '../../services/scan/finding.js';
import { WorkBudget } from '../../services/pkcs12/work-budget.js';
import type { CliContext } from '../cli-context.js';
import { printError, printJsonList, printLines, printWarning } from '../cli-io.js';
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
  expiringWithin: string;
}

/**
 * The ASN.1 tree multiplies a certificate's size by about twenty in JSON: 31 MB of certificates
 * made a 3 GB string. A human reads a few trees; a thousand is far more than anyone reads.
 */
const MAX_ASN1_CERTIFICATES = 1000;

/** A file to open, and whether the user named it (its failure is an input error) or a folder walk found it (skipped with a note). */
interface InputFile {
  readonly path: string;
  readonly named: boolean;
}

/**
 * `certbench inspect FILE|FOLDER... [--json]`: every object in every file, told apart by content.
 * Exit 1 when a certificate is expired or expires within `--expiring-within`; 2 when a named file
 * could not be read (the others are still shown).
 */
export function registerInspectCommand(program: Command, ctx: CliContext): void {
  program
    .command('inspect')
    .description('Show every certificate, key, CSR, PKCS#7, PKCS#12 or keystore found in the files (folders are searched recursively; exit 1 when a certificate is expired or expiring, or a part of a file is damaged)')
    .argument('<files...>', 'files or folders to open (PEM, DER, base64, bundles, .p7b, .pfx/.p12, .jks, .csr, .key)')
    .option('--json', 'print JSON')
    .option('--brief', 'summaries only, without decoded extensions')
    .option('--asn1', 'with --json, include the ASN.1 tree and PEM of each certificate')
    .option('--password-file <file>', 'read the PFX/keystore/key password from the first line of a file')
    .option('--password-env <var>', 'read the password from an environment variable')
    .option('--expiring-within <duration>', 'exit 1 when a certificate expires within this window (12h, 60d, 8w)', '60d')
    .action(async (files: string[], opts: InspectOptions) => {
      ctx.exit(
        await runAction(ctx, async () => {
          let windowMs: number;
          try {
            windowMs = parseDuration(opts.expiringWithin);
          } catch (err) {
            throw new CertbenchError('invalid-request', `--expiring-within: ${(err as Error).message}`);
          }
          const { inspect, env } = await ctx.services('inspect', 'env');
          const now = env.now();
          const source = { file: opts.passwordFile, envVar: opts.passwordEnv };
          let password = source.file || source.envVar ? await readSecret(ctx.io, source, 'Password') : undefined;
          const askedFor = async (file: string): Promise<string> => {
            password ??= await readSecret(ctx.io, source, `Password for ${file}`);
            if (password === undefined) throw new CertbenchError('password-required', `${file} needs a password: use --password-file or --password-env`);
            return password;
          };
          // One budget for the whole command: every file, and every password tried, draws on it.
          const budget = WorkBudget.forRequest();
          let failed: CertbenchError | undefined;
          const results: InspectResult[] = [];
          for (const input of await inputFiles(files, (message) => printWarning(ctx.io, `skipped ${message}`))) {
            try {
              let result;
              try {
                result = await inspect.openFile(input.path, password, { budget });
              } catch (err) {
                if (!(err instanceof CertbenchError) || err.code !== 'password-required') throw err;
                result = await inspect.openFile(input.path, await askedFor(input.path), { budget });
              }
              results.push({ ...result, source: resolve(input.path) });
            } catch (err) {
              // The budget is the whole command's: once spent, no later file could be read either.
              if (!(err instanceof CertbenchError) || err.code === 'work-limit') throw err;
              if (input.named) failed ??= err;
              // Nothing else to show: the error is the answer, in --json's error form too.
              if (input.named && files.length === 1) throw err;
              if (input.named) printError(ctx.io, err.toInfo(), false);
              else printWarning(ctx.io, `skipped ${input.path}: ${err.message.split('\n')[0]}`);
            }
          }
          const opened = inspect.pairKeysAcross(results).flatMap((result) => result.objects.map((object) => ({ source: result.source, object })));
          const problems = results.flatMap((result) => result.problems.map((problem) => ({ source: result.source, ...problem })));
          const notes = results.flatMap((result) => result.notes.map((note) => ({ source: result.source, ...note })));
          const statuses = new Map<string, ScanStatus>();
          for (const { object } of opened) {
            if (object.kind === 'certificate') statuses.set(object.id, scanStatus(new Date(object.summary.notBefore), new Date(object.summary.notAfter), now, windowMs));
          }
          const structure = Boolean(opts.asn1 && opts.json);
          if (structure && statuses.size > MAX_ASN1_CERTIFICATES) {
            throw new CertbenchError(
              'too-large',
              `--asn1 prints the ASN.1 tree of at most ${MAX_ASN1_CERTIFICATES} certificates and this input holds ${statuses.size}: drop --asn1, or inspect fewer files`,
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
              for (const item of items()) {
                const status = statuses.get(item.object.id);
                yield { ...objectJson(item, shaById), ...(status === undefined ? {} : { status }) };
              }
            };
            printJsonList(ctx.io, 'objects', json(), { problems, notes });
          } else {
            const subjects = new Map(opened.flatMap(({ object: o, source: s }) => (o.kind === 'certificate' ? [[o.id, `${o.summary.subject} in ${s}`] as const] : [])));
            let first = true;
            for (const item of items()) {
              printLines(ctx.io, [...(first ? [] : ['']), ...objectText(item, subjects, statuses.get(item.object.id))]);
              first = false;
            }
            for (const p of problems) printWarning(ctx.io, `${p.source}: ${p.message} [${p.code}]`);
            for (const n of notes) printWarning(ctx.io, `${n.source}: ${n.message}`);
          }
          if (failed) return EXIT.usage;
          // Part of an input could not be read, or a certificate needs attention: scripts learn of it.
          return problems.length > 0 || [...statuses.values()].some((status) => needsAttention({ status })) ? EXIT.problems : EXIT.ok;
        }),
      );
    });
}

/** Named files as given; folders expanded to the files under them, what cannot be read there reported through `skip`. */
async function inputFiles(args: readonly string[], skip: (message: string) => void): Promise<InputFile[]> {
  const out: InputFile[] = [];
  for (const arg of args) {
    const isFolder = await stat(arg).then(
      (s) => s.isDirectory(),
      () => false,
    );
    if (!isFolder) {
      out.push({ path: arg, named: true });
      continue;
    }
    const { walkFolders } = await import('../../services/scan/folder-walk.js');
    const walked = await walkFolders([arg]);
    for (const problem of walked.problems) skip(problem.error.message);
    out.push(...walked.files.map((path) => ({ path, named: false })));
  }
  return out;
}
