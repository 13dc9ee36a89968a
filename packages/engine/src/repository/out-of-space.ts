import { RepositoryError } from './repository-error.js';

/** The repositories whose writes can find their file system full, as a bulletin names them. */
export type RepositoryKind = 'content repository' | 'flowfile repository' | 'provenance repository';

/** True for a write refused for lack of room: the file system is full, or the disk quota spent. */
export function isOutOfSpace(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  return code === 'ENOSPC' || code === 'EDQUOT' || code === 'OUT_OF_SPACE';
}

/**
 * A repository write refused for lack of space, naming the repository and its directory so an
 * operator knows where room must be made. The write left nothing behind that anything refers to
 * (a log record is cut off, a claim is never handed out), so it can be retried once there is room.
 */
export class OutOfSpaceError extends RepositoryError {
  constructor(
    readonly repository: RepositoryKind,
    readonly dir: string,
    cause: unknown,
  ) {
    super('OUT_OF_SPACE', outOfSpaceMessage(repository, dir, undefined, cause), {
      file: dir,
      cause,
    });
  }

  /** The message naming the component whose write it was, as its bulletin says it. */
  forComponent(name: string): string {
    return outOfSpaceMessage(this.repository, this.dir, name, this.cause);
  }
}

/** Wraps an out-of-space error of a write to `repository` in an {@link OutOfSpaceError}; any other error as it is. */
export function asOutOfSpace(repository: RepositoryKind, dir: string, error: unknown): unknown {
  return isOutOfSpace(error) && !(error instanceof OutOfSpaceError)
    ? new OutOfSpaceError(repository, dir, error)
    : error;
}

function outOfSpaceMessage(
  repository: RepositoryKind,
  dir: string,
  component: string | undefined,
  cause: unknown,
): string {
  const detail = cause instanceof Error ? cause.message : String(cause);
  const who = component === undefined ? '' : ` (${component})`;
  return `No space left on device while writing the ${repository} at ${dir}${who}: ${detail}`;
}
