import { create } from 'zustand';
import type { Req, Res } from '../../../../shared/ipc/contract.js';
import type { ListedCertificate } from '../../../../shared/model/inspected-object.js';
import type { JdkDiscovery, KeystoreBackup, KeystoreEditResult, KeystoreListing } from '../../../../shared/model/keystore.js';
import { passesExpiry, type ExpiryFilterValue } from '../../components/ExpiryFilter.js';
import { invoke, isIpcError } from '../../ipc/client.js';
import { fileToBase64 } from '../../components/use-file-drop.js';
import { useAppStore } from '../../store/app-store.js';

/** The store the workspace shows: a file path, and the password the user gave (cacerts defaults to changeit in main). */
export type OpenStore = Readonly<Required<Pick<Req<'keystore.list'>['store'], 'path'>> & Pick<Req<'keystore.list'>['store'], 'password'>>;

/** What an import (certificate or key pair) would do, as main planned it on the store it names by SHA-256. */
export type KeystoreImportPlan = Res<'keystore.planImport'>;

/** A dropped or chosen certificate waiting for the alias dialog. */
export type PendingImport = Readonly<Req<'keystore.planImport'>['certificate'] & KeystoreImportPlan>;

interface KeystoreState {
  discovery: JdkDiscovery | null;
  store: OpenStore | null;
  listing: KeystoreListing | null;
  /** Set when the store needs a password the user has not given yet. */
  needsPassword: boolean;
  search: string;
  expiryFilter: ExpiryFilterValue;
  /** The entry whose detail shows and which Rename and Delete act on. */
  selectedAlias: string | null;
  /** Certificates opened for the detail pane, by SHA-256: fetched when their entry is selected, never per row. */
  certificates: Readonly<Record<string, ListedCertificate>>;
  /** The listing in progress, which `cancelListing` stops (main aborts it: see task.cancel). */
  listingTask: string | null;
  pending: PendingImport | null;
  /** A dropped or chosen PFX/P12 waiting for its password (key pair import). */
  pendingKeyPair: { readonly name: string; readonly base64: string } | null;
  backups: readonly KeystoreBackup[];
  lastMessages: readonly string[];
  loadJdks(): Promise<void>;
  open(store: OpenStore): Promise<void>;
  cancelListing(): Promise<void>;
  openViaDialog(): Promise<void>;
  setSearch(search: string): void;
  setExpiryFilter(filter: ExpiryFilterValue): void;
  selectEntry(alias: string): void;
  planImport(file: { name: string; base64: string }, alias?: string): Promise<void>;
  planImportFiles(files: readonly File[]): Promise<void>;
  cancelImport(): void;
  /** The key pair import's plan (null when planning failed, already reported); `alias` empty means the PFX's own. */
  planKeyPair(pfxPassword: string, alias: string, storePassword?: string): Promise<KeystoreImportPlan | null>;
  /**
   * Edits take the store password from their own dialog when the store was opened without it.
   * `replacing`: the plan the user saw and approved; the replace runs only on the store it was made on.
   */
  confirmKeyPair(pfxPassword: string, alias: string, replacing: KeystoreImportPlan | null, storePassword?: string): Promise<boolean>;
  confirmImport(alias: string, replace: boolean, storePassword?: string): Promise<boolean>;
  deleteEntry(alias: string, storePassword?: string): Promise<boolean>;
  renameEntry(alias: string, newAlias: string, storePassword?: string): Promise<boolean>;
  changePassword(newPassword: string): Promise<boolean>;
  convert(type: 'JKS' | 'PKCS12'): Promise<boolean>;
  loadBackups(): Promise<void>;
  restore(id: string): Promise<boolean>;
}

const STORE_FILTERS = [
  { name: 'Java keystores', extensions: ['jks', 'p12', 'pfx', 'jceks', 'keystore', 'ks', 'truststore'] },
  { name: 'All files', extensions: ['*'] },
];

let listingCounter = 0;

/** The Java keystores workspace state; every change goes through main's keystore service. */
export const useKeystoreStore = create<KeystoreState>()((set, get) => {
  const app = () => useAppStore.getState();
  const selector = () => {
    const store = get().store;
    if (!store) throw new Error('Open a keystore first');
    return store.password === undefined ? { path: store.path } : { path: store.path, password: store.password };
  };
  /**
   * Runs an edit, shows what it did, refreshes the listing and the backups; false when it failed.
   * A store password typed into the edit's dialog is kept for the next edits once it worked.
   */
  const edit = async (label: string, work: () => Promise<KeystoreEditResult>, storePassword?: string): Promise<boolean> => {
    const before = get().store;
    if (storePassword !== undefined && before) set({ store: { ...before, password: storePassword } });
    try {
      const result = await app().track(label, work());
      set({ listing: result.listing, lastMessages: result.messages, needsPassword: false });
      app().pushToast({ kind: 'success', message: result.messages.join(' · ') });
      await get().loadBackups();
      return true;
    } catch (err) {
      // A store listed without its password (JKS lists unverified) still needs one for edits.
      if (isIpcError(err, 'password-required') || isIpcError(err, 'wrong-password')) set({ needsPassword: true, store: before });
      app().reportError(err, get().store?.path.split(/[\\/]/).pop());
      return false;
    }
  };
  return {
    discovery: null,
    store: null,
    listing: null,
    needsPassword: false,
    search: '',
    expiryFilter: 'any',
    selectedAlias: null,
    certificates: {},
    listingTask: null,
    pending: null,
    pendingKeyPair: null,
    backups: [],
    lastMessages: [],
    loadJdks: async () => {
      try {
        set({ discovery: await app().track('Looking for JDKs', invoke('keystore.jdks', {})) });
      } catch (err) {
        app().reportError(err);
      }
    },
    open: async (store) => {
      const taskId = `keystore-list-${++listingCounter}`;
      set({ store, listing: null, needsPassword: false, lastMessages: [], selectedAlias: null, certificates: {}, listingTask: taskId });
      const name = store.path.split(/[\\/]/).pop();
      try {
        const request = store.password === undefined ? { path: store.path } : { path: store.path, password: store.password };
        const listing = await app().track(`Reading ${name}`, invoke('keystore.list', { store: request, taskId }));
        set({ listing });
        await get().loadBackups();
      } catch (err) {
        if (isIpcError(err, 'cancelled')) {
          // A store opened with a password needed one: offer the password form again to retry.
          set({ needsPassword: store.password !== undefined });
          app().pushToast({ kind: 'info', subject: name, message: `Stopped reading ${name}` });
        } else {
          if (isIpcError(err, 'password-required') || isIpcError(err, 'wrong-password')) set({ needsPassword: true });
          app().reportError(err, name);
        }
      } finally {
        if (get().listingTask === taskId) set({ listingTask: null });
      }
    },
    cancelListing: async () => {
      const taskId = get().listingTask;
      if (!taskId) return;
      try {
        await invoke('task.cancel', { taskId });
      } catch (err) {
        app().reportError(err);
      }
    },
    openViaDialog: async () => {
      try {
        const { paths } = await invoke('dialog.openFiles', { title: 'Open a Java keystore', filters: STORE_FILTERS });
        if (paths[0]) await get().open({ path: paths[0] });
      } catch (err) {
        app().reportError(err);
      }
    },
    setSearch: (search) => set({ search }),
    setExpiryFilter: (expiryFilter) => set({ expiryFilter }),
    selectEntry: (selectedAlias) => {
      set({ selectedAlias });
      const sha256 = get().listing?.entries.find((e) => e.alias === selectedAlias)?.certificates[0]?.sha256;
      if (sha256 === undefined || get().certificates[sha256]) return;
      invoke('keystore.certificate', { store: selector(), sha256 })
        .then((listed) => set((s) => ({ certificates: { ...s.certificates, [sha256]: listed } })))
        .catch((err: unknown) => app().reportError(err, get().store?.path.split(/[\\/]/).pop()));
    },
    planImport: async (file, alias) => {
      try {
        const plan = await invoke('keystore.planImport', { store: selector(), certificate: file, ...(alias ? { alias } : {}) });
        set({ pending: { ...file, ...plan } });
      } catch (err) {
        app().reportError(err);
      }
    },
    planImportFiles: async (files) => {
      const file = files[0];
      if (!file) return;
      const bytes = { name: file.name, base64: await fileToBase64(file) };
      if (/\.(pfx|p12)$/i.test(file.name)) set({ pendingKeyPair: bytes });
      else await get().planImport(bytes);
    },
    cancelImport: () => set({ pending: null, pendingKeyPair: null }),
    planKeyPair: async (pfxPassword, alias, storePassword) => {
      const pfx = get().pendingKeyPair;
      if (!pfx) return null;
      try {
        const store = storePassword === undefined ? selector() : { ...selector(), password: storePassword };
        return await invoke('keystore.planKeyPairImport', { store, pfx, pfxPassword, ...(alias ? { alias } : {}) });
      } catch (err) {
        app().reportError(err, pfx.name);
        return null;
      }
    },
    confirmKeyPair: async (pfxPassword, alias, replacing, storePassword) => {
      const pfx = get().pendingKeyPair;
      if (!pfx) return false;
      const replace = replacing ? { replace: true, plannedStoreSha256: replacing.storeSha256 } : {};
      const done = await edit(
        'Importing the key pair',
        () => invoke('keystore.importKeyPair', { store: selector(), pfx, pfxPassword, ...(alias ? { alias } : {}), ...replace }),
        storePassword,
      );
      if (done) set({ pendingKeyPair: null });
      return done;
    },
    confirmImport: async (alias, replace, storePassword) => {
      const pending = get().pending;
      if (!pending) return false;
      const done = await edit(
        'Importing into the keystore',
        () =>
          invoke('keystore.import', {
            store: selector(),
            certificate: { name: pending.name, base64: pending.base64 },
            alias,
            // A replace runs only on the store the dialog's plan was made on.
            ...(replace ? { replace, plannedStoreSha256: pending.storeSha256 } : {}),
          }),
        storePassword,
      );
      if (done) set({ pending: null });
      return done;
    },
    deleteEntry: (alias, storePassword) => edit(`Deleting ${alias}`, () => invoke('keystore.delete', { store: selector(), alias }), storePassword),
    renameEntry: (alias, newAlias, storePassword) =>
      edit(`Renaming ${alias}`, () => invoke('keystore.rename', { store: selector(), alias, newAlias }), storePassword),
    changePassword: async (newPassword) => {
      const done = await edit('Changing the store password', () => invoke('keystore.passwd', { store: selector(), newPassword }));
      if (done) set((s) => ({ store: s.store ? { ...s.store, password: newPassword } : null }));
      return done;
    },
    convert: async (type) => {
      try {
        const { path } = await invoke('dialog.saveFile', { title: `Save the ${type} copy`, defaultName: `keystore.${type === 'JKS' ? 'jks' : 'p12'}` });
        if (!path) return false;
        return await edit(`Converting to ${type}`, () => invoke('keystore.convert', { store: selector(), type, destination: path }));
      } catch (err) {
        app().reportError(err);
        return false;
      }
    },
    loadBackups: async () => {
      const store = get().store;
      if (!store) return;
      try {
        set({ backups: (await invoke('keystore.backups', { store: selector() })).backups });
      } catch (err) {
        app().reportError(err);
      }
    },
    restore: async (id) => {
      const done = await edit('Restoring a backup', () => invoke('keystore.restore', { id }));
      // A restore cannot verify with the password (the backup may predate a password change): re-open to check it.
      const store = get().store;
      if (done && store) await get().open(store);
      return done;
    },
  };
});

/** Entries matching the search (alias, subject or fingerprint) and the expiry filter; the grid sorts them. */
export function visibleEntries(s: Pick<KeystoreState, 'listing' | 'search' | 'expiryFilter'>): KeystoreListing['entries'] {
  const query = s.search.trim().toLowerCase();
  return (s.listing?.entries ?? []).filter((e) => {
    if (!passesExpiry(s.expiryFilter, e.certificates[0]?.daysLeft)) return false;
    if (!query) return true;
    const cert = e.certificates[0];
    return e.alias.includes(query) || (cert ? cert.subject.toLowerCase().includes(query) || cert.sha256.startsWith(query.replace(/:/g, '')) : false);
  });
}
