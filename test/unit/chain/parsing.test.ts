import { describe, expect, it } from 'vitest';
import { parseProxyUrl, proxyFromEnv } from '../../../electron/services/chain/fetch/proxy-url.js';
import { parseHostTarget } from '../../../electron/services/chain/fetch/target.js';
import { displayName } from '../../../electron/services/chain/diagnose/diagnosis-context.js';
import { isPublicHostname } from '../../../electron/services/chain/diagnose/inspection-signs.js';

describe('parseHostTarget', () => {
  it.each([
    ['example.com', 'example.com', 443],
    ['example.com:8443', 'example.com', 8443],
    ['127.0.0.1:25', '127.0.0.1', 25],
    ['[::1]:993', '::1', 993],
    ['::1', '::1', 443],
    ['Example.COM.', 'Example.COM', 443],
    ['https://example.com/login?next=/', 'example.com', 443],
    ['https://user@example.com:8443/path', 'example.com', 8443],
    ['https://[::1]:9443/', '::1', 9443],
  ])('%s → %s:%d', (text, host, port) => {
    expect(parseHostTarget(text)).toEqual({ host, port });
  });

  it.each(['', 'exa mple.com', 'host:0', 'host:65536', 'host:12ab', '[example.com]:443', 'http://example.com', 'ftp://example.com/x'])('rejects %j', (text) => {
    expect(() => parseHostTarget(text)).toThrow(expect.objectContaining({ code: 'invalid-request' }));
  });
});

describe('proxy configuration', () => {
  it('parses credentials and hides the password in the display form', () => {
    const p = parseProxyUrl('http://user%40corp:p%3Ass@proxy.corp:3128');
    expect(p).toMatchObject({ host: 'proxy.corp', port: 3128, username: 'user@corp', password: 'p:ss' });
    expect(p.display).toBe('http://user%40corp@proxy.corp:3128');
    expect(parseProxyUrl('proxy.corp').port).toBe(8080);
  });

  it('refuses non-HTTP proxies', () => {
    expect(() => parseProxyUrl('socks5://p:1080')).toThrow(expect.objectContaining({ code: 'unsupported' }));
  });

  it('takes HTTPS_PROXY unless NO_PROXY lists the host or a parent domain', () => {
    const env = { HTTPS_PROXY: 'http://proxy:3128', NO_PROXY: 'localhost,.internal.corp, other.org:443' };
    expect(proxyFromEnv(env, 'example.com')?.host).toBe('proxy');
    expect(proxyFromEnv(env, 'a.internal.corp')).toBeUndefined();
    expect(proxyFromEnv(env, 'internal.corp')).toBeUndefined();
    expect(proxyFromEnv(env, 'www.other.org')).toBeUndefined();
    expect(proxyFromEnv({ https_proxy: 'http://p:1', no_proxy: '*' }, 'x.org')).toBeUndefined();
    expect(proxyFromEnv({}, 'x.org')).toBeUndefined();
  });
});

describe('isPublicHostname', () => {
  it('accepts names under an ICANN public suffix and rejects IPs, single labels and private or reserved TLDs', async () => {
    expect(await isPublicHostname('www.example.org')).toBe(true);
    for (const name of ['localhost', '10.0.0.1', '::1', 'nas.local', 'git.corp', 'api.example.test', 'x.home.arpa', undefined]) {
      expect(await isPublicHostname(name)).toBe(false);
    }
  });
});

describe('displayName', () => {
  it('uses the CN, unescaping commas, else the DN', () => {
    expect(displayName('CN=Acme\\, Inc. CA, O=Acme')).toBe('Acme, Inc. CA');
    expect(displayName('O=No CN Here')).toBe('O=No CN Here');
  });
});
