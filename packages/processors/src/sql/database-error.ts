/**
 * What went wrong with a database call, and so what a processor should do with its flowfile:
 * - `connection`: the database could not be reached or refused the login (down, wrong port,
 *   wrong password, unknown database, connection lost): the data is fine, try again later;
 * - `transient`: the statement was refused for now (deadlock, serialization failure, statement
 *   timeout, too many connections): trying again may work;
 * - `statement`: the database refused the statement or its data (constraint violation, wrong
 *   type, unknown table or column): trying again gives the same answer.
 */
export type DatabaseErrorKind = 'connection' | 'transient' | 'statement';

/** A failed database call, with a message naming what and why (never a password). */
export class DatabaseAccessError extends Error {
  override readonly name = 'DatabaseAccessError';

  constructor(
    readonly kind: DatabaseErrorKind,
    message: string,
    /** PostgreSQL's SQLSTATE, when the server answered with an error. */
    readonly sqlState?: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}

/** Where a connection was being opened: the display URL (no password) and the user. */
export interface ConnectionTarget {
  readonly url: string;
  readonly user: string;
  /** Masked out of every message, should a server or driver ever echo it. */
  readonly password: string | undefined;
}

/** The fields of a `pg` error this module reads; `unknown` at the edge, checked here. */
interface ErrorFields {
  readonly message: string;
  /** PostgreSQL's SQLSTATE, when the server answered (its errors carry a severity). */
  readonly sqlState: string | undefined;
  /** Node's error code (ECONNREFUSED...), when the socket failed. */
  readonly socketCode: string | undefined;
  readonly detail: string | undefined;
  readonly hint: string | undefined;
}

/** SQLSTATE classes and codes after which the same statement may succeed later. */
const TRANSIENT_CODES = new Set([
  '40001',
  '40P01',
  '55P03',
  '57014',
  '53000',
  '53100',
  '53200',
  '53300',
  '53400',
]);

/** Node socket error codes of a connection that could not be opened or was lost. */
const SOCKET_CODES: Readonly<Record<string, string>> = {
  ECONNREFUSED: 'the connection was refused (is PostgreSQL running and listening there?)',
  ENOTFOUND: 'the host name is not known',
  EAI_AGAIN: 'the host name could not be resolved',
  ETIMEDOUT: 'the connection timed out',
  EHOSTUNREACH: 'the host is unreachable',
  ENETUNREACH: 'the network is unreachable',
  ECONNRESET: 'the connection was reset',
  EPIPE: 'the connection was closed',
};

/**
 * The error of opening a connection (or borrowing one from the pool), as a `connection`
 * {@link DatabaseAccessError} whose message names the URL, the user and the cause.
 */
export function connectError(
  error: unknown,
  target: ConnectionTarget,
  maxWaitMs: number,
): DatabaseAccessError {
  const fields = fieldsOf(error);
  const cause = connectCause(fields, maxWaitMs);
  const message = `Cannot connect to ${target.url} as user '${target.user}': ${cause}`;
  return new DatabaseAccessError('connection', mask(message, target.password), fields.sqlState, {
    cause: error,
  });
}

/**
 * The error of a statement on an open connection, classified by SQLSTATE: a lost connection is
 * `connection`, a deadlock or timeout `transient`, anything else the server refused `statement`.
 */
export function statementError(error: unknown, target: ConnectionTarget): DatabaseAccessError {
  if (error instanceof DatabaseAccessError) return error;
  const fields = fieldsOf(error);
  if (error instanceof TypeError || error instanceof RangeError) {
    // The driver refused a parameter value before sending anything: the data is at fault.
    return new DatabaseAccessError('statement', mask(fields.message, target.password), undefined, {
      cause: error,
    });
  }
  const code = fields.sqlState;
  if (code === undefined || code.startsWith('08') || code.startsWith('57P')) {
    const socket = fields.socketCode;
    const lost =
      socket !== undefined && SOCKET_CODES[socket]
        ? `${SOCKET_CODES[socket]} (${socket})`
        : withState(fields.message, code);
    const message = `The connection to ${target.url} failed: ${lost}`;
    return new DatabaseAccessError('connection', mask(message, target.password), code, {
      cause: error,
    });
  }
  const kind = TRANSIENT_CODES.has(code) ? 'transient' : 'statement';
  let message = withState(fields.message, code);
  if (fields.detail) message += `: ${fields.detail}`;
  if (fields.hint) message += ` (hint: ${fields.hint})`;
  return new DatabaseAccessError(kind, mask(message, target.password), code, { cause: error });
}

function connectCause(fields: ErrorFields, maxWaitMs: number): string {
  const { socketCode, sqlState, message } = fields;
  if (socketCode !== undefined && SOCKET_CODES[socketCode]) {
    return `${SOCKET_CODES[socketCode]} (${socketCode})`;
  }
  if (
    message === 'timeout exceeded when trying to connect' ||
    message === 'Connection terminated due to connection timeout'
  ) {
    return `no connection within the Max Wait Time (${maxWaitMs} ms): the server did not answer in time, or every connection of the pool is in use`;
  }
  return withState(message, sqlState);
}

function withState(message: string, sqlState: string | undefined): string {
  return sqlState !== undefined ? `${message} (SQLSTATE ${sqlState})` : message;
}

function fieldsOf(error: unknown): ErrorFields {
  const record =
    typeof error === 'object' && error !== null ? (error as Record<string, unknown>) : {};
  const text = (key: string): string | undefined =>
    typeof record[key] === 'string' && record[key] !== '' ? record[key] : undefined;
  const message =
    error instanceof Error
      ? error.message || String(error)
      : typeof error === 'string'
        ? error
        : String(error);
  // AggregateError (a host resolving to several addresses, all refused) keeps the code inside.
  const inner =
    error instanceof AggregateError && error.errors[0] !== undefined
      ? fieldsOf(error.errors[0])
      : undefined;
  const code = text('code');
  const fromServer =
    text('severity') !== undefined && code !== undefined && /^[0-9A-Z]{5}$/.test(code);
  return {
    message: message === '' && inner ? inner.message : message,
    sqlState: fromServer ? code : undefined,
    socketCode: fromServer ? undefined : (code ?? inner?.socketCode),
    detail: text('detail'),
    hint: text('hint'),
  };
}

function mask(message: string, password: string | undefined): string {
  return password ? message.split(password).join('********') : message;
}
