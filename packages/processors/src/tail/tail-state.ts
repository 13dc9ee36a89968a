/**
 * Where TailFile is in the file it tails, kept as component state and committed with the
 * flowfiles that carry the bytes before `position`, so a crash neither repeats nor loses a line.
 */
export interface TailState {
  /** The File(s) to Tail the state is about; another value starts over. */
  readonly filename: string;
  /** Device and inode of the file read (`dev:ino`); undefined before the file existed. */
  readonly identity: string | undefined;
  /** Bytes consumed: everything before it was emitted, up to the end of a line. */
  readonly position: number;
  /** The file's size when last read: a smaller file was truncated. */
  readonly length: number;
  /** The file's modification time (ms) when last read: rolled files newer than it are unread. */
  readonly timestamp: number;
  /** CRC-32 of the bytes before `position` (NiFi's checksum): finds a rolled copy of the file. */
  readonly checksum: number;
  /**
   * CRC-32 of the last bytes before `position` (up to END_CHECKSUM_BYTES): checked on every
   * trigger, it tells a file replaced under the same inode (deleted and created again, or
   * truncated and written past the position) from the one that was read.
   */
  readonly endChecksum: number;
}

/** How many bytes before the position {@link TailState.endChecksum} covers. */
export const END_CHECKSUM_BYTES = 1024;

// NiFi's TailFile state keys (file.<index>.<key>), with Sluice's identity beside them.
const PREFIX = 'file.0.';

/** The state before anything of `filename` was read. */
export function initialState(
  filename: string,
  identity: string | undefined,
  timestamp: number,
): TailState {
  return { filename, identity, position: 0, length: 0, timestamp, checksum: 0, endChecksum: 0 };
}

/** Reads the committed state; undefined when there is none for this File(s) to Tail. */
export function readTailState(
  state: Readonly<Record<string, string>> | undefined,
  filename: string,
): TailState | undefined {
  if (state?.[`${PREFIX}filename`] !== filename) return undefined;
  const number = (key: string): number | undefined => {
    const value = Number(state[`${PREFIX}${key}`]);
    return Number.isSafeInteger(value) && value >= 0 ? value : undefined;
  };
  const position = number('position');
  const length = number('length');
  const timestamp = number('timestamp');
  const checksum = number('checksum');
  const endChecksum = number('endChecksum');
  if (position === undefined || length === undefined || timestamp === undefined) return undefined;
  if (checksum === undefined || endChecksum === undefined) return undefined;
  const identity = state[`${PREFIX}identity`];
  return {
    filename,
    identity: identity || undefined,
    position,
    length,
    timestamp,
    checksum,
    endChecksum,
  };
}

/** The component state recording `state`. */
export function writeTailState(state: TailState): Record<string, string> {
  return {
    [`${PREFIX}filename`]: state.filename,
    [`${PREFIX}identity`]: state.identity ?? '',
    [`${PREFIX}position`]: String(state.position),
    [`${PREFIX}length`]: String(state.length),
    [`${PREFIX}timestamp`]: String(state.timestamp),
    [`${PREFIX}checksum`]: String(state.checksum),
    [`${PREFIX}endChecksum`]: String(state.endChecksum),
  };
}
