/** What went wrong in a repository, for callers that branch on it. */
export type RepositoryErrorCode =
  /** A record in the middle of a log, a snapshot or a swap file fails its checksum or cannot be decoded. */
  | 'CORRUPT_RECORD'
  /** `commit()` or a swap file operation before `recover()`. */
  | 'NOT_RECOVERED'
  /** `recover()` called twice. */
  | 'ALREADY_RECOVERED'
  /** The repository was closed. */
  | 'CLOSED'
  /**
   * An earlier fsync or log switch failed, so what is on disk is uncertain; every later commit
   * fails until the repository is reopened (retrying an fsync after a failure can falsely succeed).
   */
  | 'FAILED'
  /**
   * A write found its file system full (ENOSPC) or its quota spent (EDQUOT). Nothing it wrote
   * is kept, so the same write may be retried once space is made.
   */
  | 'OUT_OF_SPACE'
  /** A swap file name that is not one this repository writes. */
  | 'INVALID_FILE_NAME';

/**
 * An error of a repository (flowfile, content or provenance). Corruption errors name the file and the byte
 * offset of the bad record, so an operator can inspect or truncate it.
 */
export class RepositoryError extends Error {
  override readonly name = 'RepositoryError';
  /** File the error is about, when there is one. */
  readonly file: string | undefined;
  /** Byte offset of the bad record within `file`, for `CORRUPT_RECORD`. */
  readonly offset: number | undefined;

  constructor(
    readonly code: RepositoryErrorCode,
    message: string,
    details: { file?: string; offset?: number; cause?: unknown } = {},
  ) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.file = details.file;
    this.offset = details.offset;
  }
}
