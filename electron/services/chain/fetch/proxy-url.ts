import { CertbenchError } from '../../../../shared/errors.js';

/** An HTTP proxy reached with CONNECT; credentials stay here and never reach a report. */
export interface ProxyConfig {
  readonly host: string;
  readonly port: number;
  readonly username?: string;
  readonly password?: string;
  /** The URL without its password, safe to show and print. */
  readonly display: string;
}

/** Parses `http://[user:pass@]host:port` (port defaults to 8080, the common proxy default). */
export function parseProxyUrl(text: string): ProxyConfig {
  let url: URL;
  try {
    url = new URL(text.includes('://') ? text : `http://${text}`);
  } catch {
    throw new CertbenchError('invalid-request', `Proxy "${text.slice(0, 200)}" is not a URL like http://[user:pass@]host:port`);
  }
  if (url.protocol !== 'http:') {
    throw new CertbenchError('unsupported', `Proxy scheme ${url.protocol} is not supported; use an http:// proxy (CONNECT)`);
  }
  const host = url.hostname.replace(/^\[|\]$/g, '');
  const port = url.port ? Number(url.port) : 8080;
  const username = url.username ? decodeUserInfo(url.username, text) : undefined;
  const password = url.password ? decodeUserInfo(url.password, text) : undefined;
  const display = `http://${username ? `${encodeURIComponent(username)}@` : ''}${url.host || host}`;
  return { host, port, username, password, display };
}

function decodeUserInfo(part: string, text: string): string {
  try {
    return decodeURIComponent(part);
  } catch {
    throw new CertbenchError('invalid-request', `Proxy "${text.slice(0, 200)}" has a badly percent-encoded user name or password`);
  }
}

/**
 * The proxy the environment asks for when reaching `host` over TLS: HTTPS_PROXY (or https_proxy),
 * unless NO_PROXY lists the host, a parent domain (`.example.com` or `example.com`), or `*`.
 */
export function proxyFromEnv(env: NodeJS.ProcessEnv, host: string): ProxyConfig | undefined {
  const raw = env.HTTPS_PROXY ?? env.https_proxy;
  if (!raw) return undefined;
  const noProxy = (env.NO_PROXY ?? env.no_proxy ?? '')
    .split(',')
    .map((s) => s.trim().toLowerCase().replace(/:\d+$/, ''))
    .filter(Boolean);
  const name = host.toLowerCase();
  const bypass = noProxy.some((entry) => {
    if (entry === '*') return true;
    const bare = entry.replace(/^\*?\./, '');
    return name === bare || name.endsWith(`.${bare}`);
  });
  return bypass ? undefined : parseProxyUrl(raw);
}
