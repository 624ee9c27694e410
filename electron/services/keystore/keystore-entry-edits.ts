import { CertbenchError } from '../../../shared/errors.js';
import type { KeystoreEditResult } from '../../../shared/model/keystore.js';
import { normalizeAlias } from './keystore-alias.js';
import { confirm, editResult, openVerified, othersUnchanged, requirePassword, storeArgs, type KeystoreEditContext, type StoreRef } from './keystore-edit-context.js';
import { readKeystore, type NativeKeystore } from './keystore-reader.js';
import { editKeystore } from './keystore-transaction.js';
import { PASSWORD_VARS } from './keytool-runner.js';

const MIN_PASSWORD_CHARS = 6;

function requireEntry(store: NativeKeystore, alias: string, path: string): void {
  if (!store.entries.some((e) => e.alias === alias)) throw new CertbenchError('not-found', `Alias "${alias}" does not exist in ${path}`);
}

/** `keytool -delete -alias A`, confirmed by the alias being gone and everything else unchanged. */
export async function deleteEntry(ctx: KeystoreEditContext, ref: StoreRef, rawAlias: string): Promise<KeystoreEditResult> {
  const password = requirePassword(ref);
  const alias = normalizeAlias(rawAlias);
  let before: NativeKeystore | undefined;
  const outcome = await editKeystore(ref.path, ctx.writer, {
    operation: `delete ${alias}`,
    precheck: async (original) => {
      before = await openVerified(original, password);
      requireEntry(before, alias, ref.path);
    },
    edit: async (temp) => {
      await ctx.keytool.run(['-delete', '-alias', alias, ...storeArgs(temp, before!)], { [PASSWORD_VARS.store]: password });
    },
    verify: async (temp) => {
      const after = await readKeystore(temp, password);
      confirm(!after.entries.some((e) => e.alias === alias), `"${alias}" is still there`);
      confirm(othersUnchanged(before!, after, new Set([alias])), 'other entries changed');
      return after;
    },
  });
  return editResult(outcome, [`Deleted "${alias}"`], ctx.now());
}

/** `keytool -changealias`; the entry keeps its certificates under the new alias. */
export async function renameEntry(ctx: KeystoreEditContext, ref: StoreRef, rawAlias: string, rawNewAlias: string): Promise<KeystoreEditResult> {
  const password = requirePassword(ref);
  const alias = normalizeAlias(rawAlias);
  const newAlias = normalizeAlias(rawNewAlias);
  let before: NativeKeystore | undefined;
  const outcome = await editKeystore(ref.path, ctx.writer, {
    operation: `rename ${alias} to ${newAlias}`,
    precheck: async (original) => {
      before = await openVerified(original, password);
      requireEntry(before, alias, ref.path);
      if (before.entries.some((e) => e.alias === newAlias)) throw new CertbenchError('conflict', `Alias "${newAlias}" already exists in ${ref.path}`);
    },
    edit: async (temp) => {
      await ctx.keytool.run(['-changealias', '-alias', alias, '-destalias', newAlias, ...storeArgs(temp, before!)], { [PASSWORD_VARS.store]: password });
    },
    verify: async (temp) => {
      const after = await readKeystore(temp, password);
      const old = before!.entries.find((e) => e.alias === alias)!;
      const moved = after.entries.find((e) => e.alias === newAlias);
      confirm(!after.entries.some((e) => e.alias === alias), `"${alias}" is still there`);
      confirm(moved?.certificates.map((c) => c.sha256).join() === old.certificates.map((c) => c.sha256).join(), `"${newAlias}" does not hold the entry`);
      confirm(othersUnchanged(before!, after, new Set([alias, newAlias])), 'other entries changed');
      return after;
    },
  });
  return editResult(outcome, [`Renamed "${alias}" to "${newAlias}"`], ctx.now());
}

/** `keytool -storepasswd -new:env`; confirmed by the store opening with the new password and not the old. */
export async function changePassword(ctx: KeystoreEditContext, ref: StoreRef, newPassword: string): Promise<KeystoreEditResult> {
  const password = requirePassword(ref);
  if (newPassword.length < MIN_PASSWORD_CHARS) {
    throw new CertbenchError('invalid-request', `The new password must be at least ${MIN_PASSWORD_CHARS} characters (keytool's rule)`);
  }
  let before: NativeKeystore | undefined;
  const outcome = await editKeystore(ref.path, ctx.writer, {
    operation: 'change store password',
    precheck: async (original) => {
      before = await openVerified(original, password);
      if (before.integrity === 'no-mac') {
        throw new CertbenchError('unsupported', `${ref.path} is a password-less PKCS#12 (no MAC): it has no store password to change`);
      }
    },
    edit: async (temp) => {
      await ctx.keytool.run(['-storepasswd', '-new:env', PASSWORD_VARS.newStore, ...storeArgs(temp, before!)], {
        [PASSWORD_VARS.store]: password,
        [PASSWORD_VARS.newStore]: newPassword,
      });
    },
    verify: async (temp) => {
      const after = await readKeystore(temp, newPassword);
      confirm(after.integrity === 'verified', 'the new password does not verify');
      confirm(othersUnchanged(before!, after, new Set()), 'entries changed');
      return after;
    },
  });
  return editResult(outcome, ['Store password changed'], ctx.now());
}
