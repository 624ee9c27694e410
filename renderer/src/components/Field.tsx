import type { ReactNode } from 'react';
import { CopyButton } from './CopyButton.js';

/** One labelled value of a detail pane, copyable when it is text. */
export function Field({ label, value, children }: { label: string; value?: string; children?: ReactNode }) {
  return (
    <div className="field" data-field={label}>
      <span className="field-label">{label}</span>
      <span className="field-value">{children ?? value}</span>
      {value !== undefined && value !== '' ? <CopyButton value={value} /> : null}
    </div>
  );
}
