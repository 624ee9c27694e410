/** Channel names of the trust domain; must equal the keys of contracts/trust.ts (unit-tested). */
export const TRUST_CHANNELS = [
  'trust.stores',
  'trust.remember',
  'trust.list',
  'trust.certificate',
  'trust.planAdd',
  'trust.planRemove',
  'trust.run',
  'trust.discard',
  'trust.where',
  'trust.planAddToAllMissing',
  'trust.export',
] as const;
