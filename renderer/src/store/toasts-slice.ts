import type { StateCreator } from 'zustand';
import type { AppState } from './app-store.js';

export type ToastKind = 'error' | 'success' | 'info';

export interface Toast {
  readonly id: number;
  readonly kind: ToastKind;
  readonly message: string;
  /** For errors from main: the code, shown small so a user can quote it. */
  readonly code?: string;
}

export interface ToastsSlice {
  toasts: readonly Toast[];
  pushToast(toast: Omit<Toast, 'id'>): void;
  dismissToast(id: number): void;
  /** The one way features report a failure: a toast with main's message and code. */
  reportError(err: unknown): void;
}

let toastCounter = 0;

export const createToastsSlice: StateCreator<AppState, [], [], ToastsSlice> = (set, get) => ({
  toasts: [],
  pushToast: (toast) => set((s) => ({ toasts: [...s.toasts.slice(-4), { ...toast, id: ++toastCounter }] })),
  dismissToast: (id) => set((s) => ({ toasts: s.toasts.filter((t) => t.id !== id) })),
  reportError: (err) => {
    const code = typeof err === 'object' && err !== null && 'code' in err ? String((err as { code: unknown }).code) : undefined;
    const message = err instanceof Error ? err.message : String(err);
    get().pushToast({ kind: 'error', message, code });
  },
});
