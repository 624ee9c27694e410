import { PLAN_PLACEHOLDERS } from './plan-placeholders.js';
import { CertbenchError } from '../../../shared/errors.js';
import type { CertificateSummary } from '../../../shared/model/certificate-summary.js';
import type { KeystoreEditResult } from '../../../shared/model/keystore.js';
import { scanCertificate } from '../../../shared/pki/cert-scan.js';
import { certificateDers } from '../../../shared/pki/certificate-input.js';
import { summarizeCertificate } from '../../../shared/pki/certificate-summary.js';
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
import { readKeystore, type KeystoreCertificateDer, type NativeKeystore } from './keystore-reader.js';
import { editKeystore } from './keystore-transaction.js';
import { PASSWORD_VARS } from './keytool-runner.js';

export interface ImportOptions {
  /** Alias for a single certificate, or the base for a bundle (`base`, `base-2`, …); suggested from the subject when absent. */
  readonly alias?: string;
  /** Replace an existing entry under the same alias instead of failing with `conflict`. */
  readonly replace?: boolean;
  /** The SHA-256 of the store the user's approved plan was made on: a store changed since then is a `conflict`, not a different edit. */
  readonly plannedStoreSha256?: string;
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
  /** The certificate now under that alias, which a replace removes. */
  readonly replaces?: KeystoreCertificateDer;
}

/** What the backup made before an import records (`keystore backups` lists it). */
export function importOperation(options: ImportOptions): string {
  return `import ${options.alias ?? 'certificates'}`;
}

/** The scratch file keytool reads certificate `index` of an import from. */
export const importFileName = (index: number): string => `cert-${index}.pem`;

/**
 * The keytool argv of one planned certificate, on the store copy at `keystore`: delete the entry
 * it replaces, then import. The plan shows exactly these lists; the edit runs them.
 */
export function importArgv(item: PlannedImport, keystore: string, file: string, store: NativeKeystore): string[][] {
  if (item.presentAs !== undefined) return [];
  const tail = storeArgs(keystore, store);
  return [
    ...(item.aliasTaken ? [['-delete', '-alias', item.alias, ...tail]] : []),
    ['-importcert', '-noprompt', '-trustcacerts', '-alias', item.alias, '-file', file, ...tail],
  ];
}

/** Plans an import: every certificate of a PEM/DER/PKCS#7 bundle, its alias, and what it collides with. */
export function planImport(store: NativeKeystore, bytes: Uint8Array, options: ImportOptions): PlannedImport[] {
  const ders = certificateDers(bytes);
  for (const der of ders) scanCertificate(der);
  const taken = new Set(store.entries.map((e) => e.alias));
  const byAlias = new Map(store.entries.map((e) => [e.alias, e.certificates[0]]));
  const bySha = new Map<string, string>();
  for (const entry of store.entries) for (const cert of entry.certificates.slice(0, 1)) if (!bySha.has(cert.sha256)) bySha.set(cert.sha256, entry.alias);
  const chosen = new Set<string>();
  return ders.map((der, i) => {
    const sha256 = nodeHashHex('sha256', der);
    const given = options.alias === undefined ? undefined : normalizeAlias(options.alias);
    const alias = given !== undefined ? (i === 0 ? given : freeAlias(`${given}-${i + 1}`, chosen)) : freeAlias(suggestAlias(der), new Set([...taken, ...chosen]));
    chosen.add(alias);
    const presentAs = bySha.get(sha256);
    const replaces = byAlias.get(alias);
    return { der, sha256, alias, ...(presentAs === undefined ? {} : { presentAs }), aliasTaken: taken.has(alias), ...(replaces === undefined ? {} : { replaces }) };
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
    operation: importOperation(options),
    precheck: async (original) => {
      if (options.plannedStoreSha256 !== undefined && nodeHashHex('sha256', original) !== options.plannedStoreSha256) {
        throw new CertbenchError('conflict', `${ref.path} changed since the plan was shown; nothing was written, plan again`);
      }
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
          const file = await writeScratch(dir, importFileName(i), toPem('CERTIFICATE', item.der));
          for (const argv of importArgv(item, temp, file, before!)) await ctx.keytool.run(argv, { [PASSWORD_VARS.store]: password });
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

/** A planned certificate with what the user is shown about it and the one it replaces. */
export interface ImportPlanItem {
  readonly alias: string;
  readonly certificate: CertificateSummary;
  readonly presentAs?: string;
  readonly aliasTaken: boolean;
  readonly replaces?: CertificateSummary;
  /** keytool's argv lists for this certificate, on the store copy and scratch file named by the plan's placeholders. */
  readonly keytool: string[][];
}

/** Everything an import will do, shown before it runs: per certificate, the backup first, and the exact keytool calls. */
export interface ImportPlan {
  readonly path: string;
  /** The store as planned; the import refuses to run on a store that changed since (see `plannedStoreSha256`). */
  readonly storeSha256: string;
  readonly keytool: string;
  readonly items: readonly ImportPlanItem[];
  readonly backup: { readonly directory: string; readonly operation: string };
}

export function describeImport(
  where: { path: string; original: Uint8Array; keytool: string; backupsDir: string },
  store: NativeKeystore,
  bytes: Uint8Array,
  options: ImportOptions,
  now: Date,
): ImportPlan {
  const items = planImport(store, bytes, options).map((item, i) => ({
    alias: item.alias,
    certificate: summarizeCertificate(item.der, now),
    ...(item.presentAs === undefined ? {} : { presentAs: item.presentAs }),
    aliasTaken: item.aliasTaken,
    ...(item.aliasTaken && item.replaces ? { replaces: summarizeCertificate(item.replaces.der, now) } : {}),
    keytool: importArgv(item, PLAN_PLACEHOLDERS.storeCopy, `${PLAN_PLACEHOLDERS.scratch}/${importFileName(i)}`, store),
  }));
  return {
    path: where.path,
    storeSha256: nodeHashHex('sha256', where.original),
    keytool: where.keytool,
    items,
    backup: { directory: where.backupsDir, operation: importOperation(options) },
  };
}
