import { create } from 'zustand';
import type { Res } from '../../../../shared/ipc/contract.js';
import type { StoreInfo, TrustEntry, TrustMap, TrustPlan } from '../../../../shared/model/trust.js';
import { invoke } from '../../ipc/client.js';
import { useAppStore } from '../../store/app-store.js';

/** Where a certificate comes from: a file path, or an object opened in Inspect/Chain. */
export type CertificateSource = { kind: 'path'; path: string } | { kind: 'object'; id: string };

/** A change waiting for the user's confirmation, with the exact plan main will run. */
export interface PendingChange {
  readonly plan: TrustPlan;
  readonly storeId: string;
  readonly source?: CertificateSource;
  readonly label?: string;
}

export type FleetFormat = 'mobileconfig' | 'powershell' | 'ansible' | 'shell';
export type FleetPreview = Res<'trust.export'> & { readonly format: FleetFormat };

const CERT_FILTERS = [
  { name: 'Certificates', extensions: ['pem', 'crt', 'cer', 'der'] },
  { name: 'All files', extensions: ['*'] },
];

interface TrustState {
  stores: readonly StoreInfo[];
  selected: string | null;
  listing: readonly TrustEntry[];
  search: string;
  pending: PendingChange | null;
  /** The certificate the trust map and fleet export are about. */
  subject: CertificateSource | null;
  map: TrustMap | null;
  fleet: FleetPreview | null;
  loadStores(): Promise<void>;
  addStore(id: string): Promise<void>;
  select(id: string): Promise<void>;
  setSearch(search: string): void;
  planAddFromDialog(): Promise<void>;
  planAdd(storeId: string, source: CertificateSource, label?: string): Promise<void>;
  planRemove(storeId: string, sha256: string): Promise<void>;
  confirm(): Promise<boolean>;
  cancel(): void;
  chooseMapCertificate(): Promise<void>;
  showMap(source: CertificateSource): Promise<void>;
  addToAllMissing(): Promise<void>;
  exportFleet(format: FleetFormat, save: boolean): Promise<void>;
}

/** The trust-stores workspace state; every change is planned by main, shown, then confirmed. */
export const useTrustStore = create<TrustState>()((set, get) => {
  const app = () => useAppStore.getState();
  const guard = async <T,>(label: string, work: () => Promise<T>): Promise<T | undefined> => {
    try {
      return await app().track(label, work());
    } catch (err) {
      app().reportError(err);
      return undefined;
    }
  };
  const pickFile = async (title: string): Promise<string | undefined> => (await invoke('dialog.openFiles', { title, filters: CERT_FILTERS })).paths[0];
  return {
    stores: [],
    selected: null,
    listing: [],
    search: '',
    pending: null,
    subject: null,
    map: null,
    fleet: null,
    loadStores: async () => {
      const res = await guard('Finding trust stores', () => invoke('trust.stores', { extraStores: [] }));
      if (res) set({ stores: res.stores });
    },
    addStore: async (id) => {
      const info = await guard(`Opening ${id}`, () => invoke('trust.remember', { storeId: id }));
      if (!info) return;
      await get().loadStores();
      await get().select(info.id);
    },
    select: async (id) => {
      set({ selected: id, listing: [] });
      const res = await guard(`Listing ${id}`, () => invoke('trust.list', { storeId: id }));
      if (res && get().selected === id) set({ listing: res.certificates });
    },
    setSearch: (search) => set({ search }),
    planAddFromDialog: async () => {
      const storeId = get().selected;
      if (!storeId) return;
      const path = await guard('Choosing a certificate', () => pickFile('Certificate to add'));
      if (path) await get().planAdd(storeId, { kind: 'path', path });
    },
    planAdd: async (storeId, source, label) => {
      const request = label ? { storeId, source, label } : { storeId, source };
      const plan = await guard('Planning', () => invoke('trust.planAdd', request));
      if (plan) set({ pending: { plan, storeId, source, ...(label ? { label } : {}) } });
    },
    planRemove: async (storeId, sha256) => {
      const plan = await guard('Planning', () => invoke('trust.planRemove', { storeId, sha256 }));
      if (plan) set({ pending: { plan, storeId } });
    },
    confirm: async () => {
      const pending = get().pending;
      if (!pending) return false;
      const { plan, storeId, source, label } = pending;
      const done =
        plan.action === 'add' && source
          ? await guard(`Adding to ${storeId}`, () => invoke('trust.add', label ? { storeId, source, label } : { storeId, source }))
          : await guard(`Removing from ${storeId}`, () => invoke('trust.remove', { storeId, sha256: plan.sha256 }));
      set({ pending: null });
      if (!done) return false;
      app().pushToast({ kind: 'success', message: `${done.action === 'add' ? 'Added to' : 'Removed from'} ${storeId}, confirmed by re-listing` });
      if (get().selected === storeId) await get().select(storeId);
      const subject = get().subject;
      if (subject && get().map) await get().showMap(subject);
      return true;
    },
    cancel: () => set({ pending: null }),
    chooseMapCertificate: async () => {
      const path = await guard('Choosing a certificate', () => pickFile('Certificate to look for'));
      if (path) await get().showMap({ kind: 'path', path });
    },
    showMap: async (source) => {
      set({ subject: source, fleet: null });
      const map = await guard('Reading every trust store', () => invoke('trust.where', { source, extraStores: [] }));
      if (map) set({ map });
    },
    addToAllMissing: async () => {
      const source = get().subject;
      if (!source) return;
      const res = await guard('Adding to every store that lacks it', () => invoke('trust.addToAllMissing', { source, extraStores: [] }));
      if (!res) return;
      const failed = res.results.filter((r) => r.outcome === 'failed');
      const added = res.results.filter((r) => r.outcome === 'added').length;
      app().pushToast({
        kind: failed.length ? 'error' : 'success',
        message: `Added to ${added} store(s)${failed.length ? `; failed: ${failed.map((f) => `${f.store.id} (${f.message})`).join(', ')}` : ''}`,
      });
      await get().showMap(source);
    },
    exportFleet: async (format, save) => {
      const source = get().subject;
      if (!source) return;
      const base = { source, format, nssDbs: [], javaCacerts: [] };
      const preview = await guard('Generating', () => invoke('trust.export', base));
      if (!preview) return;
      set({ fleet: { ...preview, format } });
      if (!save) return;
      const target = await guard('Saving', () => invoke('dialog.saveFile', { title: 'Save fleet export', defaultName: preview.fileName }));
      if (!target?.path) return;
      const saved = await guard('Saving', () => invoke('trust.export', { ...base, savePath: target.path! }));
      if (saved?.savedTo) app().pushToast({ kind: 'success', message: `Saved ${saved.savedTo}` });
    },
  };
});
