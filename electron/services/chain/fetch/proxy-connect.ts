import type { Socket } from 'node:net';
import { CertbenchError } from '../../../../shared/errors.js';
import type { ProxyConfig } from './proxy-url.js';
import { readMessage, tcpConnect, withLimits, type StepLimits } from './socket-io.js';

const MAX_PROXY_HEADER = 16 * 1024;

/**
 * Opens a tunnel to `host:port` through an HTTP proxy with CONNECT (RFC 9110 §9.3.6). The
 * returned socket carries raw bytes to the target; the proxy's answer header is consumed.
 */
export async function connectThroughProxy(
  proxy: ProxyConfig,
  host: string,
  port: number,
  limits: Omit<StepLimits, 'what'>,
): Promise<Socket> {
  const where = `${proxy.host}:${proxy.port}`;
  const socket = await tcpConnect(proxy.host, proxy.port, { ...limits, what: `connect to proxy ${where}` });
  const authority = host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
  const lines = [`CONNECT ${authority} HTTP/1.1`, `Host: ${authority}`];
  if (proxy.username !== undefined) {
    const token = Buffer.from(`${proxy.username}:${proxy.password ?? ''}`, 'utf8').toString('base64');
    lines.push(`Proxy-Authorization: Basic ${token}`);
  }
  return withLimits(socket, { ...limits, what: `CONNECT through proxy ${where}` }, async () => {
    socket.write(`${lines.join('\r\n')}\r\n\r\n`);
    const head = await readMessage(socket, headerEnd, MAX_PROXY_HEADER, `proxy ${where}`);
    const status = /^HTTP\/1\.[01] (\d{3})([^\r\n]*)/.exec(head.toString('latin1'));
    if (!status) throw new CertbenchError('connection', `Proxy ${where} did not answer CONNECT with HTTP`);
    const code = Number(status[1]);
    if (code === 407) throw new CertbenchError('permission-denied', `Proxy ${where} requires authentication (407); give http://user:pass@host:port`);
    if (code < 200 || code > 299) {
      throw new CertbenchError('connection', `Proxy ${where} refused CONNECT to ${authority}: ${code}${status[2]}`);
    }
    return socket;
  });
}

function headerEnd(data: Buffer): number {
  const i = data.indexOf('\r\n\r\n');
  return i < 0 ? -1 : i + 4;
}
