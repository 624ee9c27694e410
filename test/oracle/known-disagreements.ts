/**
 * Disagreements between a real client and Certbench that are understood and kept, keyed
 * `case/client`; each reason is the one in docs/chain-oracle.md's table.
 */
export const KNOWN_DISAGREEMENTS: Readonly<Record<string, string>> = {};
