import { request, type IncomingMessage } from 'node:http';
import { CertbenchError } from '../../../../shared/errors.js';
import type { ProxyConfig } from '../fetch/proxy-url.js';

export interface DownloadLimits {
  readonly maxBytes: number;
  readonly timeoutMs: number;
  readonly signal?: AbortSignal;
  readonly proxy?: ProxyConfig;
}

const MAX_REDIRECTS = 3;

/**
 * GETs an http:// URL with a size cap and a whole-request deadline. Through a proxy the request
 * goes to the proxy with the absolute URI (RFC 9112 §3.2.2), as browsers do for plain HTTP.
 */
export async function downloadHttp(url: string, limits: DownloadLimits): Promise<Uint8Array> {
  let current = url;
  for (let hop = 0; hop <= MAX_REDIRECTS; hop++) {
    const result = await getOnce(current, limits);
    if (result.kind === 'body') return result.body;
    current = new URL(result.location, current).href;
  }
  throw new CertbenchError('connection', `${url} redirected more than ${MAX_REDIRECTS} times`);
}

type Outcome = { kind: 'body'; body: Uint8Array } | { kind: 'redirect'; location: string };

function getOnce(url: string, limits: DownloadLimits): Promise<Outcome> {
  const target = new URL(url);
  if (target.protocol !== 'http:') throw new CertbenchError('unsupported', `AIA URL ${url} is not http:// (only HTTP is fetched)`);
  const headers: Record<string, string> = { accept: '*/*', 'user-agent': 'certbench' };
  const viaProxy = limits.proxy;
  if (viaProxy?.username !== undefined) {
    headers['proxy-authorization'] = `Basic ${Buffer.from(`${viaProxy.username}:${viaProxy.password ?? ''}`).toString('base64')}`;
  }
  return new Promise<Outcome>((resolve, reject) => {
    const req = request(
      viaProxy
        ? { host: viaProxy.host, port: viaProxy.port, path: target.href, headers: { ...headers, host: target.host }, signal: limits.signal }
        : { host: target.hostname.replace(/^\[|\]$/g, ''), port: target.port || 80, path: `${target.pathname}${target.search}`, headers, signal: limits.signal },
      (res) => collect(res, url, limits.maxBytes).then(resolve, reject),
    );
    const timer = setTimeout(() => req.destroy(new CertbenchError('timeout', `${url} did not answer within ${limits.timeoutMs} ms`)), limits.timeoutMs);
    req.on('close', () => clearTimeout(timer));
    req.on('error', (err: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      if (err instanceof CertbenchError) reject(err);
      else if (err.name === 'AbortError') reject(new CertbenchError('cancelled', `Cancelled while downloading ${url}`));
      else reject(new CertbenchError('connection', `Downloading ${url} failed: ${err.code ?? err.message}`, { cause: err }));
    });
    req.end();
  });
}

function collect(res: IncomingMessage, url: string, maxBytes: number): Promise<Outcome> {
  const status = res.statusCode ?? 0;
  if (status >= 300 && status < 400 && res.headers.location) {
    res.resume();
    return Promise.resolve({ kind: 'redirect', location: res.headers.location });
  }
  if (status !== 200) {
    res.resume();
    return Promise.reject(new CertbenchError('connection', `${url} answered HTTP ${status}`));
  }
  const declared = Number(res.headers['content-length'] ?? 0);
  if (declared > maxBytes) {
    res.destroy();
    return Promise.reject(new CertbenchError('too-large', `${url} is ${declared} bytes; AIA downloads are capped at ${maxBytes}`));
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    res.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) {
        res.destroy();
        reject(new CertbenchError('too-large', `${url} sent over ${maxBytes} bytes; AIA downloads are capped there`));
      } else chunks.push(chunk);
    });
    res.on('end', () => resolve({ kind: 'body', body: new Uint8Array(Buffer.concat(chunks)) }));
    res.on('error', reject);
  });
}
