import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { connect, createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A real proxy process on a loopback port, started from a temp config, killed by `stop`. */
export interface ProxyProcess {
  readonly url: string;
  readonly dir: string;
  stop(): Promise<void>;
}

export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as AddressInfo).port;
  await new Promise<void>((r) => server.close(() => r()));
  return port;
}

export async function waitForPort(port: number, child: ChildProcess, what: string, timeoutMs: number, log: () => string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${what} exited with ${child.exitCode}: ${log()}`);
    const ok = await new Promise<boolean>((resolve) => {
      const s = connect({ host: '127.0.0.1', port }, () => {
        s.destroy();
        resolve(true);
      });
      s.on('error', () => resolve(false));
    });
    if (ok) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill('SIGKILL');
  throw new Error(`${what} did not listen on 127.0.0.1:${port} within ${timeoutMs} ms: ${log()}`);
}

function cleanEnv(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  for (const k of ['NODE_EXTRA_CA_CERTS', 'SSL_CERT_FILE', 'HTTPS_PROXY', 'https_proxy', 'HTTP_PROXY', 'http_proxy']) delete env[k];
  return env;
}

async function launch(file: string, args: string[], dir: string, port: number, what: string, timeoutMs: number): Promise<ProxyProcess> {
  const child = spawn(file, args, { shell: false, stdio: ['ignore', 'pipe', 'pipe'], env: { ...cleanEnv(), HOME: dir } });
  let output = '';
  child.stdout?.on('data', (b: Buffer) => (output = (output + b.toString()).slice(-4000)));
  child.stderr?.on('data', (b: Buffer) => (output = (output + b.toString()).slice(-4000)));
  await waitForPort(port, child, what, timeoutMs, () => output);
  return {
    url: `http://127.0.0.1:${port}`,
    dir,
    stop: async () => {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await exited;
      }
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** Debian tinyproxy: a plain CONNECT proxy, foreground, temp config, loopback only, any port (no ConnectPort line). */
export async function startTinyproxy(extraConfig: readonly string[] = []): Promise<ProxyProcess> {
  const dir = await mkdtemp(join(tmpdir(), 'certbench-tinyproxy-'));
  const port = await freePort();
  const config = [`Port ${port}`, 'Listen 127.0.0.1', 'Timeout 30', 'Allow 127.0.0.1', `PidFile "${join(dir, 'tinyproxy.pid')}"`, 'LogLevel Warning', 'MaxClients 20', ...extraConfig];
  await writeFile(join(dir, 'tinyproxy.conf'), `${config.join('\n')}\n`);
  return launch('/usr/bin/tinyproxy', ['-d', '-c', join(dir, 'tinyproxy.conf')], dir, port, 'tinyproxy', 10_000);
}

export interface MitmOptions {
  /** PEM private key + certificate mitmproxy signs with (its confdir's mitmproxy-ca.pem); default: it makes its own. */
  readonly caPem?: string;
  /** e.g. `reverse:https://127.0.0.1:PORT`; default the explicit HTTP proxy. */
  readonly mode?: string;
  /** Send every upstream connection to 127.0.0.1 (names in the corpus do not resolve). */
  readonly upstreamLoopback?: boolean;
}

/** A mitmproxy addon that keeps the requested port but dials loopback, so test names need no DNS. */
const LOOPBACK_ADDON = 'def server_connect(data):\n    data.server.address = ("127.0.0.1", data.server.address[1])\n';

/**
 * Debian mitmproxy (mitmdump): a real TLS-inspecting proxy whose CA is created in a temp confdir
 * (or given, like a company's inspection CA); `ssl_insecure` lets it reach the test's self-made
 * upstream on 127.0.0.1.
 */
export async function startMitmproxy(options: MitmOptions = {}): Promise<ProxyProcess & { caPem(): Promise<string> }> {
  const dir = await mkdtemp(join(tmpdir(), 'certbench-mitm-'));
  const port = await freePort();
  const args = ['--listen-host', '127.0.0.1', '--listen-port', String(port), '--set', `confdir=${dir}`, '--set', 'ssl_insecure=true', '-q'];
  if (options.caPem) await writeFile(join(dir, 'mitmproxy-ca.pem'), options.caPem);
  if (options.mode) args.push('--mode', options.mode);
  if (options.upstreamLoopback) {
    await writeFile(join(dir, 'loopback.py'), LOOPBACK_ADDON);
    args.push('-s', join(dir, 'loopback.py'));
  }
  const proxy = await launch('/usr/bin/mitmdump', args, dir, port, 'mitmdump', 60_000);
  return { ...proxy, caPem: () => readFile(join(dir, 'mitmproxy-ca-cert.pem'), 'utf8') };
}
