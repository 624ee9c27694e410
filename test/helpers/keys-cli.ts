import { spawnSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../../electron/cli/program.js';
import { captureIo } from './capture-io.js';

/** A temp dir for one keys/CSR test file; the CLI's data dir points inside it so the vault stays there too. */
export async function keysTempDir(): Promise<{ dir: string; cleanup: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'certbench-keys-'));
  process.env.CERTBENCH_DATA_DIR = join(dir, 'data');
  return { dir, cleanup: () => rm(dir, { recursive: true, force: true }) };
}

/** Runs the CLI in-process with secrets in `env`; returns the exit code and what it printed. */
export async function cli(argv: string[], env: NodeJS.ProcessEnv = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  const io = captureIo(env);
  const code = await runCli(argv, io);
  return { code, stdout: io.stdout(), stderr: io.stderr() };
}

/** Runs a real tool (argv, no shell) without the host's trust overrides or Java options; never throws. */
export function run(cmd: string, args: string[], extraEnv: NodeJS.ProcessEnv = {}): { code: number; stdout: string; stderr: string } {
  const env: NodeJS.ProcessEnv = { ...process.env, ...extraEnv };
  delete env.SSL_CERT_FILE;
  delete env.NODE_EXTRA_CA_CERTS;
  delete env.JAVA_TOOL_OPTIONS;
  delete env._JAVA_OPTIONS;
  const r = spawnSync(cmd, args, { env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 60_000 });
  if (r.error) throw r.error;
  return { code: r.status ?? 1, stdout: r.stdout, stderr: r.stderr };
}

/** `openssl req -text` of a CSR: subject line, SAN list and key description as openssl prints them. */
export function opensslCsr(path: string): { verified: boolean; subject: string; sans: string[]; keyLine: string; text: string } {
  const r = run('openssl', ['req', '-in', path, '-verify', '-noout', '-text', '-nameopt', 'RFC2253']);
  const text = r.stdout;
  const san = /X509v3 Subject Alternative Name:\s*\n\s*(.+)\n/.exec(text)?.[1] ?? '';
  return {
    verified: r.code === 0 && /verify OK/.test(r.stderr + r.stdout),
    subject: /Subject: (.*)\n/.exec(text)?.[1]?.trim() ?? '',
    sans: san ? san.split(', ').map((s) => s.trim()) : [],
    keyLine: /Public Key Algorithm: (.*)\n\s*(.*)\n/.exec(text)?.slice(1, 3).join(' ').trim() ?? '',
    text,
  };
}
