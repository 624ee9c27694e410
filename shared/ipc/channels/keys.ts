/** Channel names of the keys domain; must equal the keys of contracts/keys.ts (unit-tested). */
export const KEYS_CHANNELS = [
  'keys.generate',
  'keys.list',
  'keys.unlock',
  'keys.open',
  'keys.export',
  'keys.csrCreate',
  'keys.csrSave',
  'keys.javaCsr',
  'keys.renewSpec',
  'keys.selfSigned',
  'keys.caCreate',
  'keys.caSign',
  'keys.certSave',
  'keys.bundleAnalyse',
  'keys.bundleWrite',
] as const;
