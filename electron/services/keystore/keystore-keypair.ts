import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { CertbenchError } from '../../../shared/errors.js';
import type { KeystoreEditResult, KeystoreType } from '../../../shared/model/keystore.js';
import { bytesEqual } from '../../../shared/pki/bytes.js';
import { Pkcs10CertificateRequest, X509Certificate } from '../../../shared/pki/x509.js';
import { keytoolKeyPairArgs, type KeytoolKeyPair } from '../csr/keytool-csr.js';
import { fsError } from '../files/read-input.js';
import { assertWritable, installFile, PrivateTemp, settleFile } from '../files/safe-write.js';
import { nodeHashHex } from '../inspect/native-hash.js';
import { normalizeAlias } from './keystore-alias.js';
import { describeKeystore } from './keystore-describe.js';
import { confirm, editResult, openVerified, othersUnchanged, requirePassword, withScratchDir, type KeystoreEditContext, type StoreRef } from './keystore-edit-context.js';
import { PLAN_PLACEHOLDERS } from './plan-placeholders.js';
import { readKeystore, type NativeKeystore } from './keystore-reader.js';
import { editKeystore } from './keystore-transaction.js';
import { PASSWORD_VARS } from './keytool-runner.js';

/** keytool refuses shorter store passwords when it creates a store. */
const MIN_PASSWORD_CHARS = 6;
/** A store created for a key pair holds a private key: owner-only. */
const NEW_STORE_MODE = 0o600;
const NEW_STORE_TYPE = 'PKCS12';
const CSR_FILE = 'request.csr';

export interface KeyPairOptions extends KeytoolKeyPair {
  /**
   * The store the user's approved plan was made on: its SHA-256, or `null` when the plan creates it.
   * A store that changed (or appeared, or went) since is a `conflict`, not a different edit.
   */
  readonly plannedStoreSha256?: string | null;
}

/** Everything making a key pair will do, shown before it runs. */
export interface KeyPairPlan {
  readonly path: string;
  /** The store as planned, or `null`: no file there yet, keytool creates a PKCS12 store (mode 0600). */
  readonly storeSha256: string | null;
  readonly storeType: KeystoreType;
  readonly alias: string;
  readonly keytool: string;
  /** keytool's argv, on the store copy and scratch file named by PLAN_PLACEHOLDERS. */
  readonly argv: readonly string[][];
  /** Where the store is copied before the edit; `null` for a new store (nothing to lose). */
  readonly backup: { readonly directory: string; readonly operation: string } | null;
}

export interface MadeKeyPair {
  readonly result: KeystoreEditResult;
  /** The CSR keytool signed with the new key, checked against the entry's public key. */
  readonly csrPem: string;
}

const operationOf = (alias: string) => `new key pair ${alias}`;

function argvOf(options: KeytoolKeyPair, keystore: string, type: KeystoreType, csrFile: string): string[][] {
  const { genkeypair, certreq } = keytoolKeyPairArgs(options, ['-keystore', keystore, '-storetype', type, '-storepass:env', PASSWORD_VARS.store], csrFile);
  return [genkeypair, certreq];
}

function refuseTaken(store: NativeKeystore, alias: string, path: string): void {
  if (store.entries.some((e) => e.alias === alias)) throw new CertbenchError('conflict', `Alias "${alias}" already exists in ${path}; choose another alias`);
}

/** The store's bytes, or undefined when no file is there (the key pair then makes a new store). */
async function readIfPresent(path: string): Promise<Uint8Array | undefined> {
  try {
    return new Uint8Array(await readFile(path));
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw fsError(err, path);
  }
}

/** The plan of `keytool -genkeypair` + `-certreq`, made on the store as it is now (its password checked natively). */
export async function describeKeyPair(
  where: { path: string; keytool: string; backupsDir: string },
  ref: StoreRef,
  requested: KeytoolKeyPair,
): Promise<KeyPairPlan> {
  const password = requirePassword(ref);
  const options = { ...requested, alias: normalizeAlias(requested.alias) };
  const original = await readIfPresent(ref.path);
  let type: KeystoreType = NEW_STORE_TYPE;
  if (original === undefined) {
    requireNewStorePassword(password);
    await assertWritable([ref.path]);
  } else {
    const store = await openVerified(original, password);
    refuseTaken(store, options.alias, ref.path);
    type = store.type;
  }
  return {
    path: where.path,
    storeSha256: original === undefined ? null : nodeHashHex('sha256', original),
    storeType: type,
    alias: options.alias,
    keytool: where.keytool,
    argv: argvOf(options, PLAN_PLACEHOLDERS.storeCopy, type, `${PLAN_PLACEHOLDERS.scratch}/${CSR_FILE}`),
    backup: original === undefined ? null : { directory: where.backupsDir, operation: operationOf(options.alias) },
  };
}

function requireNewStorePassword(password: string): void {
  if (password.length < MIN_PASSWORD_CHARS) {
    throw new CertbenchError('invalid-request', `A new keystore's password must be at least ${MIN_PASSWORD_CHARS} characters (keytool's rule)`);
  }
}

/**
 * `keytool -genkeypair` then `-certreq` on a private copy of the store, through the same backed-up
 * transaction as every other edit: the store is swapped only once the copy holds the new key entry,
 * every other entry is unchanged and the CSR verifies and carries that entry's public key. A
 * failure of either keytool run leaves the store byte-identical. Without a store at the path, the
 * key pair makes a new PKCS12 store (owner-only), which appears only complete.
 */
export async function generateKeyPair(ctx: KeystoreEditContext, ref: StoreRef, requested: KeyPairOptions): Promise<MadeKeyPair> {
  const password = requirePassword(ref);
  const options = { ...requested, alias: normalizeAlias(requested.alias) };
  let csrPem = '';
  const makeOn = (keystore: string, type: KeystoreType) =>
    withScratchDir(async (dir) => {
      const csrFile = join(dir, CSR_FILE);
      for (const argv of argvOf(options, keystore, type, csrFile)) await ctx.keytool.run(argv, { [PASSWORD_VARS.store]: password });
      csrPem = new TextDecoder().decode(await readFile(csrFile));
    });
  const verifyOn = async (keystore: string, before: NativeKeystore | undefined) => {
    const after = await readKeystore(keystore, password);
    const entry = after.entries.find((e) => e.alias === options.alias);
    confirm(entry?.entryType === 'privateKey' && entry.certificates.length > 0, `no key entry "${options.alias}"`);
    if (before) confirm(othersUnchanged(before, after, new Set([options.alias])), 'other entries changed');
    await confirmCsr(csrPem, entry!.certificates[0]!.der);
    return after;
  };

  const original = await readIfPresent(ref.path);
  if (original === undefined) {
    if (typeof options.plannedStoreSha256 === 'string') throw new CertbenchError('conflict', `${ref.path} is gone since the plan was shown; nothing was written, plan again`);
    return { result: await createStore(ctx, ref.path, password, options.alias, makeOn, verifyOn), csrPem };
  }
  if (options.plannedStoreSha256 === null) throw new CertbenchError('conflict', `${ref.path} appeared since the plan was shown; nothing was written, plan again`);
  let before: NativeKeystore | undefined;
  const outcome = await editKeystore(ref.path, ctx.writer, {
    operation: operationOf(options.alias),
    precheck: async (bytes) => {
      if (options.plannedStoreSha256 !== undefined && nodeHashHex('sha256', bytes) !== options.plannedStoreSha256) {
        throw new CertbenchError('conflict', `${ref.path} changed since the plan was shown; nothing was written, plan again`);
      }
      before = await openVerified(bytes, password);
      refuseTaken(before, options.alias, ref.path);
    },
    edit: (temp) => makeOn(temp, before!.type),
    verify: (temp) => verifyOn(temp, before),
  });
  return { result: editResult(outcome, [`Made key pair "${options.alias}"`], ctx.now()), csrPem };
}

async function createStore(
  ctx: KeystoreEditContext,
  path: string,
  password: string,
  alias: string,
  makeOn: (keystore: string, type: KeystoreType) => Promise<void>,
  verifyOn: (keystore: string, before: undefined) => Promise<NativeKeystore>,
): Promise<KeystoreEditResult> {
  requireNewStorePassword(password);
  const destination = resolve(path);
  await assertWritable([destination]);
  // keytool writes wherever -keystore points: give it a file in a private folder beside the destination.
  const temp = await PrivateTemp.beside(destination);
  try {
    const copy = temp.file('keystore');
    await makeOn(copy, NEW_STORE_TYPE);
    const after = await verifyOn(copy, undefined);
    await settleFile(copy, NEW_STORE_MODE);
    await installFile(copy, destination, false);
    return { path: destination, messages: [`Made a new ${NEW_STORE_TYPE} keystore holding key pair "${alias}"`], listing: describeKeystore(destination, after, ctx.now()) };
  } catch (err) {
    throw err instanceof CertbenchError ? err : fsError(err, destination);
  } finally {
    await temp.remove();
  }
}

/** The request keytool wrote must verify under, and carry, the public key of the entry it made. */
async function confirmCsr(pem: string, entryCertificate: Uint8Array): Promise<void> {
  let csr: Pkcs10CertificateRequest;
  try {
    csr = new Pkcs10CertificateRequest(pem);
  } catch {
    return confirm(false, 'keytool wrote no readable CSR');
  }
  confirm(await csr.verify(), 'the CSR signature does not verify');
  const entryKey = new Uint8Array(new X509Certificate(entryCertificate).publicKey.rawData);
  confirm(bytesEqual(new Uint8Array(csr.publicKey.rawData), entryKey), 'the CSR does not carry the new entry\'s public key');
}
