import { create } from 'zustand';
import type { Req, Res } from '../../../../shared/ipc/contract.js';
import type { ListedCertificate } from '../../../../shared/model/inspected-object.js';
import type { AddAllPlan, IssuedPlan, StoreInfo, TrustEntry, TrustMap } from '../../../../shared/model/trust.js';
import { invoke } from '../../ipc/client.js';
import { useAppStore } from '../../store/app-store.js';

/** Where a certificate comes from: a file path, or an object opened in Inspect/Chain. */
export type CertificateSource = Req<'trust.where'>['source'];

/**
 * Changes waiting for the user's confirmation: the plans main keeps (run by id, exactly as shown),
 * and for "add to all missing" the stores left out and why.
 */
export interface PendingChange {
  readonly title: string;
  readonly plans: readonly IssuedPlan[];
  readonly skipped: AddAllPlan['skipped'];
}

export type FleetFormat = Req<'trust.export'>['format'];
export type FleetPreview = Res<'trust.export'> & { readonly format: FleetFormat };

const CERT_FILTERS = [
  { name: 'Certificates', extensions: ['pem', 'crt', 'cer', 'der'] },
  { name: 'All files', extensions: ['*'] },
];

interface TrustState {
  stores: readonly StoreInfo[];
  selected: string | null;
  /** The selected store as the listing describes it (with the reason when it cannot be read). */
  selectedInfo: StoreInfo | null;
  listing: readonly TrustEntry[];
  search: string;
  /** Certificates opened for the detail pane, by `certificateKey`: fetched when selected, never per row. */
  certificates: Readonly<Record<string, ListedCertificate>>;
  pending: PendingChange | null;
  /** The certificate the trust map and fleet export are about. */
  subject: CertificateSource | null;
  map: TrustMap | null;
  fleet: FleetPreview | null;
  loadStores(): Promise<void>;
  addStore(id: string): Promise<void>;
  select(id: string): Promise<void>;
  setSearch(search: string): void;
  showCertificate(sha256: string): void;
  planAddFromDialog(): Promise<void>;
  /** `overrideDistrust`: the user chose to replace an explicit distrust the trust map showed. */
  planAdd(storeId: string, source: CertificateSource, label?: string, overrideDistrust?: boolean): Promise<void>;
  planRemove(storeId: string, sha256: string): Promise<void>;
  confirm(): Promise<boolean>;
  cancel(): Promise<void>;
  chooseMapCertificate(): Promise<void>;
  showMap(source: CertificateSource): Promise<void>;
  addToAllMissing(): Promise<void>;
  exportFleet(format: FleetFormat, save: boolean): Promise<void>;
}

/** A store's certificate: the same certificate in two stores may carry two names (NSS nickname, file name). */
export const certificateKey = (storeId: string, sha256: string) => `${storeId}\n${sha256}`;

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
    selectedInfo: null,
    listing: [],
    search: '',
    certificates: {},
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
      set({ selected: id, selectedInfo: null, listing: [] });
      const res = await guard(`Listing ${id}`, () => invoke('trust.list', { storeId: id }));
      if (res && get().selected === id) set({ listing: res.certificates, selectedInfo: res.store });
    },
    setSearch: (search) => set({ search }),
    showCertificate: (sha256) => {
      const storeId = get().selected;
      if (!storeId) return;
      const key = certificateKey(storeId, sha256);
      if (get().certificates[key]) return;
      invoke('trust.certificate', { storeId, sha256 })
        .then((listed) => set((s) => ({ certificates: { ...s.certificates, [key]: listed } })))
        .catch((err: unknown) => app().reportError(err));
    },
    planAddFromDialog: async () => {
      const storeId = get().selected;
      if (!storeId) return;
      const path = await guard('Choosing a certificate', () => pickFile('Certificate to add'));
      if (path) await get().planAdd(storeId, { kind: 'path', path });
    },
    planAdd: async (storeId, source, label, overrideDistrust) => {
      const request = { storeId, source, ...(label ? { label } : {}), ...(overrideDistrust ? { overrideDistrust } : {}) };
      const plan = await guard('Planning', () => invoke('trust.planAdd', request));
      if (plan) set({ pending: { title: `Add to ${storeId}`, plans: [plan], skipped: [] } });
    },
    planRemove: async (storeId, sha256) => {
      const plan = await guard('Planning', () => invoke('trust.planRemove', { storeId, sha256 }));
      if (plan) set({ pending: { title: `Remove from ${storeId}`, plans: [plan], skipped: [] } });
    },
    confirm: async () => {
      const pending = get().pending;
      if (!pending) return false;
      set({ pending: null });
      const failed: string[] = [];
      let done = 0;
      for (const plan of pending.plans) {
        if (plan.alreadyDone || !plan.runnableHere) {
          await invoke('trust.discard', { planId: plan.planId }).catch(() => undefined);
          continue;
        }
        const ran = await guard(`${plan.action === 'add' ? 'Adding to' : 'Removing from'} ${plan.storeId}`, () => invoke('trust.run', { planId: plan.planId }));
        if (ran) done += 1;
        else failed.push(plan.storeId);
      }
      if (done > 0) {
        app().pushToast({
          kind: failed.length ? 'error' : 'success',
          message: `${pending.title}: done in ${done} store(s), confirmed by re-listing${failed.length ? `; failed: ${failed.join(', ')}` : ''}`,
        });
      }
      // A run can make a store readable (a created NSS database) or change what it holds: read both again.
      await get().loadStores();
      const selected = get().selected;
      if (selected) await get().select(selected);
      const subject = get().subject;
      if (subject && get().map) await get().showMap(subject);
      return failed.length === 0;
    },
    cancel: async () => {
      const pending = get().pending;
      set({ pending: null });
      for (const plan of pending?.plans ?? []) await invoke('trust.discard', { planId: plan.planId }).catch(() => undefined);
    },
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
      const res = await guard('Planning for every store that lacks it', () => invoke('trust.planAddToAllMissing', { source, extraStores: [] }));
      if (res) set({ pending: { title: 'Add to all missing', plans: res.plans, skipped: res.skipped } });
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
