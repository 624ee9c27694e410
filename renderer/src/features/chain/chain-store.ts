import { create } from 'zustand';
import type { CertificateDetail } from '../../../../shared/model/certificate-detail.js';
import type { ChainReport } from '../../../../shared/model/chain.js';
import type { ClientFamily } from '../../../../shared/model/client-families.js';
import { invoke } from '../../ipc/client.js';
import { useAppStore } from '../../store/app-store.js';

/** What the form asks for; empty strings mean "not given". */
export interface ChainQuery {
  readonly target: string;
  readonly servername: string;
  readonly proxy: string;
  readonly trust: string;
  readonly aia: boolean;
  readonly at: string;
  /** Certificate files to build with beside what the server sends. */
  readonly addPaths: readonly string[];
  /** A JDK cacerts file the Java verdict uses instead of the trust source above. */
  readonly javaCacerts: string;
  /** Also judge with every JDK cacerts and NSS database main discovers here, one matrix row each. */
  readonly everyLocalStore: boolean;
  /** The client family whose verdict makes the headline; empty: the OS store's client. */
  readonly client: ClientFamily | '';
}

interface ChainState {
  /** The form, kept here so it survives switching workspaces (e.g. to the trust stores and back). */
  query: ChainQuery;
  /** A `pem:PATH` trust source the user picked, offered in the trust menu. */
  customTrust: string | null;
  setQuery(patch: Partial<ChainQuery>): void;
  report: ChainReport | null;
  /** Why the last fetch or verify failed; the previous report is cleared so it cannot pass for this one. */
  failure: { readonly what: string; readonly message: string } | null;
  selectedSha: string | null;
  /** Decoded details (extensions, ASN.1) by object id, loaded when a node is selected. */
  details: Readonly<Record<string, CertificateDetail>>;
  /** The id of the running fetch/verify, for the cancel button. */
  runningTask: string | null;
  select(sha: string | null): void;
  fetch(query: ChainQuery): Promise<void>;
  verifyFiles(query: ChainQuery): Promise<void>;
  verifyText(text: string, query: ChainQuery): Promise<void>;
  cancel(): Promise<void>;
  /** Asks for a PEM bundle and makes it the trust source; false when the user cancelled. */
  pickTrustFile(): Promise<boolean>;
  pickCertificateFiles(): Promise<string[]>;
  /** Saves the corrected bundle, the root, or the certificates exactly as the server presented them. */
  exportCertificates(kind: 'bundle' | 'root' | 'presented'): Promise<void>;
}

const CERT_FILTERS = [
  { name: 'Certificates', extensions: ['pem', 'crt', 'cer', 'der', 'p7b', 'p7c'] },
  { name: 'All files', extensions: ['*'] },
];

const EXPORT_TITLES = {
  bundle: { title: 'Save the corrected server bundle', file: 'fullchain.pem' },
  root: { title: 'Save the root certificate', file: 'root.pem' },
  presented: { title: 'Save the chain as the server presented it', file: 'presented-chain.pem' },
} as const;

let taskCounter = 0;

const settings = (q: ChainQuery) => ({
  trust: q.trust
    ? [q.trust, ...(q.javaCacerts.trim() ? [`jdk:${q.javaCacerts.trim()}`] : []), ...(q.everyLocalStore ? ['jdks', 'nssdbs'] : [])]
    : undefined,
  clients: q.client ? [q.client] : undefined,
  aia: q.aia || undefined,
  at: q.at ? new Date(q.at).toISOString() : undefined,
});

/** The Chain workspace's state: the last report, the selected node and the running task. */
export const useChainStore = create<ChainState>()((set, get) => {
  const app = () => useAppStore.getState();
  const run = async (label: string, work: (taskId: string) => Promise<ChainReport>) => {
    const taskId = `chain-${++taskCounter}`;
    set({ runningTask: taskId });
    try {
      const report = await app().track(label, work(taskId));
      set({ report, failure: null, selectedSha: null, details: {} });
    } catch (err) {
      set({ report: null, failure: { what: label, message: err instanceof Error ? err.message : String(err) }, selectedSha: null, details: {} });
      app().reportError(err);
    } finally {
      if (get().runningTask === taskId) set({ runningTask: null });
    }
  };
  return {
    query: { target: '', servername: '', proxy: '', trust: 'system', aia: false, at: '', addPaths: [], javaCacerts: '', everyLocalStore: false, client: '' },
    customTrust: null,
    setQuery: (patch) => set((s) => ({ query: { ...s.query, ...patch } })),
    report: null,
    failure: null,
    selectedSha: null,
    runningTask: null,
    details: {},
    select: (selectedSha) => {
      set({ selectedSha });
      const id = get().report?.certificates.find((c) => c.sha256 === selectedSha)?.id;
      if (!id || get().details[id]) return;
      invoke('inspect.detail', { id })
        .then((detail) => set((s) => ({ details: { ...s.details, [id]: detail } })))
        .catch((err: unknown) => app().reportError(err));
    },
    fetch: (q) =>
      run(`Fetching ${q.target}`, (taskId) =>
        invoke('chain.fetch', {
          target: q.target.trim(),
          servername: q.servername.trim() || undefined,
          proxy: q.proxy.trim() || undefined,
          addPaths: q.addPaths.length ? [...q.addPaths] : undefined,
          taskId,
          ...settings(q),
        }),
      ),
    verifyFiles: async (q) => {
      let paths: string[];
      try {
        ({ paths } = await invoke('dialog.openFiles', { title: 'Certificates to verify', filters: CERT_FILTERS }));
      } catch (err) {
        app().reportError(err);
        return;
      }
      if (paths.length === 0) return;
      await run('Verifying files', (taskId) => invoke('chain.verifyFiles', { paths, hostname: q.servername.trim() || undefined, taskId, ...settings(q) }));
    },
    verifyText: (text, q) =>
      run('Verifying pasted certificates', (taskId) => invoke('chain.verifyText', { text, hostname: q.servername.trim() || undefined, taskId, ...settings(q) })),
    cancel: async () => {
      const taskId = get().runningTask;
      if (taskId) await invoke('task.cancel', { taskId }).catch((err: unknown) => app().reportError(err));
    },
    pickTrustFile: async () => {
      try {
        const { paths } = await invoke('dialog.openFiles', { title: 'Trusted roots (PEM bundle)', filters: CERT_FILTERS });
        if (!paths[0]) return false;
        const trust = `pem:${paths[0]}`;
        set((s) => ({ customTrust: trust, query: { ...s.query, trust } }));
        return true;
      } catch (err) {
        app().reportError(err);
        return false;
      }
    },
    pickCertificateFiles: async () => {
      try {
        return (await invoke('dialog.openFiles', { title: 'Intermediates to build with', filters: CERT_FILTERS })).paths;
      } catch (err) {
        app().reportError(err);
        return [];
      }
    },
    exportCertificates: async (kind) => {
      const report = get().report;
      const shas = kind === 'presented' ? (report?.presented ?? []) : kind === 'bundle' ? (report?.bundle?.chain ?? []) : report?.bundle?.root ? [report.bundle.root] : [];
      if (!report || shas.length === 0) return;
      const ids = shas.map((sha) => report.certificates.find((c) => c.sha256 === sha)!.id);
      try {
        const { path } = await invoke('dialog.saveFile', {
          title: EXPORT_TITLES[kind].title,
          defaultName: EXPORT_TITLES[kind].file,
          filters: CERT_FILTERS,
        });
        if (!path) return;
        const done = await invoke('chain.exportBundle', { path, certificateIds: ids });
        app().pushToast({ kind: 'success', message: `Saved ${done.certificates} certificate${done.certificates === 1 ? '' : 's'} to ${done.path}` });
      } catch (err) {
        app().reportError(err);
      }
    },
  };
});
