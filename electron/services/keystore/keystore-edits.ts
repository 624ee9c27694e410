/** The edit operations, gathered so KeystoreService can load them in one lazy import. */
export { convertKeystore } from './keystore-convert.js';
export { changePassword, deleteEntry, renameEntry } from './keystore-entry-edits.js';
export { describeImport, importCertificates, planImport } from './keystore-import.js';
export { describeKeyPair, generateKeyPair } from './keystore-keypair.js';
export { describeKeyPairImport, importKeyPair } from './keystore-pfx-import.js';
export { restoreBackup } from './keystore-restore.js';
export { editKeystore } from './keystore-transaction.js';
