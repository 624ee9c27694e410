import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { CertbenchError } from '../../../shared/errors.js';
import type { InspectResult } from '../../../shared/model/inspected-object.js';
import type { ScanStatus } from '../../../shared/model/scan.js';
import { parseDuration } from '../../../shared/scan/duration.js';
import { needsAttention, scanStatus } from '../../services/scan/finding.js';
import type { CliContext } from '../cli-context.js';
import { printJson } from '../cli-io.js';
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
    .description('Show every certificate, key, CSR, PKCS#7, PKCS#12 or keystore found in the files (folders are searched recursively)')
    .argument('<files...>', 'files or folders to open (PEM, DER, base64, bundles, .p7b, .pfx/.p12, .jks, .csr, .key)')
    .option('--json', 'print JSON')
    .option('--brief', 'summaries only, without decoded extensions')
    .option('--asn1', 'with --json, include the ASN.1 tree and PEM of each certificate')
    .option('--password-file <file>', 'read the PFX/keystore/key password from the first line of a file')
    .option('--password-env <var>', 'read the password from an environment variable')
    .option('--expiring-within <duration>', 'exit 1 when a certificate expires within this window (12h, 60d, 8w)', '60d')
    .action(async (files: string[], opts: InspectOptions) => {
      ctx.exit(
        await runAction(ctx.io, async () => {
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
          let failed = false;
          const results: InspectResult[] = [];
          for (const input of await inputFiles(files, (message) => ctx.io.err(`certbench: skipped ${message}\n`))) {
            try {
              let result;
              try {
                result = await inspect.openFile(input.path, password);
              } catch (err) {
                if (!(err instanceof CertbenchError) || err.code !== 'password-required') throw err;
                result = await inspect.openFile(input.path, await askedFor(input.path));
              }
              results.push({ ...result, source: resolve(input.path) });
            } catch (err) {
              if (!(err instanceof CertbenchError)) throw err;
              ctx.io.err(`certbench: ${input.named ? '' : `skipped ${input.path}: `}${err.message.split('\n')[0]}\n`);
              failed ||= input.named;
            }
          }
          const items: PrintableObject[] = [];
          const statuses = new Map<string, ScanStatus>();
          for (const result of inspect.pairKeysAcross(results)) {
            for (const object of result.objects) {
              if (object.kind === 'certificate') statuses.set(object.id, scanStatus(new Date(object.summary.notBefore), new Date(object.summary.notAfter), now, windowMs));
              items.push({ source: result.source, object, ...(object.kind === 'certificate' && !opts.brief ? { detail: inspect.detail(object.id, { structure: Boolean(opts.asn1 && opts.json) }) } : {}) });
            }
          }
          if (opts.json) {
            const shaById = new Map(items.flatMap(({ object: o }) => (o.kind === 'certificate' ? [[o.id, o.summary.sha256] as const] : [])));
            printJson(ctx.io, { objects: items.map((item) => ({ ...objectJson(item, shaById), ...(statuses.has(item.object.id) ? { status: statuses.get(item.object.id) } : {}) })) });
          } else {
            const subjects = new Map(items.flatMap(({ object: o, source: s }) => (o.kind === 'certificate' ? [[o.id, `${o.summary.subject} in ${s}`] as const] : [])));
            ctx.io.out(items.map((item) => objectText(item, subjects, statuses.get(item.object.id))).join('\n'));
          }
          if (failed) return EXIT.usage;
          return [...statuses.values()].some((status) => needsAttention({ status })) ? EXIT.problems : EXIT.ok;
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
