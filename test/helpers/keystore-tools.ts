import { execFile } from 'node:child_process';
import { copyFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** The JDK cacerts tests copy (never touch): Debian's JKS, password changeit. */
export const SYSTEM_CACERTS = '/etc/ssl/certs/java/cacerts';

/** A child environment free of the host's extra-CA variables and JVM option banners. */
export function cleanEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env = { ...process.env, ...extra };
  for (const name of ['NODE_EXTRA_CA_CERTS', 'SSL_CERT_FILE', 'JAVA_TOOL_OPTIONS', '_JAVA_OPTIONS', 'JDK_JAVA_OPTIONS']) delete env[name];
  return env;
}

export async function tempDir(): Promise<{ dir: string; cleanup: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'certbench-ks-test-'));
  return { dir, cleanup: () => rm(dir, { recursive: true, force: true }) };
}

export async function copyCacerts(dir: string, name = 'cacerts'): Promise<string> {
  const path = join(dir, name);
  await copyFile(SYSTEM_CACERTS, path);
  return path;
}

/** The real keytool with English output; passwords go through KS_PW in the env. */
export async function keytool(args: string[], password = 'changeit'): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run('keytool', [...args, '-J-Duser.language=en', '-J-Duser.country=US'], {
      env: cleanEnv({ KS_PW: password }),
      maxBuffer: 64 * 1024 * 1024,
    });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code?: number; stdout?: string; stderr?: string };
    return { code: typeof e.code === 'number' ? e.code : 1, stdout: e.stdout ?? '', stderr: e.stderr ?? '' };
  }
}

export interface KeytoolEntry {
  readonly alias: string;
  readonly entryType: 'trustedCert' | 'privateKey' | 'secretKey';
  readonly sha256s: readonly string[];
}

const TYPES = { trustedCertEntry: 'trustedCert', PrivateKeyEntry: 'privateKey', SecretKeyEntry: 'secretKey' } as const;

/** `keytool -list -v` parsed into entries (the verbose form, since aliases may contain ", "). */
export async function keytoolList(path: string, password = 'changeit'): Promise<{ type: string; entries: KeytoolEntry[] }> {
  const out = await keytool(['-list', '-v', '-keystore', path, '-storepass:env', 'KS_PW'], password);
  if (out.code !== 0) throw new Error(`keytool -list failed: ${out.stdout}${out.stderr}`);
  const type = /^Keystore type: (\S+)/m.exec(out.stdout)?.[1] ?? '?';
  const entries = out.stdout
    .split(/^Alias name: /m)
    .slice(1)
    .map((block) => {
      const alias = block.slice(0, block.indexOf('\n'));
      const kind = /^Entry type: (\w+)/m.exec(block)?.[1] as keyof typeof TYPES;
      const sha256s = [...block.matchAll(/^\s+SHA256: ([0-9A-F:]+)$/gm)].map((m) => m[1]!.replace(/:/g, '').toLowerCase());
      return { alias, entryType: TYPES[kind], sha256s };
    });
  return { type, entries };
}

/** A self-signed CA certificate made by openssl, PEM at `<dir>/<name>.pem`. */
export async function opensslCa(dir: string, name: string, subject = `/CN=${name}/O=Certbench Keystore Test`): Promise<string> {
  const pem = join(dir, `${name}.pem`);
  await run(
    'openssl',
    ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-keyout', join(dir, `${name}.key`), '-subj', subject,
      '-addext', 'basicConstraints=critical,CA:TRUE', '-days', '30', '-out', pem],
    { env: cleanEnv() },
  );
  return pem;
}

/** Sorted `alias|type|sha256s` lines: the comparison key between keytool's view and Certbench's. */
export function entryKeys(entries: readonly { alias: string; entryType: string; sha256s: readonly string[] }[]): string[] {
  return entries.map((e) => `${e.alias}|${e.entryType}|${e.sha256s.join(',')}`).sort();
}
