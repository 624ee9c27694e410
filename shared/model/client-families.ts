/**
 * The client families Certbench judges a chain for, each by its own rules: OpenSSL's default
 * verification (curl, Python, most agents), GnuTLS, Java PKIX, NSS, Chromium's web rules, and the
 * documented Windows CryptoAPI and macOS rules (not runnable here, so never checked by the oracle).
 * Free of the schema library so the CLI can name them at start-up.
 */
export const CLIENT_FAMILIES = ['openssl', 'gnutls', 'java', 'nss', 'chromium', 'windows', 'macos'] as const;
export type ClientFamily = (typeof CLIENT_FAMILIES)[number];

/**
 * Engine problem codes every client family here accepts (the oracle shows it): strict issuing
 * rules (`nonconforming`: missing key identifiers, non-critical basicConstraints, …) and a CA
 * certificate as the leaf. Reported as lint, never the verdict, and not drawn as a fault.
 */
export const LINT_PROBLEM_CODES: ReadonlySet<string> = new Set(['nonconforming', 'ca-as-leaf']);
