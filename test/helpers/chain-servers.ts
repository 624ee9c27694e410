import { createServer as createHttpServer, type Server as HttpServer } from 'node:http';
import { createServer as createTlsServer, type Server as TlsServer } from 'node:tls';
import type { AddressInfo } from 'node:net';
import type { TestCert } from './chain-certs.js';

/** A loopback TLS server presenting `chain` exactly in the order given (leaf first by TLS rules). */
export interface ChainServer {
  readonly port: number;
  readonly target: string;
  close(): Promise<void>;
}

export async function startChainServer(leaf: TestCert, chain: readonly TestCert[]): Promise<ChainServer> {
  const server: TlsServer = createTlsServer({ key: leaf.keyPem, cert: [leaf, ...chain].map((c) => c.pem).join('') }, (socket) => socket.end());
  server.on('tlsClientError', () => undefined);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return { port, target: `127.0.0.1:${port}`, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

/** A loopback HTTP server answering GET path → body (AIA caIssuers), counting hits. */
export interface FileServer {
  readonly base: string;
  readonly hits: Map<string, number>;
  close(): Promise<void>;
}

export async function startFileServer(files: Record<string, Uint8Array>): Promise<FileServer> {
  const hits = new Map<string, number>();
  const server: HttpServer = createHttpServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    hits.set(path, (hits.get(path) ?? 0) + 1);
    const body = files[path];
    if (!body) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': 'application/pkix-cert', 'content-length': body.length }).end(Buffer.from(body));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    base: `http://127.0.0.1:${port}`,
    hits,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
