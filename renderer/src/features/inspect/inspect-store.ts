import { create } from 'zustand';
import type { InspectedObject, InspectResult } from '../../../../shared/model/inspected-object.js';
import { invoke } from '../../ipc/client.js';
import { useAppStore } from '../../store/app-store.js';
import { fileToBase64 } from '../../components/use-file-drop.js';

const CERT_FILTERS = [
  { name: 'Certificates, keys and stores', extensions: ['pem', 'crt', 'cer', 'der', 'p7b', 'p7c', 'pfx', 'p12', 'jks', 'csr', 'key'] },
  { name: 'All files', extensions: ['*'] },
];

interface InspectState {
  objects: readonly InspectedObject[];
  selectedId: string | null;
  select(id: string): void;
  openViaDialog(): Promise<void>;
  openPaths(paths: readonly string[]): Promise<void>;
  openFiles(files: readonly File[]): Promise<void>;
  openText(text: string): Promise<void>;
}

/** The Inspect workspace's state: what was opened, and which object the detail pane shows. */
export const useInspectStore = create<InspectState>()((set, get) => {
  const app = () => useAppStore.getState();
  const add = (results: readonly InspectResult[]) => {
    const added = results.flatMap((r) => r.objects);
    if (added.length === 0) return;
    set((s) => ({ objects: [...s.objects, ...added], selectedId: added[0]!.id }));
  };
  const guarded = async (label: string, work: () => Promise<readonly InspectResult[]>) => {
    try {
      add(await app().track(label, work()));
    } catch (err) {
      app().reportError(err);
    }
  };
  return {
    objects: [],
    selectedId: null,
    select: (selectedId) => set({ selectedId }),
    openViaDialog: async () => {
      try {
        const { paths } = await invoke('dialog.openFiles', { title: 'Open certificates', filters: CERT_FILTERS });
        await get().openPaths(paths);
      } catch (err) {
        app().reportError(err);
      }
    },
    openPaths: (paths) => guarded('Opening files', () => Promise.all(paths.map((path) => invoke('inspect.open', { path })))),
    openFiles: (files) =>
      guarded('Reading dropped files', () =>
        Promise.all(files.map(async (f) => invoke('inspect.bytes', { name: f.name, base64: await fileToBase64(f) }))),
      ),
    openText: (text) => guarded('Reading pasted text', async () => [await invoke('inspect.text', { text })]),
  };
});

export const selectSelected = (s: InspectState) => s.objects.find((o) => o.id === s.selectedId) ?? null;
