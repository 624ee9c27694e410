import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { CertbenchError } from '../../../shared/errors.js';
import type { KeystoreEditResult } from '../../../shared/model/keystore.js';
import { summarizeCertificate } from '../../../shared/pki/certificate-summary.js';
import { normalizeAlias } from './keystore-alias.js';
import {
  confirm,
  editResult,
  openVerified,
  othersUnchanged,
  requirePassword,
  withScratchDir,
  type KeystoreEditContext,
  type StoreRef,
} from './keystore-edit-context.js';
import { nodeHashHex } from '../inspect/native-hash.js';
import { readKeystore, type NativeKeystore, type NativeKeystoreEntry } from './keystore-reader.js';
import type { ImportPlan } from './keystore-import.js';
import { PLAN_PLACEHOLDERS } from './plan-placeholders.js';
import { editKeystore } from './keystore-transaction.js';
import { PASSWORD_VARS } from './keytool-runner.js';

export interface PfxImportOptions {
  readonly pfxPassword: string;
  /** The PFX key entry to take; needed only when the PFX holds several. */
  readonly sourceAlias?: string;
  /** Alias in the store; defaults to the PFX's own. */
  readonly alias?: string;
  readonly replace?: boolean;
  /** As for certificate imports: the SHA-256 of the store the approved plan was made on. */
  readonly plannedStoreSha256?: string;
}

/** The PFX key entry an import takes (the only one, or `sourceAlias`) and the alias it gets in the store. */
export function choosePfxKey(source: NativeKeystore, options: PfxImportOptions): { key: NativeKeystoreEntry; alias: string } {
  if (source.type !== 'PKCS12') throw new CertbenchError('unrecognized-format', 'The key pair file is not a PKCS#12 (.pfx/.p12)');
  const keys = source.entries.filter((e) => e.entryType === 'privateKey');
  const wanted = options.sourceAlias === undefined ? undefined : normalizeAlias(options.sourceAlias);
  const key = wanted === undefined ? (keys.length === 1 ? keys[0] : undefined) : keys.find((k) => k.alias === wanted);
  if (!key) {
    const names = keys.map((k) => `"${k.alias}"`).join(', ') || 'none';
    throw new CertbenchError(keys.length === 0 || wanted ? 'not-found' : 'invalid-request', `Choose the PFX key entry to import (key entries: ${names})`);
  }
  return { key, alias: options.alias === undefined ? key.alias : normalizeAlias(options.alias) };
}

/** keytool's argv for a key pair import into the store copy at `keystore`: delete what it replaces, then -importkeystore. */
export function keyPairArgv(pick: { key: NativeKeystoreEntry; alias: string }, replacing: boolean, keystore: string, pfxPath: string, store: NativeKeystore): string[][] {
  const dest = ['-destkeystore', keystore, '-deststoretype', store.type, '-deststorepass:env', PASSWORD_VARS.store];
  return [
    ...(replacing ? [['-delete', '-alias', pick.alias, '-keystore', keystore, '-storetype', store.type, '-storepass:env', PASSWORD_VARS.store]] : []),
    [
      '-importkeystore',
      '-noprompt',
      '-srckeystore',
      pfxPath,
      '-srcstoretype',
      'PKCS12',
      '-srcstorepass:env',
      PASSWORD_VARS.src,
      '-srcalias',
      pick.key.alias,
      '-destalias',
      pick.alias,
      ...dest,
      ...(store.type === 'PKCS12' ? [] : ['-destkeypass:env', PASSWORD_VARS.store]),
    ],
  ];
}

export const keyPairOperation = (alias: string): string => `import key pair ${alias}`;
export const PFX_SCRATCH_NAME = 'import.p12';

/**
 * Imports one key pair (key + chain) from a PFX with `keytool -importkeystore -srcalias`. In a
 * JKS store the key gets the store password (`-destkeypass`), so it opens like every other entry.
 */
export async function importKeyPair(ctx: KeystoreEditContext, ref: StoreRef, pfx: Uint8Array, options: PfxImportOptions): Promise<KeystoreEditResult> {
  const password = requirePassword(ref);
  const source = await readKeystore(pfx, options.pfxPassword);
  const pick = choosePfxKey(source, options);
  const { key, alias } = pick;
  let before: NativeKeystore | undefined;
  let replacing = false;
  const outcome = await editKeystore(ref.path, ctx.writer, {
    operation: keyPairOperation(alias),
    precheck: async (original) => {
      if (options.plannedStoreSha256 !== undefined && nodeHashHex('sha256', original) !== options.plannedStoreSha256) {
        throw new CertbenchError('conflict', `${ref.path} changed since the plan was shown; nothing was written, plan again`);
      }
      before = await openVerified(original, password);
      replacing = before.entries.some((e) => e.alias === alias);
      if (replacing && !options.replace) throw new CertbenchError('conflict', `Alias "${alias}" already exists in ${ref.path}; choose another alias or replace it`);
    },
    edit: (temp) =>
      withScratchDir(async (dir) => {
        const pfxPath = join(dir, PFX_SCRATCH_NAME);
        await writeFile(pfxPath, pfx, { mode: 0o600 });
        const passwords = { [PASSWORD_VARS.store]: password, [PASSWORD_VARS.src]: options.pfxPassword };
        for (const argv of keyPairArgv(pick, replacing, temp, pfxPath, before!)) await ctx.keytool.run(argv, passwords);
      }),
    verify: async (temp) => {
      const after = await readKeystore(temp, password);
      const entry = after.entries.find((e) => e.alias === alias);
      confirm(entry?.entryType === 'privateKey' && entry.certificates[0]?.sha256 === key.certificates[0]?.sha256, `key entry "${alias}" missing`);
      confirm(othersUnchanged(before!, after, new Set([alias])), 'other entries changed');
      return after;
    },
  });
  return editResult(outcome, [`${replacing ? 'Replaced' : 'Added'} key pair "${alias}" (chain of ${key.certificates.length})`], ctx.now());
}

/** The plan of a key pair import, in the same shape as a certificate import's: what the alias holds now, what replaces it, the backup, keytool's argv. */
export function describeKeyPairImport(
  where: { path: string; original: Uint8Array; keytool: string; backupsDir: string },
  store: NativeKeystore,
  source: NativeKeystore,
  options: PfxImportOptions,
  now: Date,
): ImportPlan {
  const pick = choosePfxKey(source, options);
  const current = store.entries.find((e) => e.alias === pick.alias);
  const replaces = current?.certificates[0];
  return {
    path: where.path,
    storeSha256: nodeHashHex('sha256', where.original),
    keytool: where.keytool,
    items: [
      {
        alias: pick.alias,
        certificate: summarizeCertificate(pick.key.certificates[0]!.der, now),
        aliasTaken: current !== undefined,
        ...(replaces === undefined ? {} : { replaces: summarizeCertificate(replaces.der, now) }),
        keytool: keyPairArgv(pick, current !== undefined, PLAN_PLACEHOLDERS.storeCopy, `${PLAN_PLACEHOLDERS.scratch}/${PFX_SCRATCH_NAME}`, store),
      },
    ],
    backup: { directory: where.backupsDir, operation: keyPairOperation(pick.alias) },
  };
}
