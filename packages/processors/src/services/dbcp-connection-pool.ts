import { defineControllerService, prop, serviceApi } from '@sluice/engine';
import { parseDatabaseUrl } from '../sql/database-url.js';
import { PostgresPool, type DatabaseConnection, type QueryOutcome } from '../sql/postgres-pool.js';

export { DatabaseAccessError, type DatabaseErrorKind } from '../sql/database-error.js';
export type { DatabaseConnection, QueryOutcome } from '../sql/postgres-pool.js';

/**
 * What processors get from a database connection pool (NiFi's DBCPService): statements on
 * pooled connections, alone or in a transaction. Every failure is a `DatabaseAccessError` whose
 * `kind` says whether the connection (`connection`), a passing condition (`transient`) or the
 * statement (`statement`) is at fault, and whose message names the URL and the cause.
 */
export interface DBCPService {
  /** `jdbc:postgresql://host:port/database`, never with user or password: for messages and provenance. */
  readonly url: string;
  /** Runs one statement on a pooled connection, committed on its own. */
  query(text: string, values?: readonly unknown[]): Promise<QueryOutcome>;
  /**
   * Runs `work` in one transaction on one connection: committed when it resolves, rolled back
   * when it throws (and the error thrown again), so its statements apply all or not at all.
   */
  transaction<T>(work: (connection: DatabaseConnection) => Promise<T>): Promise<T>;
}

/** The service API database processors refer to (NiFi's `DBCPService` interface). */
export const DBCPServiceApi = serviceApi<DBCPService>('DBCPService');

// The parser of NiFi durations, for Max Wait Time, which also takes -1.
const DURATION = prop.duration({ name: 'Max Wait Time' });

/** Max Wait Time in ms; -1 (wait indefinitely) becomes 0, pg's "no timeout". */
function maxWaitMs(value: string): number {
  return value.trim() === '-1' ? 0 : DURATION.convert(value);
}

const pools = new WeakMap<DBCPService, PostgresPool>();

const properties = {
  databaseConnectionUrl: prop.string({
    name: 'Database Connection URL',
    description:
      'A database connection URL used to connect to a database: jdbc:postgresql://host:port/database (as in NiFi), jdbc:postgresql:database, or postgresql://host:port/database. Honoured parameters: user, ssl=true, sslmode (disable, allow, prefer, require, verify-ca, verify-full), ApplicationName and currentSchema; other JDBC driver parameters are ignored. A password in the URL is refused: set it in Password, which is kept secret.',
    required: true,
    el: 'environment',
    validate: (value) => {
      const parsed = parseDatabaseUrl(value);
      if (!parsed.ok) return parsed.problem;
      if (parsed.target.hasPassword) {
        return 'holds a password: set it in the Password property instead, which is never shown or stored in clear text';
      }
      return undefined;
    },
  }),
  databaseUser: prop.string({
    name: 'Database User',
    description:
      "Database user name. Empty: the URL's user, else the operating system's user (as libpq and JDBC do).",
    el: 'environment',
  }),
  password: prop.string({
    name: 'Password',
    description: 'The password for the database user',
    el: 'environment',
    sensitive: true,
  }),
  maxWaitTime: prop.string({
    name: 'Max Wait Time',
    description:
      'The maximum amount of time that the pool will wait (when there are no available connections) for a connection to be returned before failing, or -1 to wait indefinitely. Also bounds how long opening a new connection may take.',
    default: '500 millis',
    required: true,
    el: 'environment',
    validate: (value) => {
      try {
        maxWaitMs(value);
        return undefined;
      } catch (error) {
        return `is neither -1 nor a duration: ${error instanceof Error ? error.message : String(error)}`;
      }
    },
  }),
  maxTotalConnections: prop.integer({
    name: 'Max Total Connections',
    description:
      'The maximum number of active connections that can be allocated from this pool at the same time, or negative for no limit.',
    default: '8',
    el: 'environment',
    validate: (value) => (value.trim() === '0' ? 'must not be 0' : undefined),
  }),
  validationQuery: prop.string({
    name: 'Validation query',
    description:
      'Validation query used to validate connections before returning them. When connection is invalid, it gets dropped and new valid connection will be returned. NOTE: Using validation might have some performance penalty.',
    el: 'environment',
  }),
} as const;

/**
 * DBCPConnectionPool: a pool of PostgreSQL connections (node-postgres' `pg.Pool`) shared by the
 * database processors. Enabling opens nothing, so the service enables while the database is
 * down; the first statement connects, and its error names the URL and what went wrong (refused,
 * unknown host, wrong password, unknown database...). Disabling closes every connection.
 *
 * Not offered from NiFi: Database Driver Class Name and Driver Location(s) (the PostgreSQL
 * driver is built in; other databases are not supported), Kerberos User Service, and the idle
 * and eviction tuning (Minimum/Max Idle Connections, Max Connection Lifetime, Time Between
 * Eviction Runs, Minimum Evictable Idle Time): idle connections close after 10 seconds.
 */
export const DBCPConnectionPool = defineControllerService({
  type: 'DBCPConnectionPool',
  description:
    'Provides Database Connection Pooling Service. Connections can be asked from pool and returned after usage. Connects to PostgreSQL (the driver is built in); connections open on first use, so the service can be enabled while the database is down.',
  tags: ['dbcp', 'jdbc', 'database', 'connection', 'pooling', 'store', 'postgresql'],
  properties,
  provides: DBCPServiceApi,
  enable(ctx): DBCPService {
    const parsed = parseDatabaseUrl(ctx.requiredProperty('databaseConnectionUrl'));
    // Validation has checked a literal URL; one from the environment is checked here, unquoted.
    if (!parsed.ok) throw new Error(`'Database Connection URL' ${parsed.problem}`);
    if (parsed.target.hasPassword) {
      throw new Error(
        "'Database Connection URL' holds a password: set it in the Password property instead",
      );
    }
    const maxTotal = ctx.requiredProperty('maxTotalConnections');
    const pool = new PostgresPool({
      target: parsed.target,
      user: ctx.property('databaseUser')?.trim() || undefined,
      password: ctx.property('password') || undefined,
      maxTotal: maxTotal < 0 ? Number.POSITIVE_INFINITY : maxTotal,
      maxWaitMs: maxWaitMs(ctx.requiredProperty('maxWaitTime')),
      validationQuery: ctx.property('validationQuery'),
      onIdleError: (message) =>
        ctx.log.warn(`An idle connection failed and was dropped: ${message}`),
    });
    const service: DBCPService = {
      url: pool.url,
      query: (text, values) => pool.query(text, values),
      transaction: (work) => pool.transaction(work),
    };
    pools.set(service, pool);
    return service;
  },
  async disable(service) {
    await pools.get(service)?.end();
  },
});
