import { readFile, realpath, rm, stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { CertbenchError } from '../../../shared/errors.js';
import type { KeystoreEditResult } from '../../../shared/model/keystore.js';
import { fsError } from '../files/read-input.js';
import { assertWritable, installFile, PrivateTemp, settleFile } from '../files/safe-write.js';
import { confirm, editResult, openVerified, requirePassword, type KeystoreEditContext, type StoreRef } from './keystore-edit-context.js';
import { describeKeystore } from './keystore-describe.js';
import { readKeystore, type NativeKeystore } from './keystore-reader.js';
import { editKeystore } from './keystore-transaction.js';
import { PASSWORD_VARS } from './keytool-runner.js';

export type ConvertTarget = 'JKS' | 'PKCS12';

export interface ConvertOptions {
  readonly type: ConvertTarget;
  /** Where to write; the source path itself converts in place (backed up first). */
  readonly destination: string;
  /** Password of the new store; the source's by default. */
  readonly destinationPassword?: string;
}

/**
 * JKS ↔ PKCS12 with `keytool -importkeystore`, confirmed by the new store holding every entry of
 * the old one (alias, type, certificates). A new file appears only complete (hard link of the
 * verified temp file, which also refuses to overwrite an existing file), with the source's mode —
 * owner-only when it holds keys.
 */
export async function convertKeystore(ctx: KeystoreEditContext, ref: StoreRef, options: ConvertOptions): Promise<KeystoreEditResult> {
  const password = requirePassword(ref);
  const destPassword = options.destinationPassword ?? password;
  const source = await realpath(ref.path).catch((err: unknown) => Promise.reject(fsError(err, ref.path)));
  const destination = resolve(options.destination);
  const inPlace = (await realpath(destination).catch(() => destination)) === source;
  const run = async (from: string, before: NativeKeystore, to: string) => {
    await ctx.keytool.run(
      [
        '-importkeystore',
        '-noprompt',
        '-srckeystore',
        from,
        '-srcstoretype',
        before.type,
        '-srcstorepass:env',
        PASSWORD_VARS.src,
        '-destkeystore',
        to,
        '-deststoretype',
        options.type,
        '-deststorepass:env',
        PASSWORD_VARS.dest,
      ],
      { [PASSWORD_VARS.src]: password, [PASSWORD_VARS.dest]: destPassword },
    );
    const after = await readKeystore(to, destPassword);
    confirm(after.type === options.type, `the new store is ${after.type}`);
    const print = (s: NativeKeystore) => s.entries.map((e) => `${e.alias}|${e.entryType}|${e.certificates.map((c) => c.sha256).join(',')}`).join('\n');
    confirm(print(after) === print(before), 'not every entry was carried over');
    return after;
  };
  if (inPlace) {
    let before: NativeKeystore | undefined;
    const outcome = await editKeystore(source, ctx.writer, {
      operation: `convert to ${options.type}`,
      precheck: async (original) => {
        before = await openVerified(original, password);
      },
      edit: async (temp) => {
        await rm(temp);
        await run(source, before!, temp);
      },
      verify: (temp) => readKeystore(temp, destPassword),
    });
    return editResult(outcome, [`Converted ${before!.type} to ${options.type} in place`], ctx.now());
  }
  const before = await openVerified(new Uint8Array(await readFile(source)), password);
  await assertWritable([destination], { inputs: [source] });
  // keytool writes wherever -destkeystore points: give it a file in a private folder beside the destination.
  const temp = await PrivateTemp.beside(destination);
  try {
    const copy = temp.file('keystore');
    const after = await run(source, before, copy);
    await settleFile(copy, await outputMode(source, after));
    await installFile(copy, destination, false);
    return { path: destination, messages: [`Wrote ${options.type} copy of ${source} to ${destination}`], listing: describeKeystore(destination, after, ctx.now()) };
  } catch (err) {
    throw err instanceof CertbenchError ? err : fsError(err, destination);
  } finally {
    await temp.remove();
  }
}

/** The source's mode, owner-only when the store holds private or secret keys. */
async function outputMode(source: string, store: NativeKeystore): Promise<number> {
  const mode = (await stat(source)).mode & 0o777;
  return store.entries.some((e) => e.entryType !== 'trustedCert') ? mode & 0o700 : mode;
}
