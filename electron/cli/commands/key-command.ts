import { Option, type Command } from 'commander';
import { CertbenchError } from '../../../shared/errors.js';
import { KEY_TYPES, MIN_PASSPHRASE_CHARS, SIGNATURE_HASHES, type KeyType, type SignatureHash } from '../../../shared/model/keys-constants.js';
import type { KeyProtection } from '../../../shared/model/keys.js';
import type { SessionKey } from '../../services/keys/keys-service.js';
import type { Services } from '../../services/services.js';
import { assertWritable } from '../../services/files/safe-write.js';
import type { CliContext } from '../cli-context.js';
import { printJson, printLines, printWarning, type CliIo } from '../cli-io.js';
import { EXIT } from '../exit-codes.js';
import { cliProgress } from '../progress.js';
import { runAction } from '../run-action.js';
import { readSecret } from '../secrets.js';

/** The options every command that writes a new private key shares. */
export interface NewKeyOptions {
  passphraseFile?: string;
  passphraseEnv?: string;
  /** Commander's `--no-encrypt`: false only when the user asked for a plain key. */
  encrypt: boolean;
}

export function addNewKeyOptions(command: Command): Command {
  return command
    .option('--passphrase-file <file>', 'read the new key passphrase from the first line of this file')
    .option('--passphrase-env <var>', 'read the new key passphrase from this environment variable')
    .option('--no-encrypt', 'write the private key unencrypted (not recommended)');
}

export const keyTypeOption = (flags: string, description: string): Option => new Option(flags, description).choices(KEY_TYPES);

/** The options addCsrKeyOptions declares, as commander hands them to the action. */
export interface CsrKeyOptions extends NewKeyOptions {
  key?: string;
  keyPassphraseFile?: string;
  keyPassphraseEnv?: string;
  type?: KeyType;
  outKey?: string;
  out: string;
  hash?: SignatureHash;
}

/**
 * What every CSR command signs with and writes: an existing key (`--key` and its passphrase) or a
 * new one of a type (with the new key options), the key and CSR files, the signature hash.
 */
export function addCsrKeyOptions(command: Command, describe: { key: string; type: string }): Command {
  return addNewKeyOptions(
    command
      .option('--key <file>', describe.key)
      .option('--key-passphrase-file <file>', 'passphrase of --key, from the first line of this file')
      .option('--key-passphrase-env <var>', 'passphrase of --key, from this environment variable')
      .addOption(keyTypeOption('--type <type>', describe.type))
      .option('--out-key <file>', 'where to write the new key')
      .requiredOption('--out <file>', 'where to write the CSR')
      .addOption(new Option('--hash <hash>', 'signature hash (default: the key type’s)').choices(SIGNATURE_HASHES)),
  );
}

/** Encrypted unless `--no-encrypt`; the passphrase from a file, a variable or a prompt, never argv. */
export async function newKeyProtection(io: CliIo, opts: NewKeyOptions): Promise<KeyProtection> {
  if (!opts.encrypt) {
    if (opts.passphraseFile || opts.passphraseEnv) throw new CertbenchError('invalid-request', '--no-encrypt cannot be combined with a passphrase');
    printWarning(io, 'the private key is written UNENCRYPTED; protect the file');
    return { encrypt: false };
  }
  const passphrase = await readSecret(io, { file: opts.passphraseFile, envVar: opts.passphraseEnv }, 'New key passphrase');
  if (passphrase === undefined) {
    throw new CertbenchError('password-required', 'Give --passphrase-file F or --passphrase-env VAR for the new key, or --no-encrypt');
  }
  if (passphrase.length < MIN_PASSPHRASE_CHARS) {
    throw new CertbenchError('invalid-request', `The key passphrase must be at least ${MIN_PASSPHRASE_CHARS} characters`);
  }
  return { encrypt: true, passphrase };
}

/** `certbench key new --type T --out F [--passphrase-file F | --passphrase-env VAR | --no-encrypt]`. */
export function registerKeyCommands(key: Command, ctx: CliContext): void {
  addNewKeyOptions(
    key
      .command('new')
      .description('Generate a private key (encrypted PKCS#8, mode 0600)')
      .addOption(keyTypeOption('--type <type>', 'key type').default('ec-p256'))
      .requiredOption('--out <file>', 'where to write the key')
      .option('--overwrite', 'replace an existing file')
      .option('--json', 'print JSON'),
  ).action(async (opts: NewKeyOptions & { type: KeyType; out: string; overwrite?: boolean; json?: boolean }) => {
    ctx.exit(
      await runAction(ctx, async () => {
        // Before generating: an RSA key takes seconds, and the answer would be thrown away.
        await assertWritable([opts.out], { overwrite: opts.overwrite ?? false });
        const protection = await newKeyProtection(ctx.io, opts);
        const { keys } = await ctx.services('keys');
        const made = await keys.generate(opts.type, protection, cliProgress(ctx.io));
        await keys.exportKey(made.info.id, opts.out, protection, opts.overwrite);
        if (opts.json) printJson(ctx.io, { path: opts.out, encrypted: protection.encrypt, key: made.info });
        else {
          printLines(ctx.io, [
            `Wrote ${made.info.key.label} key to ${opts.out} (${protection.encrypt ? 'encrypted' : 'NOT encrypted'}, mode 0600)`,
            `Public key SHA-256 ${made.info.spkiSha256}`,
          ]);
        }
        return EXIT.ok;
      }),
    );
  });
}

/** Opens an existing key file, asking for its passphrase only when the file turns out to be encrypted. */
export async function openExistingKey(
  io: CliIo,
  services: Pick<Services, 'keys'>,
  opts: { file: string; passphraseFile?: string; passphraseEnv?: string },
): Promise<SessionKey> {
  const given = opts.passphraseFile || opts.passphraseEnv ? await readSecret(io, { file: opts.passphraseFile, envVar: opts.passphraseEnv }, 'Key passphrase') : undefined;
  try {
    return await services.keys.openFile(opts.file, given);
  } catch (err) {
    if (given !== undefined || !(err instanceof CertbenchError) || err.code !== 'password-required') throw err;
    const prompted = await readSecret(io, {}, `Passphrase of ${opts.file}`);
    if (prompted === undefined) throw new CertbenchError('password-required', `${opts.file} is encrypted: give its passphrase with a --…-passphrase-file or --…-passphrase-env option`);
    return services.keys.openFile(opts.file, prompted);
  }
}

/** `--key F` or `--type T --out-key F`, shared by the commands that sign something. */
export interface KeySourceOptions extends NewKeyOptions {
  key?: string;
  keyPassphraseFile?: string;
  keyPassphraseEnv?: string;
  type?: KeyType;
  outKey?: string;
}

export function addKeySourceOptions(command: Command): Command {
  return addNewKeyOptions(
    command
      .option('--key <file>', 'use this existing private key')
      .option('--key-passphrase-file <file>', 'passphrase of --key, from the first line of this file')
      .option('--key-passphrase-env <var>', 'passphrase of --key, from this environment variable')
      .addOption(keyTypeOption('--type <type>', 'generate a new key of this type'))
      .option('--out-key <file>', 'where to write the new key'),
  );
}

/** Opens `--key` or generates `--type` (then written to `--out-key` by the caller via `exportKey`). */
export async function acquireKey(io: CliIo, services: Pick<Services, 'keys'>, opts: KeySourceOptions): Promise<{ key: SessionKey; protection?: KeyProtection }> {
  if (Boolean(opts.key) === Boolean(opts.type)) throw new CertbenchError('invalid-request', 'Give either --key FILE or --type TYPE --out-key FILE');
  if (opts.key) return { key: await openExistingKey(io, services, { file: opts.key, passphraseFile: opts.keyPassphraseFile, passphraseEnv: opts.keyPassphraseEnv }) };
  if (!opts.outKey) throw new CertbenchError('invalid-request', '--type needs --out-key FILE for the new key');
  const protection = await newKeyProtection(io, opts);
  return { key: await services.keys.generate(opts.type!, protection, cliProgress(io)), protection };
}
