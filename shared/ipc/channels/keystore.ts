/** Channel names of the keystore domain; must equal the keys of contracts/keystore.ts (unit-tested). */
export const KEYSTORE_CHANNELS = [] as const;
