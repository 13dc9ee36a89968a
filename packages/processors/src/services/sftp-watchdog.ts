/**
 * NiFi's Data Timeout for one SFTP connection: while requests are outstanding, some answer must
 * arrive within `timeoutMs`. Each answer restarts the clock, so a slow but moving transfer never
 * times out; a server that stops answering (hung, or its network gone without a reset) fails
 * every outstanding request at once with `onTimeout`'s error, and the caller closes the
 * connection, whose late answers would otherwise still arrive into nothing.
 */
export class SftpWatchdog {
  readonly #pending = new Set<(error: Error) => void>();
  #timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly timeoutMs: number,
    private readonly onTimeout: (outstanding: number) => Error,
  ) {}

  /**
   * Sends one request: `start` issues it and calls `done` with ssh2's callback arguments. The
   * promise settles with the answer, or rejects with the timeout error.
   */
  request<T>(
    start: (done: (error: Error | null | undefined, value?: T) => void) => void,
  ): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      let settled = false;
      const fail = (error: Error): void => {
        if (settled) return;
        settled = true;
        this.#pending.delete(fail);
        reject(error);
      };
      this.#pending.add(fail);
      this.#arm();
      const done = (error: Error | null | undefined, value?: T): void => {
        if (settled) return;
        settled = true;
        this.#pending.delete(fail);
        // An answer: the server is alive, so the others get the whole limit again.
        this.#arm();
        if (error) reject(error);
        else resolve(value as T);
      };
      try {
        start(done);
      } catch (error) {
        done(error instanceof Error ? error : new Error(String(error)));
      }
    });
  }

  /** Stops the clock (the connection is being closed). */
  dispose(): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
  }

  #arm(): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    if (this.#pending.size === 0) return;
    this.#timer = setTimeout(() => {
      this.#timer = undefined;
      const failures = [...this.#pending];
      const error = this.onTimeout(failures.length);
      for (const fail of failures) fail(error);
    }, this.timeoutMs);
  }
}
