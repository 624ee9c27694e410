import { CertbenchError } from '../../../shared/errors.js';
import type { CsrPlan } from '../../../shared/model/csr.js';
import type { KeyType } from '../../../shared/model/keys-constants.js';

/** The key types keytool can make here, as `-keyalg` plus size or curve. */
const KEYTOOL_KEYS = {
  'rsa-2048': ['-keyalg', 'RSA', '-keysize', '2048'],
  'rsa-3072': ['-keyalg', 'RSA', '-keysize', '3072'],
  'rsa-4096': ['-keyalg', 'RSA', '-keysize', '4096'],
  'ec-p256': ['-keyalg', 'EC', '-groupname', 'secp256r1'],
  'ec-p384': ['-keyalg', 'EC', '-groupname', 'secp384r1'],
} as const satisfies Readonly<Record<Exclude<KeyType, 'ed25519'>, readonly string[]>>;

/** `csr java`'s key types: every one Certbench makes but Ed25519. */
export type KeytoolKeyType = keyof typeof KEYTOOL_KEYS;

/** A key pair keytool makes under `alias`, and the request it then signs with it. */
export interface KeytoolKeyPair {
  readonly alias: string;
  readonly keyType: KeytoolKeyType;
  readonly plan: Pick<CsrPlan, 'subject' | 'sans' | 'hash'>;
}

const DN_NAMES = { CN: 'CN', OU: 'OU', O: 'O', L: 'L', ST: 'ST', C: 'C', emailAddress: 'EMAILADDRESS' } as const;

/** keytool's -dname is an RFC 2253-style string, least significant first; `,`, `+`, `"`, `\`, `<`, `>`, `;` are escaped. */
export function keytoolDname(plan: Pick<CsrPlan, 'subject'>): string {
  return [...plan.subject]
    .reverse()
    .map((a) => `${DN_NAMES[a.field]}=${a.value.replace(/([,+"\\<>;])/g, '\\$1').replace(/^([ #])/, '\\$1')}`)
    .join(', ');
}

/** `-ext SAN=dns:a,ip:b` (keytool's syntax has no escape for commas, so a value with one is refused). */
export function keytoolSanExt(plan: Pick<CsrPlan, 'sans'>): string[] {
  if (plan.sans.length === 0) return [];
  const bad = plan.sans.find((s) => s.value.includes(','));
  if (bad) throw new CertbenchError('invalid-request', `keytool cannot request a SAN containing a comma: ${bad.value}`);
  return ['-ext', `SAN=${plan.sans.map((s) => `${s.type}:${s.value}`).join(',')}`];
}

/**
 * The argv of the two keytool runs that make a key pair in a Java keystore and a CSR from it
 * (docs/trust-stores.md §5). `store` is the `-keystore … -storetype … -storepass:env VAR` tail
 * (the password travels in the environment, never argv); the CSR goes to `csrFile`.
 */
export function keytoolKeyPairArgs(req: KeytoolKeyPair, store: readonly string[], csrFile: string): { genkeypair: string[]; certreq: string[] } {
  const entry = [...store, '-alias', req.alias, '-noprompt'];
  const sigalg = `${req.plan.hash.replace('-', '')}with${req.keyType.startsWith('ec') ? 'ECDSA' : 'RSA'}`;
  return {
    genkeypair: ['-genkeypair', ...entry, ...KEYTOOL_KEYS[req.keyType], '-sigalg', sigalg, '-dname', keytoolDname(req.plan), ...keytoolSanExt(req.plan), '-validity', '90'],
    certreq: ['-certreq', ...entry, '-sigalg', sigalg, ...keytoolSanExt(req.plan), '-file', csrFile],
  };
}
