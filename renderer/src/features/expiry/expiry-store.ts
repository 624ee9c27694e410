import { create } from 'zustand';
import type { ScanFinding, ScanKind, ScanReport } from '../../../../shared/model/scan.js';
import { invoke } from '../../ipc/client.js';
import { useAppStore } from '../../store/app-store.js';
import { keyDescription, useKeysStore } from '../keys/keys-store.js';

/** The list's filters; `where` matches any part of the place or the subject, case-insensitively. */
export interface ExpiryFilters {
  readonly windowDays: number;
  readonly kind: ScanKind | 'all';
  readonly where: string;
  /** Only what is expired or inside the window. */
  readonly attentionOnly: boolean;
}

interface ExpiryState {
  report: ScanReport | null;
  filters: ExpiryFilters;
  runningTask: string | null;
  setFilters(patch: Partial<ExpiryFilters>): void;
  scan(): Promise<void>;
  cancel(): Promise<void>;
  remember(folders: string[], endpoints: string[]): Promise<void>;
  exportCsv(findings: readonly ScanFinding[]): Promise<void>;
  renew(finding: ScanFinding): Promise<void>;
}

const DAY_MS = 86_400_000;
let taskCounter = 0;

/** Rows the filters keep, soonest expiry first; the window is applied here so changing it needs no rescan. */
export function visibleFindings(report: ScanReport | null, filters: ExpiryFilters, now = Date.now()): ScanFinding[] {
  if (!report) return [];
  const needle = filters.where.trim().toLowerCase();
  return report.findings
    .filter((f) => filters.kind === 'all' || f.kind === filters.kind)
    .filter((f) => !needle || f.where.toLowerCase().includes(needle) || f.subject.toLowerCase().includes(needle))
    .filter((f) => !filters.attentionOnly || Date.parse(f.notAfter) - now <= filters.windowDays * DAY_MS)
    .sort((a, b) => (a.notAfter < b.notAfter ? -1 : a.notAfter > b.notAfter ? 1 : 0));
}

/** The Expiry workspace: one inventory of everything Certbench sees on this machine. */
export const useExpiryStore = create<ExpiryState>()((set, get) => {
  const app = () => useAppStore.getState();
  return {
    report: null,
    filters: { windowDays: 60, kind: 'all', where: '', attentionOnly: false },
    runningTask: null,
    setFilters: (patch) => set((s) => ({ filters: { ...s.filters, ...patch } })),
    scan: async () => {
      const taskId = `expiry-${++taskCounter}`;
      set({ runningTask: taskId });
      try {
        const report = await app().track('Scanning this machine', invoke('scan.machine', { windowDays: get().filters.windowDays, taskId }));
        set({ report });
        if (report.problems.length) app().pushToast({ kind: 'info', message: `${report.problems.length} place(s) could not be read; the rest is listed` });
      } catch (err) {
        app().reportError(err);
      } finally {
        if (get().runningTask === taskId) set({ runningTask: null });
      }
    },
    cancel: async () => {
      const taskId = get().runningTask;
      if (taskId) await invoke('task.cancel', { taskId });
    },
    remember: async (folders, endpoints) => {
      try {
        await invoke('scan.remember', { folders, endpoints });
        await get().scan();
      } catch (err) {
        app().reportError(err);
      }
    },
    exportCsv: async (findings) => {
      try {
        const { path } = await invoke('scan.exportCsv', { findings: [...findings] });
        if (path) app().pushToast({ kind: 'info', message: `Saved ${findings.length} row(s) to ${path}` });
      } catch (err) {
        app().reportError(err);
      }
    },
    renew: async (finding) => {
      try {
        const keys = useKeysStore.getState();
        const result = await invoke('scan.renewSpec', { sha256: finding.sha256, keyFamily: keyDescription(keys).family });
        useKeysStore.setState({ spec: result.spec, template: 'renew' });
        result.notes.forEach((message) => app().pushToast({ kind: 'info', message }));
        app().openWorkspace('keys');
      } catch (err) {
        app().reportError(err);
      }
    },
  };
});
