import { AsnConvert } from '@peculiar/asn1-schema';
import { GeneralName, GeneralSubtree, GeneralSubtrees, NameConstraints } from '@peculiar/asn1-x509';
import { CertbenchError } from '../../../shared/errors.js';
import { checkDnsName } from '../../../shared/csr/dns-name.js';
import { parseIpv4 } from '../../../shared/pki/ip-address.js';
import { Extension } from '../../../shared/pki/x509.js';

/** The names a local CA may sign for: DNS subtrees and IPv4 CIDR ranges. */
export interface PermittedNames {
  readonly dns: readonly string[];
  readonly ipv4Cidrs: readonly string[];
}

/**
 * A critical nameConstraints extension with permitted subtrees only (RFC 5280 §4.2.1.10), so a
 * leaked lab CA cannot mint certificates for the rest of the internet.
 */
export function nameConstraintsExtension(permitted: PermittedNames): Extension {
  const subtrees: GeneralSubtree[] = [];
  for (const name of permitted.dns) {
    const r = checkDnsName(name.replace(/^\./, ''));
    if (!r.ok || r.wildcard) throw new CertbenchError('invalid-request', `Name constraint "${name}": ${r.ok ? 'no wildcards' : r.message}`);
    subtrees.push(new GeneralSubtree({ base: new GeneralName({ dNSName: r.value }) }));
  }
  for (const cidr of permitted.ipv4Cidrs) subtrees.push(new GeneralSubtree({ base: new GeneralName({ iPAddress: ipv4Range(cidr) }) }));
  if (subtrees.length === 0) throw new CertbenchError('invalid-request', 'Name constraints need at least one permitted name');
  const value = AsnConvert.serialize(new NameConstraints({ permittedSubtrees: new GeneralSubtrees(subtrees) }));
  return new Extension('2.5.29.30', true, value);
}

/** RFC 5280 §4.2.1.10: an IPv4 constraint is address + mask; the ASN.1 converter encodes `a.b.c.d/n` so. */
function ipv4Range(cidr: string): string {
  const [addr, bitsText] = cidr.split('/');
  const octets = parseIpv4(addr ?? '');
  const bits = Number(bitsText);
  if (!octets || !/^\d{1,2}$/.test(bitsText ?? '') || bits > 32) throw new CertbenchError('invalid-request', `"${cidr}" is not an IPv4 range such as 10.0.0.0/8`);
  const mask = bits === 0 ? 0 : (0xffffffff << (32 - bits)) >>> 0;
  const masked = octets.map((o, i) => o & ((mask >>> (24 - i * 8)) & 255));
  return `${masked.join('.')}/${bits}`;
}
