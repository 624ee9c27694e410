/**
 * Names TLS-inspection products put in the CA they re-sign traffic with (docs/pki-facts.md "TLS-inspection
 * proxies"): Zscaler's `CN=Zscaler Intermediate Root CA … O=Zscaler Inc.`, Palo Alto's
 * Forward-Trust CAs, Fortinet's `FortiGate CA`, mitmproxy's `CN=mitmproxy, O=mitmproxy`, …
 */
const VENDORS: readonly { readonly product: string; readonly pattern: RegExp }[] = [
  { product: 'Zscaler', pattern: /zscaler/i },
  { product: 'Netskope', pattern: /netskope/i },
  { product: 'Palo Alto Networks', pattern: /palo ?alto|forward[- ]?(un)?trust/i },
  { product: 'Fortinet FortiGate', pattern: /forti(gate|net|proxy)/i },
  { product: 'Blue Coat / Symantec ProxySG', pattern: /blue ?coat|proxysg|symantec web/i },
  { product: 'mitmproxy', pattern: /mitmproxy/i },
  { product: 'Cisco Umbrella / Secure Web', pattern: /cisco umbrella|opendns|ironport|cisco.*web security/i },
  { product: 'Sophos', pattern: /sophos/i },
  { product: 'Check Point', pattern: /check ?point/i },
  { product: 'Forcepoint / Websense', pattern: /forcepoint|websense/i },
  { product: 'McAfee / Skyhigh Web Gateway', pattern: /mcafee|skyhigh/i },
  { product: 'Kaspersky', pattern: /kaspersky/i },
  { product: 'ESET', pattern: /eset ssl filter/i },
  { product: 'Avast / AVG', pattern: /avast|avg (web|mail)/i },
  { product: 'Bitdefender', pattern: /bitdefender/i },
  { product: 'Barracuda', pattern: /barracuda/i },
  { product: 'Menlo Security', pattern: /menlo security/i },
  { product: 'iboss', pattern: /\biboss\b/i },
  { product: 'Cloudflare Gateway', pattern: /cloudflare.*gateway|gateway ca - cloudflare/i },
  { product: 'WatchGuard', pattern: /watchguard/i },
  { product: 'SonicWall', pattern: /sonicwall|dpi-ssl/i },
  { product: 'Fiddler', pattern: /fiddler/i },
  { product: 'Charles Proxy', pattern: /charles proxy/i },
  { product: 'Burp Suite', pattern: /portswigger|burp/i },
  { product: 'a TLS-inspection proxy', pattern: /ssl[- ]?inspection|tls[- ]?inspection|ssl[- ]?decrypt/i },
];

/** The inspection product a DN names, if any. */
export function inspectionVendor(dn: string): string | undefined {
  return VENDORS.find((v) => v.pattern.test(dn))?.product;
}
