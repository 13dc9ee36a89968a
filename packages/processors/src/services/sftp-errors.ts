/**
 * The failures of SFTP work, sorted the way the SFTP processors route them: the server could not
 * be reached or the connection was lost (comms), the file does not exist, or the login may not
 * read it.
 */

/** Why a connection to an SFTP server could not be made, or stopped working. */
export type SftpConnectionProblem =
  'authentication' | 'refused' | 'host-key' | 'timeout' | 'unreachable' | 'lost' | 'other';

/**
 * A connection-level SFTP failure, with a message that says what and where (never a password).
 * The pool never keeps a connection that failed this way.
 */
export class SftpConnectionError extends Error {
  override readonly name = 'SftpConnectionError';

  constructor(
    readonly problem: SftpConnectionProblem,
    message: string,
  ) {
    super(message);
  }
}

/** SFTP status codes (draft-ietf-secsh-filexfer-02 §7), as ssh2 reports them in `error.code`. */
export const SFTP_STATUS = {
  eof: 1,
  noSuchFile: 2,
  permissionDenied: 3,
  failure: 4,
  badMessage: 5,
  noConnection: 6,
  connectionLost: 7,
  opUnsupported: 8,
} as const;

/** The SFTP status code of an error the server answered with, if it is one. */
export function sftpStatusOf(error: unknown): number | undefined {
  if (!(error instanceof Error)) return undefined;
  const code = (error as Error & { code?: unknown }).code;
  return typeof code === 'number' ? code : undefined;
}

/** How an SFTP failure is routed. */
export type SftpFailure = 'not-found' | 'permission-denied' | 'comms';

/**
 * Sorts an SFTP failure for routing. Only the server's own "no such file" and "permission
 * denied" answers are about the file; everything else (connection errors, a request without
 * answer, a generic server failure) is a communications failure, as NiFi's FetchSFTP treats any
 * IOException.
 */
export function classifySftpFailure(error: unknown): SftpFailure {
  switch (sftpStatusOf(error)) {
    case SFTP_STATUS.noSuchFile:
      return 'not-found';
    case SFTP_STATUS.permissionDenied:
      return 'permission-denied';
    default:
      return 'comms';
  }
}

/**
 * Whether a connection may be reused after `error` came out of work done on it. A request the
 * server answered with a status (no such file, permission denied, a failed rename) leaves the
 * session as it was; a connection error, ssh2's socket or protocol errors (they carry a `level`)
 * and the "connection lost" statuses do not. The pool also drops any session that closed.
 */
export function connectionSurvives(error: unknown): boolean {
  if (error instanceof SftpConnectionError) return false;
  if (error instanceof Error && typeof (error as Error & { level?: unknown }).level === 'string') {
    return false;
  }
  const status = sftpStatusOf(error);
  return (
    status !== SFTP_STATUS.noConnection &&
    status !== SFTP_STATUS.connectionLost &&
    status !== SFTP_STATUS.badMessage
  );
}
