import type { ReactNode } from 'react';
import './dialog.css';

/** Props of {@link Modal}. */
export interface ModalProps {
  /** The id of the element that names the dialog (its title). */
  readonly labelledBy: string;
  /** The id of the element that says what the dialog asks, for an alert dialog. */
  readonly describedBy?: string;
  /** The dialog's `data-testid`. */
  readonly testId: string;
  /** The dialog box's classes; `dialog` (the shared frame of dialog.css) when not given. */
  readonly className?: string;
  /** Classes added to the backdrop's `dialog-backdrop`, e.g. to stack above another modal. */
  readonly backdropClassName?: string;
  /** `alertdialog` for a question that interrupts (a confirmation). */
  readonly role?: 'dialog' | 'alertdialog';
  /** What the dialog shows, title included. */
  readonly children: ReactNode;
  /**
   * Called on Escape and on a press on the backdrop. A dialog that must stay open for a while
   * (a request in flight) ignores the call.
   */
  onClose(): void;
  /** Extra data attributes on the dialog box (state for styles and tests). */
  readonly [data: `data-${string}`]: string | number | boolean | undefined;
}

/**
 * The frame every modal dialog of the editor shares: a backdrop that closes it when pressed
 * outside the box, and a box with the dialog role, `aria-modal` and its accessible name, that
 * closes on Escape. Focus is the content's business (an `autoFocus` on its first control).
 */
export function Modal({
  labelledBy,
  describedBy,
  testId,
  className = 'dialog',
  backdropClassName,
  role = 'dialog',
  children,
  onClose,
  ...data
}: ModalProps) {
  return (
    <div
      className={backdropClassName ? `dialog-backdrop ${backdropClassName}` : 'dialog-backdrop'}
      // Mouse down, not click: a drag that starts inside the box and ends outside keeps it open.
      onMouseDown={(event) => event.target === event.currentTarget && onClose()}
    >
      <div
        {...data}
        className={className}
        role={role}
        aria-modal="true"
        aria-labelledby={labelledBy}
        aria-describedby={describedBy}
        data-testid={testId}
        onKeyDown={(event) => {
          if (event.key !== 'Escape') return;
          // Handled here: the editor's Escape would otherwise also clear the selection.
          event.preventDefault();
          onClose();
        }}
      >
        {children}
      </div>
    </div>
  );
}
