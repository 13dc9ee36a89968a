import pg from 'pg';
import {
  connectError,
  DatabaseAccessError,
  statementError,
  type ConnectionTarget,
} from './database-error.js';
import { displayUrl, type PostgresTarget } from './database-url.js';

/** The answer to a statement: the rows it returned and how many rows it touched. */
export interface QueryOutcome {
  readonly rows: readonly Record<string, unknown>[];
  readonly rowCount: number;
}

/** One connection borrowed from the pool, for the statements of one transaction. */
export interface DatabaseConnection {
  /**
   * Runs one statement; `$1`, `$2`... in `text` are bound to `values`, never spliced into it.
   * @throws DatabaseAccessError saying whether the connection, a transient condition or the
   * statement itself is at fault.
   */
  query(text: string, values?: readonly unknown[]): Promise<QueryOutcome>;
}

/** How to build the pool: where to connect and its limits. */
export interface PoolSettings {
  readonly target: PostgresTarget;
  /** Database User, when set (it wins over the URL's user). */
  readonly user: string | undefined;
  readonly password: string | undefined;
  /** Max Total Connections; Infinity for no limit. */
  readonly maxTotal: number;
  /** Max Wait Time in ms: for a free connection, or for a new one to open; 0 waits forever. */
  readonly maxWaitMs: number;
  readonly validationQuery: string | undefined;
  /** Told when an idle connection fails (the server restarted...); the pool replaces it. */
  readonly onIdleError: (message: string) => void;
}

/**
 * A `pg.Pool` with the errors a person can act on: every failure is a
 * {@link DatabaseAccessError} naming the URL (without password), the user and the cause.
 * Connections open on first use, so the pool is built while the database is down.
 */
export class PostgresPool {
  /** `jdbc:postgresql://host:port/database`, for messages and provenance. */
  readonly url: string;
  readonly #pool: pg.Pool;
  readonly #target: ConnectionTarget;
  readonly #maxWaitMs: number;
  readonly #validationQuery: string | undefined;

  constructor(settings: PoolSettings) {
    const { target } = settings;
    this.url = displayUrl(target);
    const user = settings.user || target.user || defaultUser();
    this.#target = { url: this.url, user, password: settings.password };
    this.#maxWaitMs = settings.maxWaitMs;
    this.#validationQuery = settings.validationQuery?.trim() || undefined;
    this.#pool = new pg.Pool({
      host: target.host,
      port: target.port,
      ...(target.database ? { database: target.database } : {}),
      user,
      ...(settings.password ? { password: settings.password } : {}),
      ssl: sslOption(target),
      application_name: target.applicationName ?? 'sluice',
      ...(target.currentSchema ? { options: `-c search_path=${target.currentSchema}` } : {}),
      max: settings.maxTotal,
      connectionTimeoutMillis: settings.maxWaitMs,
      keepAlive: true,
    });
    // Without a listener, an idle connection's error would crash the process.
    this.#pool.on('error', (error) => {
      settings.onIdleError(statementError(error, this.#target).message);
    });
  }

  /** Runs one statement on a pooled connection (autocommit). */
  async query(text: string, values: readonly unknown[] = []): Promise<QueryOutcome> {
    return this.#withClient((connection) => connection.query(text, values));
  }

  /**
   * Runs `work` in one transaction on one connection: BEGIN, the work, COMMIT; anything thrown
   * rolls it back and is thrown again. A connection that failed is discarded, not pooled.
   */
  async transaction<T>(work: (connection: DatabaseConnection) => Promise<T>): Promise<T> {
    return this.#withClient(async (connection) => {
      await connection.query('BEGIN');
      let result: T;
      try {
        result = await work(connection);
      } catch (error) {
        // A failed rollback means a lost connection, which is then discarded: the server
        // rolls back a transaction whose connection is gone.
        await connection.query('ROLLBACK').catch(() => undefined);
        throw error;
      }
      await connection.query('COMMIT');
      return result;
    });
  }

  /** Closes every connection; waits for borrowed ones to come back. */
  async end(): Promise<void> {
    await this.#pool.end();
  }

  async #withClient<T>(work: (connection: DatabaseConnection) => Promise<T>): Promise<T> {
    const client = await this.#checkout();
    let failed: unknown;
    // A borrowed client reports a lost connection as an event; unheard, it would crash the process.
    const onError = (error: unknown) => {
      failed = error;
    };
    client.on('error', onError);
    const connection: DatabaseConnection = {
      query: async (text, values = []) => {
        try {
          const result = await client.query({ text, values: [...values] });
          return { rows: result.rows as Record<string, unknown>[], rowCount: result.rowCount ?? 0 };
        } catch (error) {
          const problem = statementError(error, this.#target);
          if (problem.kind === 'connection') failed = error;
          throw problem;
        }
      },
    };
    try {
      return await work(connection);
    } finally {
      client.off('error', onError);
      // Releasing with an error destroys the connection instead of pooling a broken one.
      client.release(failed === undefined ? undefined : true);
    }
  }

  /** A connection from the pool, checked with the Validation query when there is one. */
  async #checkout(): Promise<pg.PoolClient> {
    for (let attempt = 1; ; attempt++) {
      let client: pg.PoolClient;
      try {
        client = await this.#pool.connect();
      } catch (error) {
        throw connectError(error, this.#target, this.#maxWaitMs);
      }
      if (this.#validationQuery === undefined) return client;
      try {
        await client.query(this.#validationQuery);
        return client;
      } catch (error) {
        client.release(true);
        // A pooled connection may have gone stale; a second failure is the query or the server.
        if (attempt >= 2) {
          const cause = statementError(error, this.#target).message;
          throw new DatabaseAccessError(
            'connection',
            `The Validation query failed on a connection to ${this.url}: ${cause}`,
            undefined,
            { cause: error },
          );
        }
      }
    }
  }
}

function sslOption(target: PostgresTarget): pg.PoolConfig['ssl'] {
  switch (target.ssl) {
    case 'disable':
      return false;
    case 'require':
      // libpq's require: encrypted, the certificate is not checked.
      return { rejectUnauthorized: false };
    case 'verify-full':
      // pg sends the host name for SNI and Node checks it against the certificate.
      return { rejectUnauthorized: true };
    default: {
      const exhaustive: never = target.ssl;
      throw new Error(`Unknown SSL mode ${String(exhaustive)}`);
    }
  }
}

/** The user libpq and JDBC take when none is named: the operating system's. */
function defaultUser(): string {
  return process.env['PGUSER'] || process.env['USER'] || process.env['USERNAME'] || 'postgres';
}
