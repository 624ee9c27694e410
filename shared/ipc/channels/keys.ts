/** Channel names of the keys domain; must equal the keys of contracts/keys.ts (unit-tested). */
export const KEYS_CHANNELS = [] as const;
