import type { StoreInfo } from '../../../../shared/model/trust.js';

/**
 * The words the OS's own tools use for a store (certlm.msc, Keychain Access), shown first; the
 * store's technical name and id come second. Display only: ids never change.
 */
const NATIVE: Readonly<Record<string, { name: string; where: string }>> = {
  'windows-machine-root': { name: 'Trusted Root Certification Authorities', where: 'Windows LocalMachine\\Root' },
  'windows-machine-ca': { name: 'Intermediate Certification Authorities', where: 'Windows LocalMachine\\CA' },
  'windows-user-root': { name: 'Trusted Root Certification Authorities (current user)', where: 'Windows CurrentUser\\Root' },
  'macos-system': { name: 'System keychain — Always Trust', where: 'macOS System keychain, admin trust settings' },
  'macos-login': { name: 'login keychain — Always Trust', where: "macOS login keychain, the user's trust settings" },
};

/** A store's name as the user knows it, and the technical name and id beside it. */
export function storeNames(store: Pick<StoreInfo, 'id' | 'displayName'>): { readonly name: string; readonly technical: string } {
  const native = NATIVE[store.id];
  return native ? { name: native.name, technical: `${native.where} · ${store.id}` } : { name: store.displayName, technical: store.id };
}

/** One line for a selector: the user's name, then the technical one in brackets when they differ. */
export function storeLabel(store: Pick<StoreInfo, 'id' | 'displayName'>): string {
  const { name, technical } = storeNames(store);
  return name === technical ? name : `${name} (${technical})`;
}
