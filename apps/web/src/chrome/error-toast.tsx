import { useEffect } from 'react';
import { CloseIcon } from './icons.js';
import { useNoticesStore } from '../stores/notices-store.js';
import './notices.css';

/** How long a toast stays, long enough to read a server message of a few lines. */
const TOAST_MS = 9000;

/** The last failed action, with the server's message; one at a time, dismissed or timed out. */
export function ErrorToast() {
  const toast = useNoticesStore((s) => s.toast);
  useEffect(() => {
    if (!toast) return;
    const timer = setTimeout(() => useNoticesStore.getState().dismiss(toast.id), TOAST_MS);
    return () => clearTimeout(timer);
  }, [toast]);
  if (!toast) return null;
  return (
    <div className="error-toast" role="alert" data-testid="error-toast">
      <span className="toast-message">{toast.message}</span>
      <button
        type="button"
        className="icon-btn"
        aria-label="Dismiss"
        onClick={() => useNoticesStore.getState().dismiss(toast.id)}
      >
        <CloseIcon />
      </button>
    </div>
  );
}
