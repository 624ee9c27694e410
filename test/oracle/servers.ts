/**
 * The oracle's server side: one real `openssl s_server` per TLS case, a plain-HTTP port, a refused
 * port, tinyproxy and three mitmproxy instances (default CA, company-named CA, reverse mode per
 * case), all on 127.0.0.1 and started once per run.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { createServer as createHttpServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { PkiCert } from '../helpers/chain-pki.js';
import { freePort, startMitmproxy, startTinyproxy, waitForPort, type ProxyProcess } from '../helpers/chain-proxies.js';
import { corpInspectionCa, type MitmVia, type Scenario } from './corpus.js';
import { cleanEnv, mapBounded } from './process.js';

/** Where a client goes for one case: a loopback port, maybe through a proxy. */
export interface Endpoint {
  /** Port to dial on 127.0.0.1 directly, or the port named in the CONNECT request through `proxy`. */
  readonly port: number;
  /** `http://127.0.0.1:PORT` of an explicit proxy. */
  readonly proxy?: string;
}

export interface ServerFarm {
  endpoint(s: Scenario): Endpoint;
  /** The CA certificate PEM of the mitmproxy instance an anchor names. */
  mitmCaPem(which: 'mitm-default-ca' | 'mitm-corp-ca'): string;
  close(): Promise<void>;
}

export async function startFarm(dir: string, corpus: readonly Scenario[]): Promise<ServerFarm> {
  const stops: (() => Promise<void>)[] = [];
  const endpoints = new Map<string, Endpoint>();
  try {
    const plain = await startPlainHttp();
    stops.push(plain.close);
    const refused = await freePort();
    const tlsPorts = new Map<string, number>();
    await mapBounded(corpus, 8, async (s) => {
      if (s.serving.kind !== 'tls') return;
      const server = await startOpensslServer(join(dir, `srv-${s.id}`), s.serving.chain, s.serving.key);
      stops.push(server.stop);
      tlsPorts.set(s.id, server.port);
    });
    const [tiny, mitmDefault, corpCa] = await Promise.all([startTinyproxy(), startMitmproxy({ upstreamLoopback: true }), corpInspectionCa()]);
    stops.push(tiny.stop, mitmDefault.stop);
    const mitmCorp = await startMitmproxy({ upstreamLoopback: true, caPem: corpCa.keyPem + corpCa.pem });
    stops.push(mitmCorp.stop);
    const reverse = await mapBounded(
      corpus.filter((s) => s.serving.kind === 'tls' && s.serving.via === 'mitm-reverse'),
      2,
      async (s) => ({ s, proxy: await startMitmproxy({ mode: `reverse:https://127.0.0.1:${tlsPorts.get(s.id)}` }) }),
    );
    for (const { proxy } of reverse) stops.push(proxy.stop);
    const proxies: Record<Exclude<MitmVia, 'mitm-reverse'> | 'tinyproxy', ProxyProcess> = { tinyproxy: tiny, 'mitm-default': mitmDefault, 'mitm-corp': mitmCorp };
    for (const s of corpus) {
      if (s.serving.kind === 'plain-http') endpoints.set(s.id, { port: plain.port });
      else if (s.serving.kind === 'refused') endpoints.set(s.id, { port: refused });
      else if (s.serving.via === 'mitm-reverse') endpoints.set(s.id, { port: portOf(reverse.find((r) => r.s === s)!.proxy.url) });
      else if (s.serving.via) endpoints.set(s.id, { port: tlsPorts.get(s.id)!, proxy: proxies[s.serving.via].url });
      else endpoints.set(s.id, { port: tlsPorts.get(s.id)! });
    }
    const defaultCa = await mitmDefault.caPem();
    return {
      endpoint: (s) => endpoints.get(s.id)!,
      mitmCaPem: (which) => (which === 'mitm-corp-ca' ? corpCa.pem : defaultCa),
      close: () => closeAll(stops),
    };
  } catch (err) {
    await closeAll(stops);
    throw err;
  }
}

const portOf = (url: string): number => Number(new URL(url).port);

async function closeAll(stops: readonly (() => Promise<void>)[]): Promise<void> {
  await Promise.allSettled(stops.map((stop) => stop()));
}

async function startOpensslServer(base: string, chain: readonly PkiCert[], key: PkiCert): Promise<{ port: number; stop: () => Promise<void> }> {
  await writeFile(`${base}-cert.pem`, chain[0]!.pem);
  await writeFile(`${base}-key.pem`, key.keyPem);
  await writeFile(`${base}-chain.pem`, chain.slice(1).map((c) => c.pem).join('') || chain[0]!.pem);
  const port = await freePort();
  // SECLEVEL=0: the server must present SHA-1 and RSA-1024 chains so the clients can judge them.
  const args = ['s_server', '-accept', `127.0.0.1:${port}`, '-cert', `${base}-cert.pem`, '-key', `${base}-key.pem`, '-www', '-cipher', 'DEFAULT:@SECLEVEL=0', '-quiet'];
  if (chain.length > 1) args.push('-cert_chain', `${base}-chain.pem`);
  const child = spawn('openssl', args, { stdio: ['ignore', 'ignore', 'pipe'], env: cleanEnv() });
  let log = '';
  child.stderr?.on('data', (b: Buffer) => (log = (log + b.toString()).slice(-2000)));
  await waitForPort(port, child, 'openssl s_server', 15_000, () => log);
  return { port, stop: () => stopChild(child) };
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  child.kill('SIGTERM');
  return exited;
}

async function startPlainHttp(): Promise<{ port: number; close: () => Promise<void> }> {
  const server: Server = createHttpServer((_req, res) => res.end('plain HTTP\n'));
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    port: (server.address() as AddressInfo).port,
    close: () =>
      new Promise((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}

/** The loopback HTTP server that answers AIA caIssuers downloads from `files`. */
export async function startAiaServer(files: Map<string, Uint8Array>): Promise<{ base: string; close: () => Promise<void> }> {
  const server: Server = createHttpServer((req, res) => {
    const body = files.get(new URL(req.url ?? '/', 'http://x').pathname);
    if (!body) return void res.writeHead(404).end();
    res.writeHead(200, { 'content-type': 'application/pkix-cert' }).end(Buffer.from(body));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () =>
      new Promise((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}
