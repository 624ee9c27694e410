import type { ReactNode } from 'react';
import { Dialog as AriaDialog, Heading, Modal, ModalOverlay } from 'react-aria-components';

/**
 * The app's one modal dialog, on React Aria: focus moves in and stays in (Tab cycles), Escape
 * cancels, focus returns to what opened it, and the page behind is inert meanwhile. A flow that
 * needs more input (a password) asks for it inside the dialog, never in a second one behind it.
 */
export function Dialog({ title, onClose, children, className }: { title: string; onClose(): void; children: ReactNode; className?: string }) {
  return (
    <ModalOverlay isOpen onOpenChange={(open) => !open && onClose()} className="modal-overlay">
      <Modal className={className ? `modal ${className}` : 'modal'}>
        <AriaDialog className="dialog">
          <Heading slot="title" className="dialog-title">
            {title}
          </Heading>
          {children}
        </AriaDialog>
      </Modal>
    </ModalOverlay>
  );
}

/** The row of buttons at a dialog's foot, the confirming one last. */
export function DialogActions({ children }: { children: ReactNode }) {
  return <div className="dialog-actions">{children}</div>;
}
