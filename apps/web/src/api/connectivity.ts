/** Whether the server answered the last request: reported by the API client, read by the banner. */
export type ConnectivityListener = (reachable: boolean) => void;

const listeners = new Set<ConnectivityListener>();

/** Listens to reports of the server being reachable or not; returns what stops listening. */
export function onConnectivity(listener: ConnectivityListener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

const unauthorizedListeners = new Set<() => void>();

/** Listens to answers saying the session is gone (401); returns what stops listening. */
export function onUnauthorized(listener: () => void): () => void {
  unauthorizedListeners.add(listener);
  return () => unauthorizedListeners.delete(listener);
}

/** Reports that a request reached the server (true) or could not (false). */
export function reportConnectivity(reachable: boolean): void {
  for (const listener of listeners) listener(reachable);
}

/**
 * A fetch that reports connectivity: a network failure (the browser's TypeError) or a gateway
 * error (a dev proxy whose server is down) means unreachable; any other answer, even an error
 * of the API, means the server is there.
 */
export const reportingFetch: typeof fetch = async (input, init) => {
  let response: Response;
  try {
    response = await fetch(input, init);
  } catch (error) {
    // An aborted request says nothing about the server.
    if (!(error instanceof DOMException && error.name === 'AbortError')) reportConnectivity(false);
    throw error;
  }
  reportConnectivity(
    !(response.status === 502 || response.status === 503 || response.status === 504),
  );
  if (response.status === 401) for (const listener of unauthorizedListeners) listener();
  return response;
};
