import { useEffect } from 'react';
import { selectToasts, useAppStore, type AppState } from '../store/app-store.js';
import type { Toast } from '../store/toasts-slice.js';

const DISMISS_MS = 8000;

/** Errors and confirmations, stacked in a corner; errors stay until dismissed, others fade. */
export function Toasts() {
  const toasts = useAppStore(selectToasts);
  return (
    <div className="toasts" aria-live="assertive">
      {toasts.map((t) => (
        <ToastView key={t.id} toast={t} />
      ))}
    </div>
  );
}

const selectDismiss = (s: AppState) => s.dismissToast;

function ToastView({ toast }: { toast: Toast }) {
  const dismiss = useAppStore(selectDismiss);
  useEffect(() => {
    if (toast.kind === 'error') return undefined;
    const timer = setTimeout(() => dismiss(toast.id), DISMISS_MS);
    return () => clearTimeout(timer);
  }, [toast, dismiss]);
  return (
    <div className={`toast toast-${toast.kind}`} role={toast.kind === 'error' ? 'alert' : 'status'}>
      <span className="toast-message">{toast.message}</span>
      {toast.code ? <span className="toast-code">{toast.code}</span> : null}
      <button type="button" className="toast-close" onClick={() => dismiss(toast.id)} aria-label="Dismiss">
        ×
      </button>
    </div>
  );
}
