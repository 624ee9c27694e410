import { useState } from 'react';
import { useAppStore } from '../store/app-store.js';

/** Copies `value` to the clipboard and says so; every shown value that a user may paste gets one. */
export function CopyButton({ value, label = 'Copy' }: { value: string; label?: string }) {
  const [copied, setCopied] = useState(false);
  const reportError = useAppStore((s) => s.reportError);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(value);
      setCopied(true);
      setTimeout(() => setCopied(false), 1500);
    } catch (err) {
      reportError(err);
    }
  };
  return (
    <button type="button" className="copy-button" onClick={copy} aria-label={`${label}: ${value}`} title={value}>
      {copied ? 'Copied' : label}
    </button>
  );
}
