/** Channel names of the chain domain; must equal the keys of contracts/chain.ts (unit-tested). */
export const CHAIN_CHANNELS = ['chain.fetch', 'chain.verifyFiles', 'chain.verifyText', 'chain.exportBundle'] as const;
