import { CertbenchError } from '../../../shared/errors.js';
import type { CsrPlan } from '../../../shared/model/csr.js';
import type { KeyType } from '../../../shared/model/keys-constants.js';
import type { ProcessRunner } from '../process/process-runner.js';

/** The key types keytool can make here, as `-keyalg` plus size or curve. */
const KEYTOOL_KEYS: Readonly<Record<Exclude<KeyType, 'ed25519'>, readonly string[]>> = {
  'rsa-2048': ['-keyalg', 'RSA', '-keysize', '2048'],
  'rsa-3072': ['-keyalg', 'RSA', '-keysize', '3072'],
  'rsa-4096': ['-keyalg', 'RSA', '-keysize', '4096'],
  'ec-p256': ['-keyalg', 'EC', '-groupname', 'secp256r1'],
  'ec-p384': ['-keyalg', 'EC', '-groupname', 'secp384r1'],
};

export interface KeytoolCsrRequest {
  readonly keystore: string;
  readonly alias: string;
  readonly storePassword: string;
  readonly keyType: Exclude<KeyType, 'ed25519'>;
  readonly plan: CsrPlan;
  readonly csrPath: string;
}

const PASSWORD_VAR = 'CERTBENCH_STOREPASS';
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
 * (docs/trust-stores.md §5): English messages, the password through `-storepass:env`, never argv.
 */
export function keytoolCsrArgs(req: KeytoolCsrRequest): { genkeypair: string[]; certreq: string[] } {
  const common = ['-J-Duser.language=en', '-J-Duser.country=US'];
  const store = ['-keystore', req.keystore, '-storetype', 'PKCS12', '-storepass:env', PASSWORD_VAR, '-alias', req.alias, '-noprompt'];
  const sigalg = req.keyType.startsWith('ec') ? `${req.plan.hash.replace('-', '')}withECDSA` : `${req.plan.hash.replace('-', '')}withRSA`;
  return {
    genkeypair: [...common, '-genkeypair', ...store, ...KEYTOOL_KEYS[req.keyType], '-sigalg', sigalg, '-dname', keytoolDname(req.plan), ...keytoolSanExt(req.plan), '-validity', '90'],
    certreq: [...common, '-certreq', ...store, '-sigalg', sigalg, ...keytoolSanExt(req.plan), '-file', req.csrPath],
  };
}

/** Runs keytool twice through the ProcessRunner: key pair, then CSR. */
export async function keytoolCsr(runner: ProcessRunner, baseEnv: NodeJS.ProcessEnv, req: KeytoolCsrRequest): Promise<void> {
  if (req.storePassword.length < 6) throw new CertbenchError('invalid-request', 'A keystore password must be at least 6 characters (keytool refuses shorter ones)');
  const env: NodeJS.ProcessEnv = { ...baseEnv, [PASSWORD_VAR]: req.storePassword };
  // Even an empty JAVA_TOOL_OPTIONS makes the JVM print "Picked up …" on stderr (docs/trust-stores.md §0).
  delete env.JAVA_TOOL_OPTIONS;
  delete env._JAVA_OPTIONS;
  const args = keytoolCsrArgs(req);
  for (const argv of [args.genkeypair, args.certreq]) {
    const out = await runner.run({ file: 'keytool', args: argv, env, timeoutMs: 120_000 });
    if (out.exitCode !== 0) throw keytoolError(out.stdout + out.stderr);
  }
}

/** keytool prints `keytool error: java.…Exception: message` on stdout with exit 1. */
export function keytoolError(output: string): CertbenchError {
  const line = /keytool error: (?:[\w.$]+: )?(.*)/.exec(output)?.[1]?.trim() ?? output.trim().split('\n')[0] ?? 'keytool failed';
  if (/password was incorrect|tampered with/i.test(line)) return new CertbenchError('wrong-password', `keytool: ${line}`);
  if (/already exists/i.test(line)) return new CertbenchError('conflict', `keytool: ${line}`);
  return new CertbenchError('tool-failed', `keytool: ${line}`);
}
