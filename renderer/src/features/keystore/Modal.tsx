import type { ReactNode } from 'react';

/** An in-page dialog (the renderer has no native confirm under its CSP); Escape or Cancel closes it. */
export function Modal({ title, children, onClose }: { title: string; children: ReactNode; onClose: () => void }) {
  return (
    <div className="ks-modal-backdrop" onKeyDown={(e) => e.key === 'Escape' && onClose()}>
      <div className="ks-modal" role="dialog" aria-modal="true" aria-label={title}>
        <h2>{title}</h2>
        {children}
      </div>
    </div>
  );
}
