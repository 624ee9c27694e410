import { CertbenchError } from '../../../shared/errors.js';
import type { KeystoreEditResult } from '../../../shared/model/keystore.js';
import { scanCertificate } from '../../../shared/pki/cert-scan.js';
import { certificateDers } from '../../../shared/pki/certificate-input.js';
import { toPem } from '../../../shared/pki/pem.js';
import { nodeHashHex } from '../inspect/native-hash.js';
import { freeAlias, normalizeAlias, suggestAlias } from './keystore-alias.js';
import {
  confirm,
  editResult,
  openVerified,
  othersUnchanged,
  requirePassword,
  storeArgs,
  withScratchDir,
  writeScratch,
  type KeystoreEditContext,
  type StoreRef,
} from './keystore-edit-context.js';
import { readKeystore, type NativeKeystore } from './keystore-reader.js';
import { editKeystore } from './keystore-transaction.js';
import { PASSWORD_VARS } from './keytool-runner.js';

export interface ImportOptions {
  /** Alias for a single certificate, or the base for a bundle (`base`, `base-2`, …); suggested from the subject when absent. */
  readonly alias?: string;
  /** Replace an existing entry under the same alias instead of failing with `conflict`. */
  readonly replace?: boolean;
}

/** One certificate of an import, planned against the store's current entries. */
export interface PlannedImport {
  readonly der: Uint8Array;
  readonly sha256: string;
  readonly alias: string;
  /** The alias already holding this exact certificate, if any. */
  readonly presentAs?: string;
  /** The alias is taken by another entry (replace needed). */
  readonly aliasTaken: boolean;
}

/** Plans an import: every certificate of a PEM/DER/PKCS#7 bundle, its alias, and what it collides with. */
export function planImport(store: NativeKeystore, bytes: Uint8Array, options: ImportOptions): PlannedImport[] {
  const ders = certificateDers(bytes);
  for (const der of ders) scanCertificate(der);
  const taken = new Set(store.entries.map((e) => e.alias));
  const bySha = new Map<string, string>();
  for (const entry of store.entries) for (const cert of entry.certificates.slice(0, 1)) if (!bySha.has(cert.sha256)) bySha.set(cert.sha256, entry.alias);
  const chosen = new Set<string>();
  return ders.map((der, i) => {
    const sha256 = nodeHashHex('sha256', der);
    const given = options.alias === undefined ? undefined : normalizeAlias(options.alias);
    const alias = given !== undefined ? (i === 0 ? given : freeAlias(`${given}-${i + 1}`, chosen)) : freeAlias(suggestAlias(der), new Set([...taken, ...chosen]));
    chosen.add(alias);
    const presentAs = bySha.get(sha256);
    return { der, sha256, alias, ...(presentAs === undefined ? {} : { presentAs }), aliasTaken: taken.has(alias) };
  });
}

/**
 * Imports every certificate (keytool alone takes only the first of a bundle) with
 * `-importcert -noprompt -trustcacerts`. A certificate already present is skipped and named; an
 * alias held by another entry is a `conflict` unless `replace` is set, which deletes it first.
 */
export async function importCertificates(ctx: KeystoreEditContext, ref: StoreRef, bytes: Uint8Array, options: ImportOptions): Promise<KeystoreEditResult> {
  const password = requirePassword(ref);
  let before: NativeKeystore | undefined;
  let plan: PlannedImport[] = [];
  const messages: string[] = [];
  const outcome = await editKeystore(ref.path, ctx.writer, {
    operation: `import ${options.alias ?? 'certificates'}`,
    precheck: async (original) => {
      before = await openVerified(original, password);
      plan = planImport(before, bytes, options);
      for (const item of plan) {
        if (item.presentAs !== undefined) messages.push(`Already in the store under alias "${item.presentAs}": ${item.sha256} (not imported again)`);
        else if (item.aliasTaken && !options.replace) {
          throw new CertbenchError('conflict', `Alias "${item.alias}" already exists in ${ref.path}; choose another alias or replace it`);
        }
      }
      if (plan.every((item) => item.presentAs !== undefined)) {
        throw new CertbenchError('conflict', messages.length === 1 ? messages[0]! : 'Every certificate is already in the store');
      }
    },
    edit: (temp) =>
      withScratchDir(async (dir) => {
        for (const [i, item] of plan.entries()) {
          if (item.presentAs !== undefined) continue;
          const passwords = { [PASSWORD_VARS.store]: password };
          if (item.aliasTaken) await ctx.keytool.run(['-delete', '-alias', item.alias, ...storeArgs(temp, before!)], passwords);
          const file = await writeScratch(dir, `cert-${i}.pem`, toPem('CERTIFICATE', item.der));
          await ctx.keytool.run(['-importcert', '-noprompt', '-trustcacerts', '-alias', item.alias, '-file', file, ...storeArgs(temp, before!)], passwords);
        }
      }),
    verify: async (temp) => {
      const after = await readKeystore(temp, password);
      const imported = plan.filter((item) => item.presentAs === undefined);
      for (const item of imported) {
        const entry = after.entries.find((e) => e.alias === item.alias);
        confirm(entry?.entryType === 'trustedCert' && entry.certificates[0]?.sha256 === item.sha256, `alias "${item.alias}" missing`);
      }
      confirm(othersUnchanged(before!, after, new Set(imported.map((i) => i.alias))), 'other entries changed');
      return after;
    },
  });
  for (const item of plan) if (item.presentAs === undefined) messages.push(`${item.aliasTaken ? 'Replaced' : 'Added'} "${item.alias}" (${item.sha256})`);
  return editResult(outcome, messages, ctx.now());
}
