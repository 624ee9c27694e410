import { describe, expect, it } from 'vitest';
import { checkSan } from '../../../shared/csr/san.js';
import { parseSanArg } from '../../../shared/csr/san-arg.js';
import { formatIp, parseIpv6 } from '../../../shared/pki/ip-address.js';

const value = (type: Parameters<typeof checkSan>[0], raw: string) => {
  const r = checkSan(type, raw);
  return r.ok ? r.row.value : `ERR ${r.message}`;
};

describe('SAN row validation', () => {
  it('accepts host names, lowercases them and drops a trailing dot', () => {
    expect(value('dns', 'WWW.Example.COM.')).toBe('www.example.com');
    expect(value('dns', '*.example.com')).toBe('*.example.com');
    expect(value('dns', 'a-b.example')).toBe('a-b.example');
  });

  it('converts internationalised names to punycode and says so', () => {
    const r = checkSan('dns', 'Bücher.example');
    expect(r).toEqual({ ok: true, row: { type: 'dns', value: 'xn--bcher-kva.example' }, note: 'bücher.example → xn--bcher-kva.example' });
    expect(value('dns', '*.münchen.de')).toBe('*.xn--mnchen-3ya.de');
  });

  it.each([
    ['', 'Enter a host name'],
    ['a b.example', 'spaces'],
    ['w*.example.com', 'wildcard'],
    ['a.*.example.com', 'wildcard'],
    ['*.com', 'at least two labels'],
    ['-bad.example', 'inner hyphens'],
    ['a..example', 'Empty label'],
    [`${'a'.repeat(64)}.example`, '63'],
    [`${'a.'.repeat(130)}example`, '253'],
    ['under_score.example', 'letters'],
    ['10.0.0.5', 'IP row'],
  ])('refuses the DNS name %j', (raw, message) => {
    expect(value('dns', raw)).toContain(message);
  });

  it('accepts IPv4 and IPv6 in canonical form', () => {
    expect(value('ip', '10.0.0.5')).toBe('10.0.0.5');
    expect(value('ip', '2001:DB8:0:0:0:0:0:1')).toBe('2001:db8::1');
    expect(value('ip', '::1')).toBe('::1');
    expect(value('ip', '::ffff:192.0.2.1')).toBe('::ffff:c000:201');
    expect(value('ip', '2001:db8:0:1:0:0:0:1')).toBe('2001:db8:0:1::1');
  });

  it.each(['10.0.0.256', '010.0.0.1', '1.2.3', '1::2::3', '12345::1', 'fe80::1%eth0', '1:2:3:4:5:6:7:8:9'])('refuses the IP %j', (raw) => {
    expect(value('ip', raw)).toMatch(/^ERR/);
  });

  it('checks email and URI rows', () => {
    expect(value('email', 'admin@Bücher.example')).toBe('admin@xn--bcher-kva.example');
    expect(value('email', 'no-at-sign')).toMatch(/^ERR/);
    expect(value('email', 'a b@example.com')).toMatch(/^ERR/);
    expect(value('email', 'ü@example.com')).toMatch(/^ERR/);
    expect(value('uri', 'spiffe://example.org/ns/default/sa/web')).toBe('spiffe://example.org/ns/default/sa/web');
    expect(value('uri', 'relative/path')).toMatch(/^ERR/);
    expect(value('uri', 'https://exa mple.com/')).toMatch(/^ERR/);
  });

  it('formats IPv6 per RFC 5952 (first longest zero run, no single-group compression)', () => {
    expect(formatIp(parseIpv6('1:0:0:2:0:0:0:3')!)).toBe('1:0:0:2::3');
    expect(formatIp(parseIpv6('1:0:2:3:4:5:6:7')!)).toBe('1:0:2:3:4:5:6:7');
    expect(formatIp(parseIpv6('0:0:0:0:0:0:0:0')!)).toBe('::');
  });
});

describe('--san arguments', () => {
  it('reads typed prefixes, openssl spellings and bare values', () => {
    expect(parseSanArg('dns:a.example')).toEqual({ type: 'dns', value: 'a.example' });
    expect(parseSanArg('IP:10.0.0.5')).toEqual({ type: 'ip', value: '10.0.0.5' });
    expect(parseSanArg('ip:2001:db8::1')).toEqual({ type: 'ip', value: '2001:db8::1' });
    expect(parseSanArg('URI:https://a.example/x')).toEqual({ type: 'uri', value: 'https://a.example/x' });
    expect(parseSanArg('2001:db8::1')).toEqual({ type: 'ip', value: '2001:db8::1' });
    expect(parseSanArg('https://a.example/')).toEqual({ type: 'uri', value: 'https://a.example/' });
    expect(parseSanArg('me@a.example')).toEqual({ type: 'email', value: 'me@a.example' });
    expect(parseSanArg('a.example')).toEqual({ type: 'dns', value: 'a.example' });
  });
});
