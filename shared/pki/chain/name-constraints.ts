import { isValidDnsName } from './dns-name.js';
import { formatIp } from '../ip-address.js';
import { normalizedRdns } from './name-key.js';
import type { NameConstraints } from './cert-extensions.js';
import type { GeneralName } from './general-names.js';

/** OpenSSL's NAME_CHECK_MAX: beyond this many name × constraint comparisons a chain is refused, not checked. */
const MAX_CHECKS = 1 << 20;

/**
 * RFC 5280 §4.2.1.10 / §6.1.3 (b)(c) name constraints for DNS names, IP addresses, email
 * addresses, URIs and directory names. Each CA's constraints are checked on their own, which is the
 * intersection the §6.1.4 state machine computes. Forms this engine cannot compare (otherName,
 * x400Address, ediPartyName, registeredID) fail closed, but only when the certificate carries a
 * name of that form: constraints on forms not present on the path are no-ops (RFC 5280 §6.1).
 */
export function nameConstraintViolation(nc: NameConstraints, names: readonly GeneralName[]): string | undefined {
  const checks = names.length * ((nc.permitted?.length ?? 0) + (nc.excluded?.length ?? 0));
  if (checks > MAX_CHECKS) return `${names.length} names against ${checks / names.length} constraints is too many to check (denial-of-service guard)`;
  for (const name of names) {
    const permitted = (nc.permitted ?? []).filter((b) => b.kind === name.kind);
    if (permitted.length > 0 && !permitted.some((base) => within(name, base, 'permitted'))) {
      return `${describe(name)} is outside the permitted ${name.kind} subtrees`;
    }
    const excluded = (nc.excluded ?? []).find((b) => b.kind === name.kind && within(name, b, 'excluded'));
    if (excluded) return `${describe(name)} is inside the excluded subtree ${describe(excluded)}`;
  }
  return undefined;
}

/** A sentence when a constraint itself is malformed (so no name can be judged against it). */
export function constraintSyntaxFault(nc: NameConstraints): string | undefined {
  for (const base of [...(nc.permitted ?? []), ...(nc.excluded ?? [])]) {
    if (base.kind === 'dns' && base.value !== '' && !isValidDnsName(base.value, false)) return `DNS constraint "${base.value}" is not a valid domain`;
    if (base.kind === 'ip' && !validIpConstraint(base.bytes)) return 'IP constraint is not an address with a contiguous mask (RFC 5280 §4.2.1.10)';
    if (base.kind === 'email' && !validEmailConstraint(base.value)) return `email constraint "${base.value}" is not a mailbox, host or domain`;
  }
  return undefined;
}

/** A sentence when a SAN entry is malformed (RFC 5280 §4.2.1.6 syntax rules). */
export function sanSyntaxFault(name: GeneralName): string | undefined {
  if (name.kind === 'dns' && !isValidDnsName(name.value, true)) return `dNSName "${name.value}" is not a valid DNS name`;
  if (name.kind === 'ip' && name.bytes.length !== 4 && name.bytes.length !== 16) return `iPAddress has ${name.bytes.length} octets`;
  if (name.kind === 'email' && !validMailbox(name.value)) return `rfc822Name "${name.value}" is not a mailbox`;
  return undefined;
}

function within(name: GeneralName, base: GeneralName, mode: 'permitted' | 'excluded'): boolean {
  if (name.kind === 'dns' && base.kind === 'dns') return dnsWithin(name.value, base.value, mode);
  if (name.kind === 'ip' && base.kind === 'ip') return ipWithin(name.bytes, base.bytes);
  if (name.kind === 'email' && base.kind === 'email') return emailWithin(name.value, base.value);
  if (name.kind === 'uri' && base.kind === 'uri') {
    const host = uriHost(name.value);
    return host !== undefined && hostWithin(host, base.value.toLowerCase());
  }
  if (name.kind === 'dn' && base.kind === 'dn') return dnWithin(name.der, base.der);
  // Unsupported forms fail closed: outside every permitted subtree, inside every excluded one.
  return mode === 'excluded';
}

/** "example.com" covers itself and every subdomain; a wildcard SAN is judged by every name it could match. */
function dnsWithin(rawName: string, rawBase: string, mode: 'permitted' | 'excluded'): boolean {
  const name = rawName.toLowerCase().replace(/\.$/, '');
  const base = rawBase.toLowerCase().replace(/\.$/, '');
  const inside = (n: string) => base === '' || n === base || n.endsWith(`.${base}`);
  if (!name.startsWith('*.')) return inside(name);
  const parent = name.slice(2);
  if (mode === 'permitted') return base === '' || parent === base || parent.endsWith(`.${base}`);
  // Excluded: violated when any single-label expansion of the wildcard falls in the subtree.
  return inside(parent) || (base.endsWith(`.${parent}`) && !base.slice(0, -parent.length - 1).includes('.'));
}

function ipWithin(addr: Uint8Array, base: Uint8Array): boolean {
  const half = base.length / 2;
  if (addr.length !== half) return false;
  for (let i = 0; i < half; i++) if ((addr[i]! & base[half + i]!) !== (base[i]! & base[half + i]!)) return false;
  return true;
}

function emailWithin(mailbox: string, base: string): boolean {
  const at = mailbox.lastIndexOf('@');
  const host = mailbox.slice(at + 1).toLowerCase();
  if (base.includes('@')) {
    const bat = base.lastIndexOf('@');
    return mailbox.slice(0, at) === base.slice(0, bat) && host === base.slice(bat + 1).toLowerCase();
  }
  return hostWithin(host, base.toLowerCase());
}

/** Host against a host constraint: ".example.com" is any subdomain, "example.com" exactly that host. */
function hostWithin(host: string, base: string): boolean {
  return base.startsWith('.') ? host.endsWith(base) : host === base;
}

function dnWithin(nameDer: Uint8Array, baseDer: Uint8Array): boolean {
  try {
    const name = normalizedRdns(nameDer);
    const base = normalizedRdns(baseDer);
    return base.length <= name.length && base.every((rdn, i) => rdn === name[i]);
  } catch {
    return false;
  }
}

function uriHost(uri: string): string | undefined {
  const m = /^[a-z][a-z0-9+.-]*:\/\/(?:[^@/?#]*@)?([^:/?#]+)/i.exec(uri);
  const host = m?.[1]?.toLowerCase();
  return host && isValidDnsName(host, false) ? host : undefined;
}

function validIpConstraint(bytes: Uint8Array): boolean {
  if (bytes.length !== 8 && bytes.length !== 32) return false;
  let seenZero = false;
  for (let i = bytes.length / 2; i < bytes.length; i++) {
    for (let bit = 7; bit >= 0; bit--) {
      const one = (bytes[i]! >> bit) & 1;
      if (one && seenZero) return false;
      if (!one) seenZero = true;
    }
  }
  return true;
}

function validMailbox(value: string): boolean {
  const at = value.lastIndexOf('@');
  return at > 0 && !value.slice(0, at).includes('@') && isValidDnsName(value.slice(at + 1), false);
}

function validEmailConstraint(value: string): boolean {
  if (value.includes('@')) return validMailbox(value);
  return isValidDnsName(value.startsWith('.') ? value.slice(1) : value, false);
}

function describe(name: GeneralName): string {
  switch (name.kind) {
    case 'dns':
    case 'email':
    case 'uri':
      return `${name.kind} "${name.value}"`;
    case 'ip':
      return `IP ${formatIp(name.bytes)}`;
    case 'dn':
      return 'the directory name';
    default:
      return `a ${name.kind} name`;
  }
}
