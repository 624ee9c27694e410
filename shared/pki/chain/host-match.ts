import { bytesEqual } from '../bytes.js';
import { isValidDnsName } from './dns-name.js';
import { parseIp } from '../ip-address.js';
import type { GeneralName } from './general-names.js';

/** A reference identity (RFC 6125 §6.2): what the client meant to reach. */
export type HostId = { readonly kind: 'ip'; readonly bytes: Uint8Array } | { readonly kind: 'dns'; readonly name: string };

/** Parses a host as given by a user or a URL (an IP literal, optionally bracketed, or a DNS name). */
export function parseHost(host: string): HostId | undefined {
  const bare = host.startsWith('[') && host.endsWith(']') ? host.slice(1, -1) : host;
  const ip = parseIp(bare);
  if (ip) return { kind: 'ip', bytes: ip };
  const name = bare.replace(/\.$/, '').toLowerCase();
  return isValidDnsName(name, false) ? { kind: 'dns', name } : undefined;
}

/**
 * True when a SAN entry presents `id` (RFC 6125 §6.4, §6.2.1): IP addresses only against
 * iPAddress entries, DNS names only against dNSName entries, case-insensitively, with a wildcard
 * allowed only as the whole left-most label and matching exactly one label (no "f*.example.com",
 * no "*.*", not across dots, and never a bare "*" or a wildcard directly over a single label).
 * The subject CN is never consulted: Certbench follows the CA/B Forum rule that the SAN carries the
 * names, also when the SAN is absent (then nothing matches).
 */
export function sanMatchesHost(names: readonly GeneralName[], id: HostId): boolean {
  return names.some((n) => (id.kind === 'ip' ? n.kind === 'ip' && bytesEqual(n.bytes, id.bytes) : n.kind === 'dns' && dnsMatches(n.value, id.name)));
}

/** One dNSName pattern against a normalised host name. */
export function dnsMatches(pattern: string, host: string): boolean {
  const p = pattern.toLowerCase().replace(/\.$/, '');
  if (!p.startsWith('*.')) return p === host && !p.includes('*');
  const base = p.slice(2);
  if (base.includes('*') || !base.includes('.')) return false;
  const dot = host.indexOf('.');
  return dot > 0 && host.slice(dot + 1) === base;
}
