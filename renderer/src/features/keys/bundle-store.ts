import { create } from 'zustand';
import type { Res } from '../../../../shared/ipc/contract.js';
import type { BundleAnalysis, BundleFiles, PfxProfile } from '../../../../shared/model/keys-bundle.js';
import type { KeyProtection } from '../../../../shared/model/keys.js';
import { invoke } from '../../ipc/client.js';
import { useAppStore } from '../../store/app-store.js';
import { useKeysStore } from './keys-store.js';

type OpenRes = Res<'dialog.openFiles'>;

interface BundleState {
  answerPath: string | null;
  chainPaths: string[];
  aia: boolean;
  analysis: BundleAnalysis | null;
  files: BundleFiles | null;
  pfx: { enabled: boolean; profile: PfxProfile; password: string };
  busy: boolean;
  pickAnswer(): Promise<void>;
  addChain(): Promise<void>;
  setAia(aia: boolean): void;
  setPfx(patch: Partial<BundleState['pfx']>): void;
  analyse(): Promise<void>;
  /** Unlocks the matched vault key (kept encrypted from an earlier session), then re-checks. */
  unlock(passphrase: string): Promise<void>;
  write(protection: KeyProtection): Promise<void>;
}

const CERTS = [{ name: 'CA answer', extensions: ['pem', 'crt', 'cer', 'der', 'p7b', 'p7c'] }];

/** Folder of a path the save dialog returned, on either separator (the renderer has no node:path). */
const folderOf = (path: string): string => path.slice(0, Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'))) || '/';

/** CA answer → bundle: what the CA sent, the chain found for it, and the files written. */
export const useBundleStore = create<BundleState>()((set, get) => {
  const app = () => useAppStore.getState();
  const guarded = async (label: string, work: () => Promise<void>) => {
    set({ busy: true });
    try {
      await app().track(label, work());
    } catch (err) {
      app().reportError(err);
    } finally {
      set({ busy: false });
    }
  };
  const open = (title: string): Promise<OpenRes> => invoke('dialog.openFiles', { title, filters: CERTS });
  return {
    answerPath: null,
    chainPaths: [],
    aia: false,
    analysis: null,
    files: null,
    pfx: { enabled: false, profile: 'modern', password: '' },
    busy: false,
    pickAnswer: async () => {
      const { paths } = await open("The CA's answer");
      if (paths[0]) set({ answerPath: paths[0], analysis: null, files: null });
    },
    addChain: async () => {
      const { paths } = await open('Intermediate certificates');
      if (paths.length > 0) set((s) => ({ chainPaths: [...s.chainPaths, ...paths], analysis: null }));
    },
    setAia: (aia) => set({ aia }),
    setPfx: (patch) => set((s) => ({ pfx: { ...s.pfx, ...patch } })),
    analyse: () =>
      guarded('Matching the answer to its key', async () => {
        const { answerPath, chainPaths, aia } = get();
        if (!answerPath) return;
        const created = useKeysStore.getState().created;
        const analysis = await invoke('keys.bundleAnalyse', { answerPath, chainPaths, aia, requestedSans: created?.plan.sans ?? [] });
        set({ analysis, files: null });
      }),
    unlock: async (passphrase) => {
      const id = get().analysis?.key?.info.id;
      if (!id) return;
      await guarded('Unlocking the key', async () => {
        await invoke('keys.unlock', { id, passphrase });
      });
      await get().analyse();
    },
    write: (keyProtection) =>
      guarded('Writing the bundle', async () => {
        const { analysis, pfx } = get();
        if (!analysis) return;
        const { path } = await invoke('dialog.saveFile', { title: 'Bundle folder (fullchain.pem goes here)', defaultName: 'fullchain.pem' });
        if (!path) return;
        const outDir = folderOf(path);
        const pfxOut = pfx.enabled ? { path: `${outDir}/bundle.pfx`, profile: pfx.profile, password: pfx.password } : undefined;
        const { files } = await invoke('keys.bundleWrite', { id: analysis.id, outDir, keyProtection, pfx: pfxOut });
        set({ files });
        app().pushToast({ kind: 'success', message: `Wrote the bundle to ${outDir}` });
      }),
  };
});
