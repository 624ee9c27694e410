/** Channel names of the trust domain; must equal the keys of contracts/trust.ts (unit-tested). */
export const TRUST_CHANNELS = [] as const;
