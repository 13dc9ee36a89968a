/** How long a request may wait, as InvokeHTTP's Connection Timeout and Socket Read Timeout. */
export interface RequestTimeouts {
  readonly connectMs: number;
  readonly readMs: number;
}

/** A request that took too long: no response in time, or a response body that stalled. */
export class HttpTimeoutError extends Error {
  override readonly name = 'HttpTimeoutError';
}

/** A response whose body is read with the read timeout between chunks. */
export interface TimedResponse {
  readonly response: Response;
  /** Milliseconds from sending the request to receiving the response headers. */
  readonly durationMs: number;
  /** The body, chunk by chunk; each wait for a chunk may last at most the read timeout. */
  readonly body: AsyncIterable<Uint8Array>;
  /** Releases the request: an unread body is discarded and its connection freed. */
  dispose(): Promise<void>;
}

/**
 * Fetches with InvokeHTTP's timeouts. Node's fetch cannot time connecting apart from waiting for
 * the answer, so the response headers must arrive within both timeouts together; after that
 * the body may pause at most the read timeout between chunks (NiFi's socket read timeout).
 * `stop` (the processor's signal) aborts at any point.
 */
export async function timedFetch(
  url: string,
  init: RequestInit,
  timeouts: RequestTimeouts,
  stop: AbortSignal,
): Promise<TimedResponse> {
  const controller = new AbortController();
  const onStop = (): void => controller.abort(new Error('The processor was stopped'));
  if (stop.aborted) onStop();
  stop.addEventListener('abort', onStop, { once: true });
  const started = Date.now();
  const responseWait = timeouts.connectMs + timeouts.readMs;
  let timer = setTimeout(
    () =>
      controller.abort(
        new HttpTimeoutError(
          `No response within ${responseWait} ms (Connection Timeout + Socket Read Timeout)`,
        ),
      ),
    responseWait,
  );
  const release = (): void => {
    clearTimeout(timer);
    stop.removeEventListener('abort', onStop);
  };
  let response: Response;
  try {
    response = await fetch(url, { ...init, signal: controller.signal });
  } catch (error) {
    release();
    throw error;
  }
  clearTimeout(timer);
  const durationMs = Date.now() - started;
  let consumed = false;

  async function* body(): AsyncIterable<Uint8Array> {
    consumed = true;
    if (!response.body) return release();
    const arm = (): void => {
      timer = setTimeout(
        () =>
          controller.abort(
            new HttpTimeoutError(
              `The response body sent nothing for ${timeouts.readMs} ms (Socket Read Timeout)`,
            ),
          ),
        timeouts.readMs,
      );
    };
    try {
      arm();
      for await (const chunk of response.body) {
        // Only waiting on the network counts, not the time the consumer takes to store a chunk.
        clearTimeout(timer);
        yield chunk;
        arm();
      }
    } finally {
      release();
    }
  }

  return {
    response,
    durationMs,
    body: { [Symbol.asyncIterator]: () => body()[Symbol.asyncIterator]() },
    async dispose() {
      release();
      if (!consumed && response.body && !response.bodyUsed) {
        await response.body.cancel().catch(() => undefined);
      }
    },
  };
}
