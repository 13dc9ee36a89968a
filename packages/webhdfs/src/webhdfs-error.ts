import { z } from 'zod';

/**
 * What went wrong, for programs: a processor routes `exists` to its conflict handling,
 * `not-found` and `permission` to failure, and retries `unreachable`, `connection`, `timeout` and
 * `unavailable`.
 */
export type WebHdfsErrorCode =
  /** FileNotFoundException: the path (or a parent) does not exist. */
  | 'not-found'
  /** FileAlreadyExistsException: CREATE without overwrite on an existing file. */
  | 'exists'
  /** AccessControlException and other authorization failures, HTTP 401 and 403. */
  | 'permission'
  /** PathIsNotEmptyDirectoryException: a non-recursive DELETE of a non-empty directory. */
  | 'not-empty'
  /** The request itself is wrong: a bad path or parameter, or a file where a directory must be. */
  | 'invalid'
  /** The NameNode cannot serve now (safe mode, standby, retriable): try again later. */
  | 'unavailable'
  /** Any other exception or HTTP error the server reported. */
  | 'remote'
  /** No connection: refused, unknown host, no route. */
  | 'unreachable'
  /** The connection broke after it was made. */
  | 'connection'
  /** The server did not answer within the client's `timeoutMs`. */
  | 'timeout'
  /** The caller's AbortSignal fired. */
  | 'aborted'
  /** The server answered something that is not WebHDFS (not JSON, no redirect location). */
  | 'protocol';

/** Where a failed request went: the operation, the HDFS path and the server's origin. */
export interface WebHdfsTarget {
  /** The WebHDFS `op`, e.g. `CREATE`. */
  operation: string;
  path: string;
  /** `http://host:port` of the NameNode or DataNode that failed. */
  host: string;
}

/**
 * A failed WebHDFS call, with a code for programs and a message for people that names the Java
 * exception and its message, the operation, the path and the host.
 */
export class WebHdfsError extends Error {
  override readonly name = 'WebHdfsError';
  readonly operation: string;
  readonly path: string;
  readonly host: string;

  constructor(
    readonly code: WebHdfsErrorCode,
    target: WebHdfsTarget,
    message: string,
    readonly details: {
      /** The HTTP status, when the server answered. */
      status?: number;
      /** The Java exception's simple name from the RemoteException, e.g. `FileNotFoundException`. */
      exception?: string;
      cause?: unknown;
    } = {},
  ) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.operation = target.operation;
    this.path = target.path;
    this.host = target.host;
  }
}

const remoteExceptionBody = z.object({
  RemoteException: z.object({
    exception: z.string(),
    message: z.string().optional(),
    javaClassName: z.string().optional(),
  }),
});

/** The `RemoteException` of a WebHDFS error body: its exception's simple name and message. */
export interface RemoteException {
  exception: string;
  message: string;
}

/**
 * Reads the `{"RemoteException": …}` body of a WebHDFS error; `undefined` when the body is
 * something else (an HTML error page, a proxy's text). DataNodes put the Java stack trace into the
 * message: only its first line is kept.
 */
export function parseRemoteException(body: string): RemoteException | undefined {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    return undefined;
  }
  const parsed = remoteExceptionBody.safeParse(json);
  if (!parsed.success) return undefined;
  const { exception, message = '' } = parsed.data.RemoteException;
  return { exception, message: message.split('\n')[0]!.trim() };
}

const CODE_BY_EXCEPTION: Readonly<Record<string, WebHdfsErrorCode>> = {
  FileNotFoundException: 'not-found',
  FileAlreadyExistsException: 'exists',
  AlreadyBeingCreatedException: 'exists',
  AccessControlException: 'permission',
  AuthorizationException: 'permission',
  SecurityException: 'permission',
  PathAccessDeniedException: 'permission',
  PathIsNotEmptyDirectoryException: 'not-empty',
  IllegalArgumentException: 'invalid',
  InvalidPathException: 'invalid',
  ParentNotDirectoryException: 'invalid',
  PathIsNotDirectoryException: 'invalid',
  UnsupportedOperationException: 'invalid',
  SafeModeException: 'unavailable',
  StandbyException: 'unavailable',
  RetriableException: 'unavailable',
};

/**
 * The error code of a failed answer, from its exception name first, else its HTTP status.
 *
 * Hadoop's WebHDFS ExceptionHandler answers every IOException it has no other status for with
 * 403 Forbidden — "Failed to find datanode, suggest to check cluster health" from a NameNode
 * whose DataNode is not back yet, a quota exceeded — so a 403 with a named exception this table
 * does not know is the server's problem (`remote`), not a missing permission.
 */
export function codeOfFailure(status: number, exception?: string): WebHdfsErrorCode {
  const byName = exception === undefined ? undefined : CODE_BY_EXCEPTION[exception];
  if (byName) return byName;
  if (status === 403 && exception !== undefined) return 'remote';
  if (status === 401 || status === 403) return 'permission';
  if (status === 404) return 'not-found';
  if (status === 503) return 'unavailable';
  if (status === 400) return 'invalid';
  return 'remote';
}

/** The error for an HTTP error answer (status ≥ 300 where none was expected) and its body. */
export function errorOfResponse(target: WebHdfsTarget, status: number, body: string): WebHdfsError {
  const remote = parseRemoteException(body);
  const reason = remote
    ? `${remote.exception}: ${remote.message}`
    : `HTTP ${status}${body.trim() ? ` ${body.trim().split('\n')[0]!.slice(0, 200)}` : ''}`;
  return new WebHdfsError(
    codeOfFailure(status, remote?.exception),
    target,
    `WebHDFS ${target.operation} ${target.path} at ${target.host} failed: ${reason}`,
    { status, ...(remote && { exception: remote.exception }) },
  );
}
