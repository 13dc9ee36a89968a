/**
 * Why a versioning action did not happen, as a code the API maps to an HTTP status and a message
 * a person can act on (what, where, and what to do).
 */
export type VersionErrorCode =
  /** No such flow, or no such version of it. */
  | 'NOT_FOUND'
  /** Bad input: a message, a URL, a version id. */
  | 'BAD_INPUT'
  /** A commit of a flow that has no change since its last version. */
  | 'NOTHING_TO_COMMIT'
  /** A restore that would throw away uncommitted changes, unless told to. */
  | 'UNCOMMITTED_CHANGES'
  /** The running flow cannot take a version now (a running processor would change...). */
  | 'ENGINE_REFUSED'
  /** A push or pull with no remote configured. */
  | 'NO_REMOTE'
  /** The remote could not be reached, or refused the credentials. */
  | 'REMOTE_UNREACHABLE'
  /** The remote did not answer in time. */
  | 'REMOTE_TIMEOUT'
  /** Local and remote histories differ both ways (pull), or the remote is ahead (push). */
  | 'DIVERGED'
  /** git is not installed on this machine. */
  | 'GIT_MISSING'
  /** git failed in a way not foreseen; the message carries git's own words. */
  | 'GIT_FAILED';

/** A versioning action that did not happen, with why. */
export class VersionError extends Error {
  constructor(
    readonly code: VersionErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'VersionError';
  }
}
