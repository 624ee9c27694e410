/**
 * CSR vocabulary as plain constants, without zod, so the CLI registers its options without loading
 * the schema library; the schemas in csr.ts are built from these.
 */

/** RFC 5280 Appendix A upper bounds (ub-*) for the subject attributes the designer offers. */
export const SUBJECT_LIMITS = { CN: 64, O: 64, OU: 64, L: 128, ST: 128, C: 2, emailAddress: 255 } as const;
export type SubjectField = keyof typeof SUBJECT_LIMITS;

export const SAN_TYPES = ['dns', 'ip', 'email', 'uri'] as const;
export type SanType = (typeof SAN_TYPES)[number];

export const KEY_USAGES = ['digitalSignature', 'keyEncipherment', 'keyAgreement', 'nonRepudiation'] as const;
export type KeyUsage = (typeof KEY_USAGES)[number];

export const EXTENDED_KEY_USAGES = ['serverAuth', 'clientAuth'] as const;
export type ExtendedKeyUsageName = (typeof EXTENDED_KEY_USAGES)[number];

/** Most SANs one CSR may request (public CAs cap at 100–250; a bound keeps IPC finite). */
export const MAX_SANS = 1000;
