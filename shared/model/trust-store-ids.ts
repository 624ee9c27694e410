/**
 * Every store id the CLI's `--store` and the app accept, with its one-line help: the one list the
 * CLI help, the "unknown store" message and the registry read.
 */
export const FIXED_STORE_IDS = [
  'windows-machine-root',
  'windows-machine-ca',
  'windows-user-root',
  'macos-system',
  'macos-login',
  'linux',
  'linux-debian',
  'linux-rhel',
] as const;
export type FixedStoreId = (typeof FIXED_STORE_IDS)[number];

const HELP: Record<FixedStoreId | 'nss:DIR' | 'pem:FILE' | 'java:CACERTS', string> = {
  'windows-machine-root': 'Windows LocalMachine\\Root (certlm: Trusted Root Certification Authorities)',
  'windows-machine-ca': 'Windows LocalMachine\\CA (certlm: Intermediate Certification Authorities)',
  'windows-user-root': 'Windows CurrentUser\\Root (this user only)',
  'macos-system': 'macOS System keychain with admin trust settings',
  'macos-login': "macOS login keychain with the user's trust settings",
  linux: 'Linux system store, Debian or RHEL family detected from the layout',
  'linux-debian': 'Debian/Ubuntu system store (update-ca-certificates)',
  'linux-rhel': 'RHEL/Fedora system store (update-ca-trust)',
  'nss:DIR': 'an NSS database directory (Firefox profile, ~/.pki/nssdb, an agent); nss:sql:DIR / nss:dbm:DIR force the format',
  'pem:FILE': "a PEM bundle file (an appliance's ca-bundle.crt)",
  'java:CACERTS': "a JDK's cacerts keystore",
};

/** `id  help` lines for `--help`. */
export const STORE_ID_LINES: readonly string[] = Object.entries(HELP).map(([id, help]) => `${id.padEnd(22)} ${help}`);

/** The ids in one line, for messages. */
export const STORE_ID_HELP = Object.keys(HELP).join(', ');

/**
 * The store a certificate of `role` goes to when a file with several is added to `storeId`:
 * Windows keeps roots in Root and intermediates in CA; every other store takes both (with the
 * plan's role warning).
 */
export function storeForRole(storeId: string, role: 'root' | 'intermediate' | 'leaf'): string {
  if (storeId === 'windows-machine-root' && role === 'intermediate') return 'windows-machine-ca';
  if (storeId === 'windows-machine-ca' && role === 'root') return 'windows-machine-root';
  return storeId;
}
