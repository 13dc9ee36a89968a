import type { FileHandle } from 'node:fs/promises';
import { writeFully, writevFully } from '../repository/durable-files.js';
import type { ContentClaim } from './content-claim.js';

/** Lifecycle of a claim file; only `appendable` files take new content. */
export type ClaimFileState = 'appendable' | 'sealing' | 'sealed' | 'deleting';

const CLAIM_FILE_NAME = /^(\d+)\.claim$/;

/** The name of claim file number `sequence`. */
export function claimFileName(sequence: number): string {
  return `${sequence}.claim`;
}

/** The sequence number of a claim file name, or undefined for any other name. */
export function claimFileSequence(name: string): number | undefined {
  const match = CLAIM_FILE_NAME.exec(name);
  return match === null ? undefined : Number(match[1]);
}

/**
 * One claim file as the content repository tracks it: its reference count and, while it is
 * appendable, its open handle and the offset where the next content goes.
 */
export class ClaimFile {
  /** Flowfiles (and uncommitted claims) that point into this file. */
  references = 0;
  state: ClaimFileState;
  /** True while one writer holds the file; content is never interleaved. */
  busy = false;
  /** Bytes written; the offset of the next content. */
  size: number;
  /** fsyncs in flight, which must finish before the handle is closed. */
  readonly syncs = new Set<Promise<void>>();
  /**
   * False from the file's creation until an fsync of the directory made its entry durable: until
   * then, a power cut could lose the whole file. True for files found at open.
   */
  entryDurable: boolean;

  constructor(
    readonly name: string,
    private handle: FileHandle | undefined,
    size: number,
    /** Written with O_DSYNC: content is durable when its write completes, no fsync needed. */
    readonly dsync = false,
  ) {
    this.state = handle === undefined ? 'sealed' : 'appendable';
    this.size = size;
    this.entryDurable = handle === undefined;
  }

  /**
   * Appends `data` at the end and returns its offset. Writes at explicit positions, so after a
   * failed write the next one would simply overwrite the partial bytes (though the repository
   * seals a file after any failure).
   */
  async append(data: Uint8Array): Promise<number> {
    const handle = this.openHandle();
    const offset = this.size;
    await writeFully(handle, data, offset);
    this.size += data.length;
    return offset;
  }

  /**
   * Appends `chunks` back to back in one write and returns the offset of the first. Adjacent
   * views of one buffer are joined (a processor carving its outputs from a few large buffers),
   * so the write takes a few iovecs rather than a copy of every chunk.
   */
  async appendAll(chunks: readonly Uint8Array[]): Promise<number> {
    const handle = this.openHandle();
    const offset = this.size;
    const parts = coalesce(chunks);
    let length = 0;
    for (const part of parts) length += part.byteLength;
    await writevFully(handle, parts, offset);
    this.size += length;
    return offset;
  }

  /**
   * Cuts off whatever a failed write left after the last complete content: on a full disk those
   * bytes would hold space for as long as the file lives.
   */
  async cutTail(): Promise<void> {
    await this.openHandle().truncate(this.size);
  }

  /** Starts an fsync of the file's data; the promise is kept until it settles. */
  startSync(): Promise<void> {
    const sync = this.openHandle().datasync();
    this.syncs.add(sync);
    const forget = (): void => {
      this.syncs.delete(sync);
    };
    sync.then(forget, forget);
    return sync;
  }

  /** Closes the handle once in-flight fsyncs are done; the file takes no more content. */
  async close(): Promise<void> {
    const handle = this.handle;
    if (handle === undefined) return;
    this.handle = undefined;
    await Promise.allSettled([...this.syncs]);
    await handle.close();
  }

  private openHandle(): FileHandle {
    if (this.handle === undefined) throw new Error(`claim file ${this.name} is not open`);
    return this.handle;
  }
}

/**
 * Passes a claim's bytes through and fails at the end if fewer came than the claim says: a read
 * stream ends quietly at end of file, which would hide a claim file cut short.
 */
export async function* checkLength(
  source: AsyncIterable<Buffer>,
  expected: number,
  claim: ContentClaim,
): AsyncGenerator<Buffer> {
  let read = 0;
  for await (const chunk of source) {
    read += chunk.length;
    yield chunk;
  }
  if (read !== expected) {
    throw new Error(
      `claim file ${claim.file} ends after ${read} of ${expected} bytes at offset ${claim.offset}`,
    );
  }
}

/** The chunks, adjacent views of one buffer joined into one view. */
function coalesce(chunks: readonly Uint8Array[]): Uint8Array[] {
  const parts: Uint8Array[] = [];
  let run: Uint8Array | undefined;
  let runLength = 0;
  const flush = (): void => {
    if (run === undefined) return;
    parts.push(
      runLength === run.byteLength ? run : new Uint8Array(run.buffer, run.byteOffset, runLength),
    );
  };
  for (const chunk of chunks) {
    if (chunk.byteLength === 0) continue;
    if (
      run !== undefined &&
      run.buffer === chunk.buffer &&
      run.byteOffset + runLength === chunk.byteOffset
    ) {
      runLength += chunk.byteLength;
      continue;
    }
    flush();
    run = chunk;
    runLength = chunk.byteLength;
  }
  flush();
  if (parts.length === 0) parts.push(new Uint8Array(0));
  return parts;
}
