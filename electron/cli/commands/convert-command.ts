import type { Command } from 'commander';
import { CertbenchError } from '../../../shared/errors.js';
import { EXPORT_FORMATS } from '../../../shared/model/convert-constants.js';
import { PFX_PROFILES } from '../../../shared/model/keys-constants.js';
import type { Services } from '../../services/services.js';
import type { CliContext } from '../cli-context.js';
import { printJson, printLines, writeContent } from '../cli-io.js';
import { EXIT } from '../exit-codes.js';
import { runAction } from '../run-action.js';
import { readSecret } from '../secrets.js';

interface ConvertOptions {
  to: string;
  key?: string;
  chain?: string[];
  pfxProfile: string;
  out?: string;
  order?: boolean;
  split?: boolean;
  overwrite?: boolean;
  friendlyName?: string;
  unencryptedKey?: boolean;
  passwordFile?: string;
  passwordEnv?: string;
  outPasswordFile?: string;
  outPasswordEnv?: string;
  json?: boolean;
}

/**
 * `certbench convert IN --to pem|der|p7b|pfx|cer [--key F] [--chain F] [--pfx-profile modern|legacy] [--out F]`:
 * the openssl conversions vendor guides ask for, without openssl.
 */
export function registerConvertCommand(program: Command, ctx: CliContext): void {
  program
    .command('convert')
    .description('Convert certificates, bundles, P7B and PFX files (PEM, DER, P7B, PFX, Windows .cer)')
    .argument('<input>', 'file to convert (any format inspect reads)')
    .requiredOption('--to <format>', 'pem | der | p7b | pfx | cer')
    .option('--key <file>', 'private key to include (PFX or PEM output)')
    .option('--chain <file...>', 'extra certificates (intermediates, root) to include')
    .option('--pfx-profile <profile>', 'modern (AES-256, SHA-256 MAC) | legacy (3DES, SHA-1 MAC: Windows Server 2016, macOS ≤ 12, Android ≤ 12)', 'modern')
    .option('--out <file>', 'output file (a directory with --split); PEM certificates without a key may go to stdout')
    .option('--order', 'order certificates leaf → intermediates → root')
    .option('--split', 'one file per certificate in the --out directory')
    .option('--overwrite', 'replace an existing output file (never an input)')
    .option('--friendly-name <name>', 'PFX friendly name (the alias Windows and keytool show)')
    .option('--unencrypted-key', 'write a PEM private key without encryption (explicit choice)')
    .option('--password-file <file>', 'password of the input PFX/keystore/key, from the first line of a file')
    .option('--password-env <var>', 'password of the input, from an environment variable')
    .option('--out-password-file <file>', 'password for the output PFX or PEM key, from a file')
    .option('--out-password-env <var>', 'password for the output PFX or PEM key, from an environment variable')
    .option('--json', 'print JSON')
    .action(async (input: string, opts: ConvertOptions) => {
      ctx.exit(
        await runAction(ctx, async () => {
          const format = parseChoice(EXPORT_FORMATS, opts.to, '--to');
          const profile = parseChoice(PFX_PROFILES, opts.pfxProfile, '--pfx-profile');
          const services = await ctx.services('inspect', 'store', 'convert');
          const source = { file: opts.passwordFile, envVar: opts.passwordEnv };
          let inPassword = source.file || source.envVar ? await readSecret(ctx.io, source, 'Input password') : undefined;
          const inputs = [input, ...(opts.key ? [opts.key] : []), ...(opts.chain ?? [])];
          const ids: string[] = [];
          for (const file of inputs) {
            try {
              ids.push(...(await openIds(services, file, inPassword)));
            } catch (err) {
              if (!(err instanceof CertbenchError) || err.code !== 'password-required' || inPassword !== undefined) throw err;
              inPassword = await readSecret(ctx.io, source, `Password for ${file}`);
              if (inPassword === undefined) throw new CertbenchError('password-required', `${file} needs a password: use --password-file or --password-env`);
              ids.push(...(await openIds(services, file, inPassword)));
            }
          }
          const hasKey = ids.some((id) => services.store.get(id).kind === 'private-key');
          const needsOutPassword = format === 'pfx' || (format === 'pem' && hasKey && !opts.unencryptedKey);
          const outPassword = needsOutPassword ? await outputPassword(ctx, opts) : undefined;
          if (!opts.out) {
            if (format !== 'pem' || hasKey || opts.split) throw new CertbenchError('invalid-request', '--out is required for this conversion');
            const { encodeCertificates } = await import('../../services/convert/encode-certificates.js');
            const ders = ids.flatMap((id) => certDers(services, id));
            writeContent(ctx.io, new TextDecoder().decode(encodeCertificates(ders, 'pem')));
            return EXIT.ok;
          }
          const result = await services.convert.export(
            {
              ids,
              format,
              path: opts.out,
              pfxProfile: profile,
              ...(opts.order ? { order: true } : {}),
              ...(opts.split ? { split: true } : {}),
              ...(opts.overwrite ? { overwrite: true } : {}),
              ...(opts.unencryptedKey ? { unencryptedKey: true } : {}),
              ...(opts.friendlyName !== undefined ? { friendlyName: opts.friendlyName } : {}),
              ...(outPassword !== undefined ? { password: outPassword } : {}),
            },
            inputs,
          );
          if (opts.json) printJson(ctx.io, result);
          else printLines(ctx.io, [...result.files.map((f) => `wrote ${f.path} (${f.content}, mode ${f.mode})`), ...result.warnings.map((w) => `warning: ${w}`)]);
          return EXIT.ok;
        }),
      );
    });
}

/** Opens a file and returns the ids of every certificate and private key in it, in file order. */
async function openIds(services: Pick<Services, 'inspect'>, file: string, password: string | undefined): Promise<string[]> {
  const result = await services.inspect.openFile(file, password);
  const ids = result.objects.filter((o) => o.kind === 'certificate' || o.kind === 'private-key').map((o) => o.id);
  if (ids.length === 0) throw new CertbenchError('unrecognized-format', `${file} holds no certificate or private key to convert`);
  return ids;
}

function certDers(services: Pick<Services, 'store'>, id: string): Uint8Array[] {
  const object = services.store.get(id);
  return object.kind === 'certificate' ? [object.der] : [];
}

async function outputPassword(ctx: CliContext, opts: ConvertOptions): Promise<string> {
  const password = await readSecret(ctx.io, { file: opts.outPasswordFile, envVar: opts.outPasswordEnv }, 'Output password');
  if (password === undefined) throw new CertbenchError('password-required', 'The output needs a password: use --out-password-file or --out-password-env (or --unencrypted-key for a plain PEM key)');
  return password;
}

function parseChoice<T extends string>(choices: readonly T[], value: string, flag: string): T {
  if (!(choices as readonly string[]).includes(value)) throw new CertbenchError('invalid-request', `${flag} must be one of ${choices.join(', ')}`);
  return value as T;
}

