import { create } from 'zustand';
import type { Req } from '../../../../shared/ipc/contract.js';
import type { CertificateDetail } from '../../../../shared/model/certificate-detail.js';
import type { InspectedObject, InspectResult } from '../../../../shared/model/inspected-object.js';
import type { ExpiryFilterValue } from '../../components/ExpiryFilter.js';
import { invoke, isIpcError } from '../../ipc/client.js';
import { useAppStore } from '../../store/app-store.js';
import { fileToBase64 } from '../../components/use-file-drop.js';

const CERT_FILTERS = [
  { name: 'Certificates, keys and stores', extensions: ['pem', 'crt', 'cer', 'der', 'p7b', 'p7c', 'pfx', 'p12', 'jks', 'jceks', 'csr', 'key', 'pub', 'txt'] },
  { name: 'All files', extensions: ['*'] },
];

/** An open request (the channel's request without its password) that can be retried with a password. */
type Retryable<C extends 'inspect.open' | 'inspect.bytes' | 'inspect.text'> = Readonly<Omit<Req<C>, 'password'>>;
export type PendingOpen =
  | ({ readonly kind: 'path'; readonly name: string } & Retryable<'inspect.open'>)
  | ({ readonly kind: 'bytes' } & Retryable<'inspect.bytes'>)
  | ({ readonly kind: 'text'; readonly name: string } & Retryable<'inspect.text'>);

/** The password prompt: which input asks, and why (first time, or the last try was wrong). */
export interface PasswordPrompt {
  readonly request: PendingOpen;
  readonly reason: string;
}

/** The export dialog's choices: the export request's own fields, plus what picks the ids and the path. */
export interface ExportOptions extends Readonly<Pick<Req<'inspect.export'>, 'format' | 'password'>>, Readonly<Required<Pick<Req<'inspect.export'>, 'order' | 'pfxProfile' | 'unencryptedKey'>>> {
  /** Combine every opened certificate (and the key matching the leaf) instead of the selection. */
  readonly everything: boolean;
  /** One file per certificate, written into a new folder (not for PFX). */
  readonly split: boolean;
}

/** One opened input (file, dropped file or pasted text) and the objects read from it. */
export interface OpenedFile {
  readonly id: number;
  readonly name: string;
  readonly objectIds: readonly string[];
}

interface InspectState {
  /** Newest file's objects first, so what was just opened is at the top of the list. */
  objects: readonly InspectedObject[];
  files: readonly OpenedFile[];
  /** The file name each object came from, by object id. */
  fileOf: Readonly<Record<string, string>>;
  expiryFilter: ExpiryFilterValue;
  /** Why the pasted text could not be read; the text stays in the box. */
  pasteError: string | null;
  selectedId: string | null;
  query: string;
  details: Readonly<Record<string, CertificateDetail>>;
  prompts: readonly PasswordPrompt[];
  /** The open in progress, which `cancelOpening` stops (main aborts it: see task.cancel). */
  opening: { readonly taskId: string; readonly name: string } | null;
  select(id: string): void;
  setQuery(query: string): void;
  setExpiryFilter(filter: ExpiryFilterValue): void;
  closeFile(id: number): void;
  openViaDialog(): Promise<void>;
  openPaths(paths: readonly string[]): Promise<void>;
  openFiles(files: readonly File[]): Promise<void>;
  /** True when the text was read; otherwise `pasteError` says why. */
  openText(text: string): Promise<boolean>;
  submitPassword(password: string): Promise<void>;
  cancelPassword(): void;
  cancelOpening(): Promise<void>;
  exportSelected(options: ExportOptions): Promise<void>;
  clear(): void;
}

const PASSWORD_CODES = ['password-required', 'wrong-password', 'no-mac'] as const;

function openRequest(request: PendingOpen, taskId: string, password?: string): Promise<InspectResult> {
  const pw = password === undefined ? { taskId } : { taskId, password };
  if (request.kind === 'path') return invoke('inspect.open', { path: request.path, ...pw });
  if (request.kind === 'bytes') return invoke('inspect.bytes', { name: request.name, base64: request.base64, ...pw });
  return invoke('inspect.text', { text: request.text, ...pw });
}

let openCounter = 0;
let fileCounter = 0;

/** The Inspect workspace's state: what was opened, the selection and its detail, password prompts. */
export const useInspectStore = create<InspectState>()((set, get) => {
  const app = () => useAppStore.getState();
  const add = (name: string, result: InspectResult) => {
    // A damaged part (a bad PEM block) is named; the rest of the input is still shown.
    for (const problem of result.problems) app().pushToast({ kind: 'error', subject: name, message: problem.message, code: problem.code });
    for (const note of result.notes) app().pushToast({ kind: 'info', subject: name, message: note.message });
    if (result.objects.length === 0) return;
    const file: OpenedFile = { id: ++fileCounter, name, objectIds: result.objects.map((o) => o.id) };
    set((s) => ({
      objects: [...result.objects, ...s.objects],
      files: [file, ...s.files],
      fileOf: { ...s.fileOf, ...Object.fromEntries(file.objectIds.map((id) => [id, name])) },
    }));
    get().select(result.objects[0]!.id);
  };
  /**
   * Opens one input; true when it was read. A password error queues a prompt instead of a toast;
   * pasted text that fails keeps its reason beside the box; a file's failure is a toast naming it.
   */
  const open = async (request: PendingOpen, password?: string): Promise<boolean> => {
    const taskId = `inspect-open-${++openCounter}`;
    set({ opening: { taskId, name: request.name } });
    try {
      add(request.name, await app().track(`Opening ${request.name}`, openRequest(request, taskId, password)));
      if (request.kind === 'text') set({ pasteError: null });
      return true;
    } catch (err) {
      if (isIpcError(err, 'cancelled')) {
        app().pushToast({ kind: 'info', subject: request.name, message: `Stopped opening ${request.name}` });
        return false;
      }
      const code = PASSWORD_CODES.find((c) => isIpcError(err, c));
      if (code) {
        const reason = code === 'password-required' ? `${request.name} is protected by a password.` : (err as Error).message;
        set((s) => ({ prompts: [...s.prompts.filter((p) => p.request !== request), { request, reason }] }));
      } else if (request.kind === 'text') {
        set({ pasteError: err instanceof Error ? err.message : String(err) });
      } else {
        app().reportError(err, request.name);
      }
      return false;
    } finally {
      if (get().opening?.taskId === taskId) set({ opening: null });
    }
  };
  return {
    objects: [],
    files: [],
    fileOf: {},
    expiryFilter: 'any',
    pasteError: null,
    selectedId: null,
    query: '',
    details: {},
    prompts: [],
    opening: null,
    select: (selectedId) => {
      set({ selectedId });
      const object = get().objects.find((o) => o.id === selectedId);
      if (object?.kind !== 'certificate' || get().details[selectedId]) return;
      invoke('inspect.detail', { id: selectedId })
        .then((detail) => set((s) => ({ details: { ...s.details, [selectedId]: detail } })))
        .catch((err) => app().reportError(err));
    },
    setQuery: (query) => set({ query }),
    setExpiryFilter: (expiryFilter) => set({ expiryFilter }),
    closeFile: (id) =>
      set((s) => {
        const gone = new Set(s.files.find((f) => f.id === id)?.objectIds);
        const keep = <V>(record: Readonly<Record<string, V>>) => Object.fromEntries(Object.entries(record).filter(([key]) => !gone.has(key)));
        return {
          files: s.files.filter((f) => f.id !== id),
          objects: s.objects.filter((o) => !gone.has(o.id)),
          fileOf: keep(s.fileOf),
          details: keep(s.details),
          selectedId: s.selectedId !== null && gone.has(s.selectedId) ? null : s.selectedId,
        };
      }),
    openViaDialog: async () => {
      try {
        const { paths } = await invoke('dialog.openFiles', { title: 'Open certificates, keys or stores', filters: CERT_FILTERS });
        await get().openPaths(paths);
      } catch (err) {
        app().reportError(err);
      }
    },
    openPaths: async (paths) => {
      for (const path of paths) await open({ kind: 'path', name: path.split(/[\\/]/).pop() ?? path, path });
    },
    openFiles: async (files) => {
      for (const file of files) await open({ kind: 'bytes', name: file.name, base64: await fileToBase64(file) });
    },
    openText: (text) => open({ kind: 'text', name: 'pasted text', text }),
    submitPassword: async (password) => {
      const [prompt, ...rest] = get().prompts;
      if (!prompt) return;
      set({ prompts: rest });
      await open(prompt.request, password);
    },
    cancelPassword: () => set((s) => ({ prompts: s.prompts.slice(1) })),
    cancelOpening: async () => {
      const opening = get().opening;
      if (!opening) return;
      try {
        await invoke('task.cancel', { taskId: opening.taskId });
      } catch (err) {
        app().reportError(err);
      }
    },
    exportSelected: async (options) => {
      const { selectedId, objects } = get();
      const selected = objects.find((o) => o.id === selectedId);
      if (!selected && !options.everything) return;
      try {
        const ext = options.format === 'pfx' ? 'pfx' : options.format;
        const split = options.split && options.format !== 'pfx';
        const { path } = await invoke(
          'dialog.saveFile',
          split
            ? { title: 'New folder for one file per certificate', defaultName: 'certificates' }
            : { title: 'Export', defaultName: `export.${ext}`, filters: [{ name: options.format.toUpperCase(), extensions: [ext] }] },
        );
        if (!path) return;
        const ids = options.everything ? allCertificateIds(objects) : exportIds(selected!, objects);
        const result = await app().track(
          'Exporting',
          invoke('inspect.export', {
            ids,
            format: options.format,
            path,
            overwrite: true,
            order: options.order,
            ...(split ? { split: true } : {}),
            pfxProfile: options.pfxProfile,
            unencryptedKey: options.unencryptedKey,
            ...(options.password !== undefined && options.password !== '' ? { password: options.password } : {}),
          }),
        );
        app().pushToast({ kind: 'success', message: `Wrote ${result.files.map((f) => f.path).join(', ')}` });
        result.warnings.forEach((message) => app().pushToast({ kind: 'info', message }));
      } catch (err) {
        app().reportError(err);
      }
    },
    clear: () => set({ objects: [], files: [], fileOf: {}, selectedId: null, details: {} }),
  };
});

/** What "export the selection" means: a container exports whole; a certificate takes its paired key along. */
function exportIds(selected: InspectedObject, objects: readonly InspectedObject[]): string[] {
  if (selected.kind !== 'certificate') return [selected.id];
  const key = objects.find((o) => o.kind === 'private-key' && o.matchesCertificateId === selected.id);
  return key ? [selected.id, key.id] : [selected.id];
}

/** Every opened certificate, plus one private key when one matches a certificate (the bundle's leaf). */
function allCertificateIds(objects: readonly InspectedObject[]): string[] {
  const certs = objects.filter((o) => o.kind === 'certificate').map((o) => o.id);
  const key = objects.find((o) => o.kind === 'private-key' && o.matchesCertificateId !== undefined);
  return key ? [...certs, key.id] : certs;
}

export const selectSelected = (s: InspectState) => s.objects.find((o) => o.id === s.selectedId) ?? null;
