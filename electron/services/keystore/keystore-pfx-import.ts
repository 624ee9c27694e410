import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { CertbenchError } from '../../../shared/errors.js';
import type { KeystoreEditResult } from '../../../shared/model/keystore.js';
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
import { readKeystore, type NativeKeystore } from './keystore-reader.js';
import { editKeystore } from './keystore-transaction.js';
import { PASSWORD_VARS } from './keytool-runner.js';

export interface PfxImportOptions {
  readonly pfxPassword: string;
  /** The PFX key entry to take; needed only when the PFX holds several. */
  readonly sourceAlias?: string;
  /** Alias in the store; defaults to the PFX's own. */
  readonly alias?: string;
  readonly replace?: boolean;
}

/**
 * Imports one key pair (key + chain) from a PFX with `keytool -importkeystore -srcalias`. In a
 * JKS store the key gets the store password (`-destkeypass`), so it opens like every other entry.
 */
export async function importKeyPair(ctx: KeystoreEditContext, ref: StoreRef, pfx: Uint8Array, options: PfxImportOptions): Promise<KeystoreEditResult> {
  const password = requirePassword(ref);
  const source = await readKeystore(pfx, options.pfxPassword);
  if (source.type !== 'PKCS12') throw new CertbenchError('unrecognized-format', 'The key pair file is not a PKCS#12 (.pfx/.p12)');
  const keys = source.entries.filter((e) => e.entryType === 'privateKey');
  const wanted = options.sourceAlias === undefined ? undefined : normalizeAlias(options.sourceAlias);
  const key = wanted === undefined ? (keys.length === 1 ? keys[0] : undefined) : keys.find((k) => k.alias === wanted);
  if (!key) {
    const names = keys.map((k) => `"${k.alias}"`).join(', ') || 'none';
    throw new CertbenchError(keys.length === 0 || wanted ? 'not-found' : 'invalid-request', `Choose the PFX key entry to import (key entries: ${names})`);
  }
  const alias = options.alias === undefined ? key.alias : normalizeAlias(options.alias);
  let before: NativeKeystore | undefined;
  let replacing = false;
  const outcome = await editKeystore(ref.path, ctx.writer, {
    operation: `import key pair ${alias}`,
    precheck: async (original) => {
      before = await openVerified(original, password);
      replacing = before.entries.some((e) => e.alias === alias);
      if (replacing && !options.replace) throw new CertbenchError('conflict', `Alias "${alias}" already exists in ${ref.path}; choose another alias or replace it`);
    },
    edit: (temp) =>
      withScratchDir(async (dir) => {
        const pfxPath = join(dir, 'import.p12');
        await writeFile(pfxPath, pfx, { mode: 0o600 });
        const passwords = { [PASSWORD_VARS.store]: password, [PASSWORD_VARS.src]: options.pfxPassword };
        const dest = ['-destkeystore', temp, '-deststoretype', before!.type, '-deststorepass:env', PASSWORD_VARS.store];
        if (replacing) await ctx.keytool.run(['-delete', '-alias', alias, '-keystore', temp, '-storetype', before!.type, '-storepass:env', PASSWORD_VARS.store], passwords);
        await ctx.keytool.run(
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
            key.alias,
            '-destalias',
            alias,
            ...dest,
            ...(before!.type === 'PKCS12' ? [] : ['-destkeypass:env', PASSWORD_VARS.store]),
          ],
          passwords,
        );
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
