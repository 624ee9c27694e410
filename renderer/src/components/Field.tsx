import type { ReactNode } from 'react';

/** One labelled value of a detail pane; a text value can be focused and copied from the context menu. */
export function Field({ label, value, children }: { label: string; value?: string; children?: ReactNode }) {
  const copyable = value !== undefined && value !== '';
  return (
    <div className="field" data-field={label}>
      <span className="field-label">{label}</span>
      <span className="field-value" {...(copyable ? { 'data-copy': value, 'data-copy-label': label, tabIndex: 0 } : {})}>
        {children ?? value}
      </span>
    </div>
  );
}
