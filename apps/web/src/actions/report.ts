import { errorMessage, isNetworkError } from '../api/client.js';
import { useNoticesStore } from '../stores/notices-store.js';

/**
 * Shows a failed action to the user: the "server unreachable" banner when the request never
 * got an answer, else a toast with the server's message (which says what to do).
 */
export function reportFailure(error: unknown): void {
  const notices = useNoticesStore.getState();
  if (isNetworkError(error)) notices.setReachable(false);
  else notices.showError(errorMessage(error));
}

/** Runs an action, reporting its failure instead of throwing; resolves to whether it worked. */
export async function attempt(action: () => Promise<unknown>): Promise<boolean> {
  try {
    await action();
    return true;
  } catch (error) {
    reportFailure(error);
    return false;
  }
}
