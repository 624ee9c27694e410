/** Channel names of the chain domain; must equal the keys of contracts/chain.ts (unit-tested). */
export const CHAIN_CHANNELS = [] as const;
