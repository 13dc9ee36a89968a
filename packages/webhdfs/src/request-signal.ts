/**
 * The abort signal of one request: fires when the caller's signals fire or when the request's
 * own time runs out, and remembers which, so the error can say "timed out" or "aborted".
 * Listeners are removed in {@link RequestSignal.dispose}: a client-wide signal outlives many
 * requests and must not collect one listener per request.
 */
export class RequestSignal {
  private readonly controller = new AbortController();
  private readonly callers: AbortSignal[];
  private timer: NodeJS.Timeout | undefined;
  private expired = false;
  private readonly onCallerAbort = (event: Event) => {
    this.controller.abort((event.target as AbortSignal).reason);
  };

  /** `timeoutMs` undefined: only the callers' signals end the request. */
  constructor(timeoutMs: number | undefined, signals: readonly (AbortSignal | undefined)[]) {
    this.callers = signals.filter((signal): signal is AbortSignal => signal !== undefined);
    for (const caller of this.callers) {
      if (caller.aborted) this.controller.abort(caller.reason);
      else caller.addEventListener('abort', this.onCallerAbort, { once: true });
    }
    if (timeoutMs !== undefined && !this.controller.signal.aborted) {
      this.timer = setTimeout(() => {
        this.expired = true;
        this.controller.abort(new DOMException(`timed out after ${timeoutMs} ms`, 'TimeoutError'));
      }, timeoutMs);
    }
  }

  /** The signal to hand to fetch or node:http. */
  get signal(): AbortSignal {
    return this.controller.signal;
  }

  /** Whether the request's own time ran out (rather than a caller aborting it). */
  get timedOut(): boolean {
    return this.expired;
  }

  /** Whether a caller's signal fired. */
  get abortedByCaller(): boolean {
    return this.controller.signal.aborted && !this.expired;
  }

  /** Stops the clock (the answer came) but keeps following the callers' signals. */
  stopTimer(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
  }

  /** Stops the clock and the listeners on the callers' signals. */
  dispose(): void {
    this.stopTimer();
    for (const caller of this.callers) caller.removeEventListener('abort', this.onCallerAbort);
  }
}
