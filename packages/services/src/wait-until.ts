/** Options of {@link waitUntil}. */
export interface WaitOptions {
  /** Give up after this many milliseconds. */
  timeoutMs: number;
  /** Pause between attempts. */
  intervalMs?: number;
  /** Checked before every attempt: a reason to stop waiting at once (the process died). */
  abortReason?: () => string | undefined;
}

/**
 * Calls `probe` until it resolves to a value other than `undefined`, and returns it. Throws the
 * last probe error (or the abort reason) when the time is up, so a failure says what went wrong.
 */
export async function waitUntil<T>(
  probe: () => Promise<T | undefined>,
  options: WaitOptions,
): Promise<T> {
  const deadline = Date.now() + options.timeoutMs;
  let lastError: unknown;
  for (;;) {
    const aborted = options.abortReason?.();
    if (aborted !== undefined) throw new Error(aborted);
    try {
      const value = await probe();
      if (value !== undefined) return value;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() >= deadline) {
      const detail = lastError instanceof Error ? lastError.message : String(lastError ?? '');
      throw new Error(`timed out after ${options.timeoutMs} ms${detail ? `: ${detail}` : ''}`);
    }
    await new Promise((done) => setTimeout(done, options.intervalMs ?? 250));
  }
}
