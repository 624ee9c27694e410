/** Channel names of the trust domain; must equal the keys of contracts/trust.ts (unit-tested). */
export const TRUST_CHANNELS = [
  'trust.stores',
  'trust.remember',
  'trust.list',
  'trust.planAdd',
  'trust.add',
  'trust.planRemove',
  'trust.remove',
  'trust.where',
  'trust.addToAllMissing',
  'trust.export',
] as const;
