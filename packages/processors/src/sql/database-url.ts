/** How the connection is encrypted, from the URL's `ssl` / `sslmode` parameters. */
export type SslMode = 'disable' | 'require' | 'verify-full';

/** Where and how to connect to PostgreSQL, read from a Database Connection URL. */
export interface PostgresTarget {
  readonly host: string;
  readonly port: number;
  /** Empty when the URL names none: PostgreSQL then takes the user's name. */
  readonly database: string;
  /** The user named in the URL (`user@host` or `?user=`), overridden by the Database User property. */
  readonly user: string | undefined;
  readonly ssl: SslMode;
  readonly applicationName: string | undefined;
  /** JDBC's `currentSchema`: the search path of every connection. */
  readonly currentSchema: string | undefined;
  /** Whether the URL itself carries a password (`user:password@` or `?password=`). */
  readonly hasPassword: boolean;
}

/** A parsed URL, or what is wrong with it (never quoting the URL, which may hold a password). */
export type DatabaseUrlReading =
  | { readonly ok: true; readonly target: PostgresTarget }
  | { readonly ok: false; readonly problem: string };

const DEFAULT_PORT = 5432;
const FORMS =
  'jdbc:postgresql://host:port/database, jdbc:postgresql:database or postgresql://host:port/database';

/**
 * Reads a Database Connection URL: NiFi's JDBC form (`jdbc:postgresql://host:port/database`,
 * `jdbc:postgresql:database`) or libpq's (`postgresql://` / `postgres://`). Honoured parameters:
 * `user`, `ssl`, `sslmode`, `ApplicationName` (or `application_name`) and `currentSchema`; other
 * JDBC driver parameters (`stringtype`, `connectTimeout`...) have no meaning here and are ignored.
 */
export function parseDatabaseUrl(text: string): DatabaseUrlReading {
  const trimmed = text.trim();
  const lower = trimmed.toLowerCase();
  let urlText: string;
  if (lower.startsWith('jdbc:postgresql:')) {
    const rest = trimmed.slice('jdbc:postgresql:'.length);
    // jdbc:postgresql:database and jdbc:postgresql:/ name no host: the local server.
    urlText = rest.startsWith('//')
      ? `postgresql:${rest}`
      : `postgresql://localhost/${rest.replace(/^\//, '')}`;
  } else if (lower.startsWith('postgresql://') || lower.startsWith('postgres://')) {
    urlText = `postgresql:${trimmed.slice(trimmed.indexOf('//'))}`;
  } else if (lower.startsWith('jdbc:')) {
    const driver = lower.slice(5).split(':')[0] ?? '';
    return {
      ok: false,
      problem: `is a jdbc:${driver} URL: this DBCPConnectionPool connects to PostgreSQL only (${FORMS})`,
    };
  } else {
    return { ok: false, problem: `is not a PostgreSQL URL: expected ${FORMS}` };
  }
  const authority = /^postgresql:\/\/([^/?#]*)/.exec(urlText)?.[1] ?? '';
  if (authority.slice(authority.lastIndexOf('@') + 1).includes(',')) {
    return { ok: false, problem: 'names several hosts; one host is supported' };
  }
  let url: URL;
  try {
    url = new URL(urlText);
  } catch {
    return { ok: false, problem: `cannot be read as a URL: expected ${FORMS}` };
  }
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
  if (host === '') return { ok: false, problem: `names no host: expected ${FORMS}` };
  let decoded: { database: string; user: string };
  try {
    decoded = {
      database: decodeURIComponent(url.pathname.replace(/^\//, '')),
      user: decodeURIComponent(url.username),
    };
  } catch {
    return { ok: false, problem: 'holds an invalid percent-encoding (%)' };
  }
  if (decoded.database.includes('/')) {
    return { ok: false, problem: "names a database with '/' in it: expected host:port/database" };
  }
  const parameters = url.searchParams;
  const ssl = sslModeOf(parameters);
  if (!ssl.ok) return ssl;
  return {
    ok: true,
    target: {
      host,
      port: url.port === '' ? DEFAULT_PORT : Number(url.port),
      database: decoded.database,
      user: parameters.get('user') || decoded.user || undefined,
      ssl: ssl.mode,
      applicationName:
        parameters.get('ApplicationName') || parameters.get('application_name') || undefined,
      currentSchema: parameters.get('currentSchema') || undefined,
      hasPassword: url.password !== '' || parameters.has('password'),
    },
  };
}

function sslModeOf(
  parameters: URLSearchParams,
): { ok: true; mode: SslMode } | { ok: false; problem: string } {
  const sslmode = parameters.get('sslmode');
  if (sslmode !== null) {
    switch (sslmode) {
      case 'disable':
      case 'allow':
      case 'prefer':
        return { ok: true, mode: 'disable' };
      case 'require':
        return { ok: true, mode: 'require' };
      case 'verify-ca':
      case 'verify-full':
        return { ok: true, mode: 'verify-full' };
      default:
        return {
          ok: false,
          problem: `has sslmode=${sslmode}: expected disable, allow, prefer, require, verify-ca or verify-full`,
        };
    }
  }
  const ssl = parameters.get('ssl');
  // JDBC's ssl=true verifies the server's certificate and name, as verify-full does.
  if (ssl === null || ssl === 'false') return { ok: true, mode: 'disable' };
  return { ok: true, mode: 'verify-full' };
}

/**
 * The URL to show in messages and provenance: `jdbc:postgresql://host:port/database`, without
 * user, password or parameters, so it never carries a secret.
 */
export function displayUrl(target: PostgresTarget): string {
  const host = target.host.includes(':') ? `[${target.host}]` : target.host;
  return `jdbc:postgresql://${host}:${target.port}/${encodeURIComponent(target.database)}`;
}
