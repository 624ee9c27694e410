import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const execFileAsync = promisify(execFile);

/** The environment for tools under test, without the host's extra trust settings. */
export function toolEnv(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  delete env.SSL_CERT_FILE;
  delete env.NODE_EXTRA_CA_CERTS;
  return env;
}

/** Runs a real tool (argv, no shell); rejects with its stderr when it fails. */
export async function tool(cmd: string, args: string[], cwd?: string): Promise<{ stdout: string; stderr: string }> {
  return execFileAsync(cmd, args, { env: toolEnv(), cwd, maxBuffer: 64 * 1024 * 1024 });
}

/** Same, with stdout as bytes (DER output). */
export async function toolBytes(cmd: string, args: string[]): Promise<Uint8Array> {
  const { stdout } = await execFileAsync(cmd, args, { env: toolEnv(), encoding: 'buffer', maxBuffer: 64 * 1024 * 1024 });
  return new Uint8Array(stdout);
}

/** A temp dir for one test file, removed by the returned cleanup. */
export async function tempDir(prefix: string): Promise<{ dir: string; cleanup: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), `certbench-${prefix}-`));
  return { dir, cleanup: () => rm(dir, { recursive: true, force: true }) };
}

/** An openssl CA → leaf chain (EC P-256 or RSA) in `dir`: ca.pem, ca.key, leaf.pem, leaf.key. */
export async function makeOpensslChain(dir: string, keyAlg: 'ec' | 'rsa' = 'ec'): Promise<void> {
  const newkey = keyAlg === 'ec' ? ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256'] : ['-newkey', 'rsa:2048'];
  await tool('openssl', ['req', '-x509', ...newkey, '-nodes', '-keyout', 'ca.key', '-out', 'ca.pem', '-subj', '/CN=Interop CA', '-days', '3650',
    '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign'], dir);
  await tool('openssl', ['req', '-new', ...newkey, '-nodes', '-keyout', 'leaf.key', '-out', 'leaf.csr', '-subj', '/CN=interop.example',
    '-addext', 'subjectAltName=DNS:interop.example'], dir);
  await tool('openssl', ['x509', '-req', '-in', 'leaf.csr', '-CA', 'ca.pem', '-CAkey', 'ca.key', '-CAcreateserial', '-out', 'leaf.pem', '-days', '365',
    '-copy_extensions', 'copy'], dir);
}
