import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { CertbenchError } from '../../../shared/errors.js';
import type { KeystoreEditResult } from '../../../shared/model/keystore.js';
import { describeKeystore } from './keystore-describe.js';
import { readKeystore, type NativeKeystore } from './keystore-reader.js';
import { PASSWORD_VARS, type KeytoolRunner } from './keytool-runner.js';
import type { EditOutcome, KeystoreWriter } from './keystore-transaction.js';

/** A store the user pointed at and the password to open it with (already defaulted for cacerts). */
export interface StoreRef {
  readonly path: string;
  readonly password?: string;
}

/** What every edit operation needs: keytool, how the store gets written (backups, elevation) and the clock. */
export interface KeystoreEditContext {
  readonly keytool: KeytoolRunner;
  readonly writer: KeystoreWriter;
  readonly now: () => Date;
}

/** keytool needs a store password for every edit; without one it fails silently (docs/trust-stores.md §5). */
export function requirePassword(ref: StoreRef): string {
  if (ref.password === undefined) throw new CertbenchError('password-required', `A store password is needed to change ${ref.path}`);
  return ref.password;
}

/** Opens the store with its password: a wrong password stops the edit before any backup or copy. */
export async function openVerified(bytes: Uint8Array, password: string): Promise<NativeKeystore> {
  return readKeystore(bytes, password);
}

/** `-keystore TEMP -storetype T -storepass:env VAR`, the tail of every edit's argv. */
export function storeArgs(tempPath: string, store: NativeKeystore): string[] {
  return ['-keystore', tempPath, '-storetype', store.type, '-storepass:env', PASSWORD_VARS.store];
}

/** Runs `body` with a private temp folder (for certificate files handed to keytool), removed afterwards. */
export async function withScratchDir<T>(body: (dir: string) => Promise<T>): Promise<T> {
  const dir = await mkdtemp(join(tmpdir(), 'certbench-ks-'));
  try {
    return await body(dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

export async function writeScratch(dir: string, name: string, text: string): Promise<string> {
  const path = join(dir, basename(name));
  await writeFile(path, text, { mode: 0o600 });
  return path;
}

/** Throws `verification-failed` unless `ok`; the transaction then discards the temp copy. */
export function confirm(ok: boolean, what: string): void {
  if (!ok) throw new CertbenchError('verification-failed', `After the edit the store did not show the expected change: ${what}; the original was kept`);
}

/** Debian's ca-certificates-java rebuilds this file from the system store on every update-ca-certificates run (docs/trust-stores.md §5). */
const DEBIAN_MANAGED_CACERTS = '/etc/ssl/certs/java/cacerts';

export function editResult(outcome: EditOutcome<NativeKeystore>, messages: string[], now: Date): KeystoreEditResult {
  const notes =
    outcome.path === DEBIAN_MANAGED_CACERTS
      ? ['Note: Debian regenerates this cacerts from the system trust store when update-ca-certificates runs; add the CA to the system store too to keep it']
      : [];
  return { path: outcome.path, backupId: outcome.backup.id, messages: [...messages, ...notes], listing: describeKeystore(outcome.path, outcome.result, now) };
}

/** Entries as alias → certificate SHA-256s, to prove an edit left every other entry alone. */
export function fingerprintMap(store: NativeKeystore): Map<string, string> {
  return new Map(store.entries.map((e) => [e.alias, `${e.entryType}:${e.certificates.map((c) => c.sha256).join(',')}`]));
}

/** True when `after` equals `before` except for the aliases named in `changed`. */
export function othersUnchanged(before: NativeKeystore, after: NativeKeystore, changed: ReadonlySet<string>): boolean {
  const a = fingerprintMap(before);
  const b = fingerprintMap(after);
  for (const [alias, print] of a) if (!changed.has(alias) && b.get(alias) !== print) return false;
  for (const alias of b.keys()) if (!changed.has(alias) && !a.has(alias)) return false;
  return true;
}
