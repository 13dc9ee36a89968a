/** How a pool opens, checks and closes its connections. */
export interface PoolResource<C> {
  open(): Promise<C>;
  /** Ends the connection; errors are ignored (it is being thrown away). */
  close(connection: C): void | Promise<void>;
  /** False once the connection broke (the server closed it, the socket failed). */
  isUsable(connection: C): boolean;
  /** Whether the connection may be reused after `error` came out of work done on it. */
  survives(error: unknown): boolean;
  /** Calls `broken` once the connection breaks, so an idle one is dropped at once. */
  watch?(connection: C, broken: () => void): void;
}

/** Sizing of a pool. */
export interface PoolOptions {
  /** Most connections open (idle or busy) at once; more borrowers wait. */
  readonly max: number;
  /** An idle connection is closed after this long unused. */
  readonly idleTimeoutMs: number;
}

/** Counts of a pool's connections, for tests and status. */
export interface PoolStats {
  /** Open or opening, idle or busy. */
  readonly open: number;
  readonly idle: number;
  /** Borrowers waiting for a connection. */
  readonly waiting: number;
}

interface Idle<C> {
  readonly connection: C;
  readonly timer: NodeJS.Timeout;
}

/** A borrower waiting: handed a connection, or woken (undefined) to try again when a slot frees. */
interface Waiter<C> {
  resolve(handed: { readonly connection: C } | undefined): void;
  reject(error: Error): void;
}

/**
 * A small pool of connections to one server, reused across triggers: opening an SSH session
 * costs a key exchange and a login, so a processor running every second would otherwise open one
 * each time. A broken connection is dropped, never handed out again; idle ones are closed after
 * the idle timeout; `close` ends all of them.
 */
export class ConnectionPool<C> {
  /** Most recently used last: it is taken first, so the others age out. */
  readonly #idle: Idle<C>[] = [];
  /** Every open connection, idle or busy, so `close` can end them all. */
  readonly #all = new Set<C>();
  readonly #waiters: Waiter<C>[] = [];
  /** Connections open or being opened; never more than `max`. */
  #count = 0;
  #closed = false;

  constructor(
    private readonly resource: PoolResource<C>,
    private readonly options: PoolOptions,
    /** Names the pool in the error a borrower gets once it is closed. */
    private readonly description: string,
  ) {
    if (!(options.max >= 1)) throw new Error(`A connection pool needs at least 1 connection`);
  }

  /**
   * Runs `work` on a borrowed connection and gives it back — or drops it when it broke or the
   * work failed in a way the connection may not survive.
   */
  async use<T>(work: (connection: C) => Promise<T>): Promise<T> {
    const connection = await this.#acquire();
    let result: T;
    try {
      result = await work(connection);
    } catch (error) {
      this.#release(connection, this.resource.survives(error));
      throw error;
    }
    this.#release(connection, true);
    return result;
  }

  stats(): PoolStats {
    return { open: this.#count, idle: this.#idle.length, waiting: this.#waiters.length };
  }

  /** Ends every connection (idle and busy) and refuses further borrowing. */
  async close(): Promise<void> {
    this.#closed = true;
    const error = new Error(`${this.description} is closed`);
    for (const waiter of this.#waiters.splice(0)) waiter.reject(error);
    for (const idle of this.#idle.splice(0)) clearTimeout(idle.timer);
    const all = [...this.#all];
    this.#all.clear();
    this.#count = 0;
    await Promise.all(all.map((c) => this.#closeQuietly(c)));
  }

  async #acquire(): Promise<C> {
    for (;;) {
      if (this.#closed) throw new Error(`${this.description} is closed`);
      const idle = this.#idle.pop();
      if (idle) {
        clearTimeout(idle.timer);
        if (this.resource.isUsable(idle.connection)) return idle.connection;
        this.#discard(idle.connection);
        continue;
      }
      if (this.#count < this.options.max) return this.#open();
      const handed = await new Promise<{ readonly connection: C } | undefined>((resolve, reject) =>
        this.#waiters.push({ resolve, reject }),
      );
      if (handed) return handed.connection;
    }
  }

  async #open(): Promise<C> {
    this.#count++;
    let connection: C;
    try {
      connection = await this.resource.open();
    } catch (error) {
      // After close the count was reset already; this attempt no longer holds a slot.
      if (!this.#closed) {
        this.#count--;
        this.#wakeOne();
      }
      throw error;
    }
    if (this.#closed) {
      // Closed while this one was being opened: it has no place to go.
      await this.#closeQuietly(connection);
      throw new Error(`${this.description} is closed`);
    }
    this.#all.add(connection);
    this.resource.watch?.(connection, () => this.#dropIfIdle(connection));
    return connection;
  }

  #release(connection: C, reusable: boolean): void {
    if (!this.#all.has(connection)) return; // closed with the pool meanwhile
    if (this.#closed || !reusable || !this.resource.isUsable(connection)) {
      this.#discard(connection);
      return;
    }
    // Handed straight to the longest waiting borrower, so no newcomer can overtake it.
    const waiter = this.#waiters.shift();
    if (waiter) {
      waiter.resolve({ connection });
      return;
    }
    const timer = setTimeout(() => this.#dropIfIdle(connection), this.options.idleTimeoutMs);
    // An idle connection must not keep the process alive on its own.
    timer.unref();
    this.#idle.push({ connection, timer });
  }

  /** Drops a connection that broke while idle; a busy one is dropped when it is given back. */
  #dropIfIdle(connection: C): void {
    const index = this.#idle.findIndex((i) => i.connection === connection);
    if (index < 0) return;
    clearTimeout(this.#idle[index]!.timer);
    this.#idle.splice(index, 1);
    this.#discard(connection);
  }

  #discard(connection: C): void {
    if (!this.#all.delete(connection)) return;
    this.#count--;
    void this.#closeQuietly(connection);
    this.#wakeOne();
  }

  async #closeQuietly(connection: C): Promise<void> {
    try {
      await this.resource.close(connection);
    } catch {
      // Already broken; there is nothing left to release.
    }
  }

  #wakeOne(): void {
    this.#waiters.shift()?.resolve(undefined);
  }
}
