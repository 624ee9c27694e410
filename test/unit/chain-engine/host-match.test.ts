import { describe, expect, it } from 'vitest';
import { parseHost, sanMatchesHost } from '../../../shared/pki/chain/host-match.js';
import { formatIp, parseIp } from '../../../shared/pki/ip-address.js';
import type { GeneralName } from '../../../shared/pki/chain/general-names.js';

const dns = (value: string): GeneralName => ({ kind: 'dns', value });
const ip = (text: string): GeneralName => ({ kind: 'ip', bytes: parseIp(text)! });

function matches(san: GeneralName, host: string): boolean {
  const id = parseHost(host);
  if (!id) throw new Error(`bad host ${host}`);
  return sanMatchesHost([san], id);
}

describe('RFC 6125 host matching', () => {
  // [SAN dNSName, host, expected]
  const table: [string, string, boolean][] = [
    ['example.com', 'example.com', true],
    ['Example.COM', 'example.com', true],
    ['example.com', 'EXAMPLE.com.', true],
    ['example.com', 'www.example.com', false],
    ['*.example.com', 'www.example.com', true],
    ['*.example.com', 'WWW.Example.com', true],
    ['*.example.com', 'example.com', false],
    ['*.example.com', 'a.b.example.com', false],
    ['w*.example.com', 'www.example.com', false],
    ['*w.example.com', 'www.example.com', false],
    ['www.*.com', 'www.example.com', false],
    ['*.*.example.com', 'a.b.example.com', false],
    ['*', 'com', false],
    ['*.com', 'example.com', false],
    ['xn--*.example.com', 'xn--bcher-kva.example.com', false],
    ['*.xn--bcher-kva.example', 'a.xn--bcher-kva.example', true],
  ];
  it.each(table)('%s vs %s → %s', (san, host, expected) => {
    expect(matches(dns(san), host)).toBe(expected);
  });

  it('compares IP addresses as octets, only against iPAddress entries', () => {
    expect(matches(ip('192.0.2.1'), '192.0.2.1')).toBe(true);
    expect(matches(ip('2001:db8::1'), '2001:DB8:0:0:0:0:0:1')).toBe(true);
    expect(matches(ip('2001:db8::1'), '[2001:db8::1]')).toBe(true);
    expect(matches(dns('192.0.2.1'), '192.0.2.1')).toBe(false);
    expect(matches(ip('192.0.2.1'), '192.0.2.2')).toBe(false);
  });

  it('refuses malformed hosts and non-canonical IPv4 forms', () => {
    expect(parseHost('foo_bar.example.com')).toBeUndefined();
    expect(parseHost('')).toBeUndefined();
    expect(parseIp('192.168.001.001')).toBeUndefined();
    expect(parseIp('1.2.3')).toBeUndefined();
    expect(parseIp('1::2::3')).toBeUndefined();
  });

  it('formats IPv6 the RFC 5952 way', () => {
    expect(formatIp(parseIp('2001:0db8:0000:0000:0001:0000:0000:0001')!)).toBe('2001:db8::1:0:0:1');
    expect(formatIp(parseIp('::1')!)).toBe('::1');
    expect(formatIp(parseIp('::ffff:192.0.2.1')!)).toBe('::ffff:c000:201');
  });
});
