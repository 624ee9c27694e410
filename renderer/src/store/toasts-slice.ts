import type { StateCreator } from 'zustand';
import { UNSTABLE_ToastQueue as ToastQueue } from 'react-aria-components';
import type { AppState } from './app-store.js';

export type ToastKind = 'error' | 'success' | 'info';

/** A button on a toast; a toast with one stays until the user acts or dismisses it. */
export interface ToastAction {
  readonly label: string;
  run(): void;
}

export interface Toast {
  readonly kind: ToastKind;
  readonly message: string;
  /** What it is about, usually the file's name: the toast's title. */
  readonly subject?: string;
  /** For errors from main: the code, shown small so a user can quote it. */
  readonly code?: string;
  readonly action?: ToastAction;
}

/** How long a toast stays: errors longer, so they can be read; hovering or focusing pauses it. */
const TIMEOUT_MS: Readonly<Record<ToastKind, number>> = { error: 12_000, success: 6_000, info: 8_000 };

/** The toasts on screen; the oldest beyond this wait their turn instead of piling over the content. */
export const toastQueue = new ToastQueue<Toast>({ maxVisibleToasts: 3 });

export interface ToastsSlice {
  pushToast(toast: Toast): string;
  /** The one way features report a failure: a toast with main's message and code, titled by what failed. */
  reportError(err: unknown, subject?: string): void;
}

export const createToastsSlice: StateCreator<AppState, [], [], ToastsSlice> = (_set, get) => ({
  pushToast: (toast) => toastQueue.add(toast, toast.action ? {} : { timeout: TIMEOUT_MS[toast.kind] }),
  reportError: (err, subject) => {
    const code = typeof err === 'object' && err !== null && 'code' in err ? String((err as { code: unknown }).code) : undefined;
    const message = err instanceof Error ? err.message : String(err);
    get().pushToast({ kind: 'error', message, ...(code ? { code } : {}), ...(subject ? { subject } : {}) });
  },
});
