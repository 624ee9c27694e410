import type { ClientFamily } from '../../../../shared/model/chain.js';

/**
 * How one client family differs from the RFC 5280 engine, as measured on this machine by the
 * oracle (test/oracle, docs/chain-oracle.md) for the runnable ones and taken from the vendors'
 * documentation for Windows and macOS. Every client accepts what the engine reports as
 * `nonconforming` (strict issuing rules: missing key identifiers, …) and a CA certificate as leaf.
 */
export interface ClientRules {
  readonly label: string;
  /** Rules from documentation only; the oracle cannot run this client here. */
  readonly documented: boolean;
  /** Downloads a missing intermediate from the caIssuers URL. */
  readonly aiaFetch: boolean;
  /** Accepts a trusted CA that is not self-signed as the end of the path. */
  readonly partialChain: boolean;
  /** Matches the host against the subject CN when the leaf has no DNS/IP subjectAltName. */
  readonly cnFallback: boolean;
  /** Rejects SHA-1 (and MD5) signatures below the anchor. */
  readonly rejectsSha1: boolean;
  /** Smallest RSA key accepted anywhere on the path. */
  readonly minRsaBits: number;
  /** Fails an expired or not-yet-valid trust anchor. */
  readonly checksAnchorValidity: boolean;
  /** An RSA server certificate with keyUsage must allow keyEncipherment (NSS's TLS-server usage check). */
  readonly rsaLeafNeedsKeyEncipherment: boolean;
  /** Apple's TLS rules since macOS 10.15: serverAuth EKU required, at most 825 days of validity. */
  readonly appleTlsRules: boolean;
}

export const CLIENT_RULES: Readonly<Record<ClientFamily, ClientRules>> = {
  openssl: {
    label: 'OpenSSL default verification (openssl, curl, Python, most agents)',
    documented: false,
    aiaFetch: false,
    partialChain: false,
    cnFallback: true,
    rejectsSha1: true,
    // Debian's openssl.cnf sets SECLEVEL=2: RSA keys of at least 2048 bits.
    minRsaBits: 2048,
    checksAnchorValidity: true,
    rsaLeafNeedsKeyEncipherment: false,
    appleTlsRules: false,
  },
  gnutls: {
    label: 'GnuTLS (gnutls-cli, wget, apt, git on Debian)',
    documented: false,
    aiaFetch: false,
    partialChain: true,
    cnFallback: true,
    rejectsSha1: true,
    minRsaBits: 1024,
    checksAnchorValidity: true,
    rsaLeafNeedsKeyEncipherment: false,
    appleTlsRules: false,
  },
  java: {
    label: 'Java PKIX (JSSE with a cacerts trust store)',
    documented: false,
    aiaFetch: false,
    partialChain: true,
    cnFallback: true,
    // jdk.certpath.disabledAlgorithms blocks SHA-1 only under the JDK's own cacerts CAs (jdkCA).
    rejectsSha1: false,
    minRsaBits: 1024,
    // PKIX takes a trust anchor as a name and a key: its validity dates are not checked.
    checksAnchorValidity: false,
    rsaLeafNeedsKeyEncipherment: false,
    appleTlsRules: false,
  },
  nss: {
    label: 'NSS (vfychain, Firefox and agents with an NSS db)',
    documented: false,
    aiaFetch: false,
    partialChain: true,
    cnFallback: false,
    rejectsSha1: false,
    minRsaBits: 1024,
    checksAnchorValidity: true,
    rsaLeafNeedsKeyEncipherment: true,
    appleTlsRules: false,
  },
  chromium: {
    label: "Chromium's web rules (Chrome, Edge, Electron apps)",
    documented: false,
    aiaFetch: true,
    partialChain: true,
    cnFallback: false,
    rejectsSha1: true,
    minRsaBits: 1024,
    checksAnchorValidity: true,
    rsaLeafNeedsKeyEncipherment: false,
    appleTlsRules: false,
  },
  windows: {
    label: 'Windows CryptoAPI (documented rules: .NET, PowerShell, Edge on Windows)',
    documented: true,
    aiaFetch: true,
    partialChain: true,
    cnFallback: true,
    rejectsSha1: true,
    minRsaBits: 1024,
    checksAnchorValidity: true,
    rsaLeafNeedsKeyEncipherment: false,
    appleTlsRules: false,
  },
  macos: {
    label: 'macOS Security framework (documented rules: Safari, curl and URLSession on macOS)',
    documented: true,
    aiaFetch: true,
    partialChain: true,
    cnFallback: false,
    rejectsSha1: true,
    minRsaBits: 2048,
    checksAnchorValidity: true,
    rsaLeafNeedsKeyEncipherment: false,
    appleTlsRules: true,
  },
};

/** The client whose verdict the headline follows when the user picks none: the OS store's own. */
export function defaultClient(platform: NodeJS.Platform): ClientFamily {
  return platform === 'win32' ? 'windows' : platform === 'darwin' ? 'macos' : 'openssl';
}
