import { Option, type Command } from 'commander';
import { CertbenchError } from '../../../shared/errors.js';
import { KEY_TYPES, MIN_PASSPHRASE_CHARS, type KeyProtection, type KeyType } from '../../../shared/model/keys.js';
import type { CliContext } from '../cli-context.js';
import { printJson, type CliIo } from '../cli-io.js';
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

/** Encrypted unless `--no-encrypt`; the passphrase from a file, a variable or a prompt, never argv. */
export async function newKeyProtection(io: CliIo, opts: NewKeyOptions): Promise<KeyProtection> {
  if (!opts.encrypt) {
    if (opts.passphraseFile || opts.passphraseEnv) throw new CertbenchError('invalid-request', '--no-encrypt cannot be combined with a passphrase');
    io.err('certbench: warning: the private key is written UNENCRYPTED; protect the file\n');
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
export function registerKeyCommand(program: Command, ctx: CliContext): void {
  const key = program.command('key').description('Generate private keys');
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
      await runAction(ctx.io, async () => {
        const protection = await newKeyProtection(ctx.io, opts);
        const { keys } = await ctx.services();
        const made = await keys.generate(opts.type, protection, cliProgress(ctx.io));
        await keys.exportKey(made.info.id, opts.out, protection, opts.overwrite);
        if (opts.json) printJson(ctx.io, { path: opts.out, encrypted: protection.encrypt, key: made.info });
        else {
          ctx.io.out(`Wrote ${made.info.key.label} key to ${opts.out} (${protection.encrypt ? 'encrypted' : 'NOT encrypted'}, mode 0600)\n`);
          ctx.io.out(`Public key SHA-256 ${made.info.spkiSha256}\n`);
        }
        return EXIT.ok;
      }),
    );
  });
}
