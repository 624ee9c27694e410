/** Channel names of the keystore domain; must equal the keys of contracts/keystore.ts (unit-tested). */
export const KEYSTORE_CHANNELS = [
  'keystore.jdks',
  'keystore.list',
  'keystore.certificate',
  'keystore.planImport',
  'keystore.import',
  'keystore.planKeyPairImport',
  'keystore.importKeyPair',
  'keystore.delete',
  'keystore.rename',
  'keystore.passwd',
  'keystore.convert',
  'keystore.backups',
  'keystore.restore',
] as const;
