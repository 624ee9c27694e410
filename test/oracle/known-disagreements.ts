/**
 * Disagreements between a real client and Certbench that are understood and kept, keyed
 * `case/client`; each reason is the one in docs/chain-oracle.md's table.
 */
export const KNOWN_DISAGREEMENTS: Readonly<Record<string, string>> = {
  'int-as-anchor/curl':
    "curl sets OpenSSL's X509_V_FLAG_PARTIAL_CHAIN, so a trusted intermediate ends its path; Certbench's OpenSSL verdict follows openssl s_client and Python, which need the self-signed root",
};
