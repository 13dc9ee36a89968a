import { open } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { defineProcessor, prop, type ComponentLog, type ProcessSession } from '@sluice/engine';
import { rollingPattern } from './tail/rolling-pattern.js';
import {
  checksumOf,
  completeLinesEnd,
  openFile,
  readRange,
  rolledFiles,
  type Checksum,
  type OpenFile,
  type RolledFile,
} from './tail/tailed-file.js';
import {
  END_CHECKSUM_BYTES,
  initialState,
  readTailState,
  writeTailState,
  type TailState,
} from './tail/tail-state.js';

/** A range up to this size is read into memory and written at commit; a larger one is streamed. */
const IN_MEMORY_LIMIT = 1024 * 1024;

type StartPosition = 'Beginning of Time' | 'Beginning of File' | 'Current Time';

/** What TailFile prepares once per start. */
interface Scheduled {
  readonly pattern: RegExp | undefined;
  readonly startPosition: StartPosition;
}

/** One trigger's view: the configured file, its session, and what it emitted. */
class Tail {
  emitted = 0;

  constructor(
    readonly configured: string,
    readonly session: ProcessSession,
    readonly log: ComponentLog,
    readonly pattern: RegExp | undefined,
  ) {}

  /**
   * Emits bytes `start` to `end` of a file as one flowfile, named as NiFi names them: the tailed
   * file's `<base>.<start>-<end>.<ext>`, a rolled-over file's own name.
   */
  async emit(
    file: { readonly path: string; readonly handle: OpenFile['handle'] },
    start: number,
    end: number,
    checksum?: Checksum,
  ): Promise<void> {
    if (end <= start) return;
    const { session } = this;
    const bytes = readRange(file.handle, start, end, checksum);
    let content: AsyncIterable<Buffer> | Buffer = bytes;
    if (end - start <= IN_MEMORY_LIMIT) {
      const parts: Buffer[] = [];
      for await (const part of bytes) parts.push(part);
      content = parts.length === 1 ? parts[0]! : Buffer.concat(parts);
    }
    let flowFile = await session.write(session.create(), content);
    const name = path.basename(file.path);
    const tailed = file.path === this.configured;
    flowFile = session.putAllAttributes(flowFile, {
      filename: tailed ? rangeName(name, start, end) : name,
      path: `${path.dirname(path.resolve(file.path))}${path.sep}`,
      'tailfile.original.path': this.configured,
      'mime.type': 'text/plain',
    });
    session.provenance.receive(
      flowFile,
      pathToFileURL(path.resolve(file.path)).href,
      `FlowFile contains bytes ${start} through ${end} of source file`,
    );
    session.transfer(flowFile, 'success');
    this.emitted++;
  }

  /** Emits the rest of a rolled-over file from `position`, its last line even without an ending. */
  async emitRest(rolled: RolledFile, position: number): Promise<void> {
    const handle = await open(rolled.path, 'r');
    try {
      const { size } = await handle.stat();
      await this.emit({ path: rolled.path, handle }, position, size);
    } finally {
      await handle.close();
    }
  }

  async rolled(): Promise<RolledFile[]> {
    return this.pattern === undefined ? [] : rolledFiles(this.configured, this.pattern);
  }

  /**
   * The rolled-over file that holds what was read: the same file (renamed), or else a copy whose
   * first `position` bytes are the ones read (copy-and-truncate rotation).
   */
  async findRead(rolled: readonly RolledFile[], state: TailState): Promise<RolledFile | undefined> {
    const renamed = rolled.find((r) => r.identity === state.identity);
    if (renamed !== undefined) return renamed;
    for (const candidate of rolled) {
      if (candidate.size < state.position) continue;
      const file = await open(candidate.path, 'r');
      try {
        const sum = await checksumOf({ handle: file, size: candidate.size }, 0, state.position);
        if (sum === state.checksum) return candidate;
      } finally {
        await file.close();
      }
    }
    return undefined;
  }

  /**
   * The file that was read is gone from the tailed path or was replaced: reads what was written
   * to it after `state.position` from where it rolled over to, then any file that rolled over
   * since and was never read (oldest first).
   */
  async finishRead(state: TailState, current: OpenFile | undefined, why: string): Promise<number> {
    const rolled = await this.rolled();
    const read = await this.findRead(rolled, state);
    if (read !== undefined) {
      if (read.size > state.position) await this.emitRest(read, state.position);
    } else if (state.position > 0) {
      this.log.warn(
        `${this.configured} ${why}, and no file matching the Rolling Filename Pattern holds what was read: ` +
          `lines written to it after byte ${state.position} are not ingested` +
          (this.pattern === undefined ? ' (set a Rolling Filename Pattern to read them)' : ''),
      );
    }
    let timestamp = state.timestamp;
    for (const unread of rolled) {
      if (unread === read || unread.identity === current?.identity) continue;
      if (unread.mtimeMs <= state.timestamp) continue;
      await this.emitRest(unread, 0);
      timestamp = Math.max(timestamp, unread.mtimeMs);
    }
    return Math.max(timestamp, read?.mtimeMs ?? 0);
  }
}

/** NiFi's name of a tailed range: `movies.120-480.tsv` for bytes 120 to 480 of movies.tsv. */
function rangeName(name: string, start: number, end: number): string {
  const dot = name.lastIndexOf('.');
  return dot < 0
    ? `${name}.${start}-${end}`
    : `${name.slice(0, dot)}.${start}-${end}.${name.slice(dot + 1)}`;
}

/** CRC-32 of the last bytes before `position` (see TailState.endChecksum). */
function endChecksumOf(file: OpenFile, position: number): Promise<number | undefined> {
  return checksumOf(file, Math.max(0, position - END_CHECKSUM_BYTES), position);
}

/** Where tailing starts when there is no state for the file (Initial Start Position). */
async function start(
  tail: Tail,
  startPosition: StartPosition,
  current: OpenFile | undefined,
): Promise<TailState> {
  // Rolled files older than this were there before tailing started: never read.
  const now = Date.now();
  switch (startPosition) {
    case 'Beginning of Time': {
      for (const rolled of await tail.rolled()) {
        if (rolled.identity !== current?.identity) await tail.emitRest(rolled, 0);
      }
      return initialState(tail.configured, current?.identity, now);
    }
    case 'Beginning of File':
      return initialState(tail.configured, current?.identity, now);
    case 'Current Time': {
      if (current === undefined) return initialState(tail.configured, undefined, now);
      return {
        ...initialState(tail.configured, current.identity, Math.max(now, current.mtimeMs)),
        position: current.size,
        length: current.size,
        checksum: (await checksumOf(current, 0, current.size))!,
        endChecksum: (await endChecksumOf(current, current.size))!,
      };
    }
    default: {
      const exhaustive: never = startPosition;
      throw new Error(`Unknown Initial Start Position ${String(exhaustive)}`);
    }
  }
}

/**
 * Follows a rotation: when the tailed path no longer holds the file that was read (renamed away,
 * deleted, or replaced — same inode but not the same bytes before the position — or truncated),
 * finishes that file and starts the one at the path from its beginning.
 */
async function followRotation(
  tail: Tail,
  state: TailState,
  current: OpenFile | undefined,
): Promise<TailState> {
  if (state.identity === undefined) {
    return current === undefined ? state : { ...state, identity: current.identity };
  }
  let why: string | undefined;
  if (current === undefined || current.identity !== state.identity) {
    why = 'was rolled over';
  } else if (current.size < state.position) {
    why = `was truncated (${current.size} bytes, ${state.position} were read)`;
  } else if ((await endChecksumOf(current, state.position)) !== state.endChecksum) {
    why = 'was replaced (its bytes before the last position read changed)';
  }
  if (why === undefined) return state;
  tail.log.info(`${tail.configured} ${why}; reading it from the start`);
  const timestamp = await tail.finishRead(state, current, why);
  return initialState(tail.configured, current?.identity, timestamp);
}

/** Emits the complete lines written to the tailed file after the position. */
async function readNewLines(tail: Tail, state: TailState, current: OpenFile): Promise<TailState> {
  const end = await completeLinesEnd(current.handle, state.position, current.size);
  const timestamp = Math.max(state.timestamp, current.mtimeMs);
  if (end <= state.position) return { ...state, length: current.size, timestamp };
  const checksum = { value: state.checksum };
  await tail.emit(current, state.position, end, checksum);
  return {
    ...state,
    position: end,
    length: current.size,
    timestamp,
    checksum: checksum.value,
    endChecksum: (await endChecksumOf(current, end))!,
  };
}

/**
 * NiFi's TailFile, Single file mode: ingests the lines appended to a text file, one flowfile per
 * trigger holding the complete lines (up to the last line ending; a partial last line waits for
 * its ending). Where it is in the file — position, size, modification time, inode and CRC-32 of
 * what was read — is component state committed with the flowfile, so a crash neither repeats nor
 * loses a line. When the file rolls over (renamed to a name matching the Rolling Filename Pattern
 * and created again, or copied and truncated), the rest of the old file is ingested first, then
 * the new file from its start; a file that shrank was truncated and is read from the start.
 */
export const TailFile = defineProcessor({
  // The position in the file is state each trigger reads and moves.
  triggerSerially: true,
  type: 'TailFile',
  description:
    '"Tails" a file, ingesting data from the file as it is written to the file. The file is expected to be textual. ' +
    'Data is ingested only when a new line is encountered (carriage return or new-line character or combination). ' +
    'If the file to tail is periodically "rolled over", as is generally the case with log files, an optional Rolling Filename Pattern can be used to retrieve data from files that have rolled over, ' +
    'even if the rollover occurred while Sluice was not running (provided that the data still exists upon restart). ' +
    'The state is committed with the FlowFiles, so a restart neither repeats nor loses data. ' +
    'Sluice supports the Single file mode only (not Multiple files, Line Start Pattern, Post-Rollover Tail Period, Reread when NUL encountered or State Location), ' +
    'recognises a rolled-over file by its inode as well as by checksum, and sets path to the directory of the file read.',
  tags: ['tail', 'file', 'log', 'text', 'source'],
  inputRequirement: 'forbidden',
  defaultRunSchedule: '30 sec',
  properties: {
    tailingMode: prop.choice({
      name: 'Tailing mode',
      description: 'Mode to use: Sluice tails a single file (the one named by File(s) to Tail).',
      values: [
        {
          value: 'Single file',
          description:
            "In this mode, only the one file indicated in the 'Files to tail' property will be watched by the processor. In this mode, the file may not exist when starting the processor.",
        },
      ],
      default: 'Single file',
    }),
    filesToTail: prop.string({
      name: 'File(s) to Tail',
      description: 'Path of the file to tail.',
      required: true,
      el: 'environment',
    }),
    rollingFilenamePattern: prop.string({
      name: 'Rolling Filename Pattern',
      description:
        'If the file to tail "rolls over" as would be the case with log files, this filename pattern will be used to identify files that have rolled over so that if Sluice is restarted, and the file has rolled over, it will be able to pick up where it left off. ' +
        'This pattern supports wildcard characters * and ?, it also supports the notation $${filename} to specify a pattern based on the name of the file (without extension), and will assume that the files that have rolled over live in the same directory as the file being tailed. (NiFi writes ${filename}; in Sluice the property is evaluated like the others, so the doubled $ keeps the notation from being read as the expression language.)',
      validate: (value) => {
        const compiled = rollingPattern(value, 'file');
        return compiled.ok ? undefined : `is not a valid pattern: ${compiled.reason}`;
      },
    }),
    initialStartPosition: prop.choice({
      name: 'Initial Start Position',
      description:
        'When the Processor first begins to tail data, this property specifies where the Processor should begin reading data. Once data has been ingested from a file, the Processor will continue from the last point from which it has received data.',
      values: [
        {
          value: 'Beginning of Time',
          description:
            'Start with the oldest data that matches the Rolling Filename Pattern and then begin reading from the File to Tail',
        },
        {
          value: 'Beginning of File',
          description:
            'Start with the beginning of the File to Tail. Do not ingest any data that has already been rolled over',
        },
        {
          value: 'Current Time',
          description:
            'Start with the data at the end of the File to Tail. Do not ingest any data thas has already been rolled over or any data in the File to Tail that has already been written.',
        },
      ],
      default: 'Beginning of File',
    }),
  },
  relationships: { success: 'All FlowFiles are routed to this Relationship.' },
  onScheduled(ctx): Scheduled {
    const raw = ctx.property('rollingFilenamePattern');
    let pattern: RegExp | undefined;
    if (raw) {
      const compiled = rollingPattern(raw, ctx.requiredProperty('filesToTail'));
      if (!compiled.ok) throw new Error(`'Rolling Filename Pattern' ${compiled.reason}`);
      pattern = compiled.regex;
    }
    return { pattern, startPosition: ctx.requiredProperty('initialStartPosition') };
  },
  async onTrigger(ctx, session, scheduled) {
    const configured = ctx.requiredProperty('filesToTail');
    const tail = new Tail(configured, session, ctx.log, scheduled.pattern);
    const stored = readTailState(session.getState(), configured);
    let current: OpenFile | undefined;
    let state: TailState;
    try {
      current = await openFile(configured);
      state =
        stored === undefined
          ? await start(tail, scheduled.startPosition, current)
          : await followRotation(tail, stored, current);
      if (current !== undefined) state = await readNewLines(tail, state, current);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      throw new Error(`Cannot tail ${configured}: ${message}`, { cause: error });
    } finally {
      await current?.handle.close();
    }
    const next = writeTailState(state);
    // Committed with the flowfiles; unchanged state is not written again.
    if (stored === undefined || !sameState(writeTailState(stored), next)) session.setState(next);
    if (tail.emitted === 0) ctx.yield();
  },
});

function sameState(a: Record<string, string>, b: Record<string, string>): boolean {
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((key) => a[key] === b[key]);
}
