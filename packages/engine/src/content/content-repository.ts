import { createReadStream } from 'node:fs';
import { mkdir, readdir, stat, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { isNotFound } from '../repository/durable-files.js';
import type { FsyncPolicy } from '../repository/fsync-policy.js';
import { asOutOfSpace } from '../repository/out-of-space.js';
import { checkLength, ClaimFile, claimFileSequence } from './claim-file.js';
import { ClaimFileMaker, DSYNC } from './claim-file-maker.js';
import { ClaimSync } from './claim-sync.js';
import type { ContentClaim } from './content-claim.js';
import { ContentReadCache } from './read-cache.js';

/** Options of {@link ContentRepository.open}. */
export interface ContentRepositoryOptions {
  /** `never` makes {@link ContentRepository.sync} a no-op (default `batch`). */
  readonly fsync?: FsyncPolicy;
  /** A claim file is sealed once it holds this many bytes (default 1 MiB). */
  readonly maxAppendableClaimBytes?: number;
  /** Idle appendable files kept open for the next writers (default 16). */
  readonly maxAppendableClaimFiles?: number;
  /** Receives background failures (deletions, fsync at seal, reference-count misuse). */
  readonly onError?: (error: Error) => void;
}

/** A readable stream of content that can also be consumed with `for await`. */
export type ContentStream = NodeJS.ReadableStream & AsyncIterable<Buffer>;

/** Content written by one stream is gathered into writes of about this size. */
const STREAM_WRITE_BYTES = 512 * 1024;

/**
 * The content repository: append-only claim files in one directory, each holding the content
 * of many flowfiles back to back, as NiFi's resource claims do.
 *
 * References: every claim a write returns holds one reference to its file (NiFi's "claimant
 * count" at creation), so a file another writer fills and seals can never be deleted under
 * content that is written but not yet committed. The caller hands that reference to the
 * flowfile that keeps the claim, or gives it back with {@link decrementReferences} on rollback;
 * each further flowfile sharing the claim (a clone) takes one with {@link incrementReferences}.
 * A file is deleted when its count reaches 0 and it is sealed; an appendable file is kept.
 */
export class ContentRepository {
  private readonly files = new Map<string, ClaimFile>();
  /** Appendable files no writer holds; the last one is reused first so it fills and seals. */
  private idle: ClaimFile[] = [];
  private readonly background = new Set<Promise<void>>();
  private readonly syncs: ClaimSync;
  private readonly maker: ClaimFileMaker;
  private readonly writes = new Set<Promise<unknown>>();
  private readonly policy: FsyncPolicy;
  private readonly maxBytes: number;
  private readonly maxIdle: number;
  private readonly onError: (error: Error) => void;
  /** Until the flowfile repository is replayed, counts of existing files are unknown: delete nothing. */
  private initialized = false;
  private closed = false;
  private readonly readCache = new ContentReadCache((file) => this.pathOf(file));

  private constructor(
    readonly dir: string,
    nextSequence: number,
    options: ContentRepositoryOptions,
  ) {
    this.syncs = new ClaimSync(dir);
    this.policy = options.fsync ?? 'batch';
    this.maxBytes = options.maxAppendableClaimBytes ?? 1024 * 1024;
    this.maxIdle = options.maxAppendableClaimFiles ?? 16;
    this.onError = options.onError ?? ((error) => console.error(error));
    this.maker = new ClaimFileMaker(dir, nextSequence, this.onError);
  }

  /** Opens (creating if needed) the repository in `dir`. Existing claim files are sealed. */
  static async open(
    dir: string,
    options: ContentRepositoryOptions = {},
  ): Promise<ContentRepository> {
    await mkdir(dir, { recursive: true });
    const existing: string[] = [];
    let maxSequence = -1;
    for (const name of await readdir(dir)) {
      const sequence = claimFileSequence(name);
      if (sequence === undefined) continue;
      existing.push(name);
      maxSequence = Math.max(maxSequence, sequence);
    }
    // Numbers of claim files deleted before a restart must not come back: a provenance event
    // may still name one, and would then show other bytes. Starting past the clock (1,024 per
    // millisecond) never meets a number an earlier run used, unless the clock went back further
    // than that run lasted.
    const firstSequence = Math.max(maxSequence + 1, Date.now() * 1024);
    const repository = new ContentRepository(dir, firstSequence, options);
    for (const name of existing) repository.files.set(name, new ClaimFile(name, undefined, 0));
    return repository;
  }

  /**
   * Appends many contents with one write to one claim file; one claim per chunk, in order, each
   * holding one reference (the commit-time path for small buffered content). Unless the policy is
   * `never`, written with O_DSYNC: durable when the write completes, no fsync at {@link sync}.
   */
  writeAll(chunks: readonly Uint8Array[]): Promise<ContentClaim[]> {
    if (chunks.length === 0) return Promise.resolve([]);
    let bytes = 0;
    for (const chunk of chunks) bytes += chunk.byteLength;
    return this.withFile(this.policy !== 'never', bytes, async (file) => {
      let offset = await file.appendAll(chunks);
      file.references += chunks.length;
      return chunks.map((chunk) => {
        const claim = { file: file.name, offset, length: chunk.length };
        offset += chunk.length;
        return claim;
      });
    });
  }

  /**
   * Streams content of any size into a claim holding one reference. The source is pulled one
   * chunk at a time and each write is awaited, so memory stays bounded and a slow disk slows
   * the source down.
   */
  writeStream(source: AsyncIterable<Uint8Array>): Promise<ContentClaim> {
    return this.withFile(false, undefined, async (file) => {
      const start = file.size;
      let pending: Uint8Array[] = [];
      let pendingBytes = 0;
      const flush = async (): Promise<void> => {
        if (pendingBytes === 0) return;
        await file.append(
          pending.length === 1 ? pending[0]! : Buffer.concat(pending, pendingBytes),
        );
        pending = [];
        pendingBytes = 0;
      };
      for await (const chunk of source) {
        pending.push(chunk);
        pendingBytes += chunk.length;
        if (pendingBytes >= STREAM_WRITE_BYTES) await flush();
      }
      await flush();
      file.references += 1;
      return { file: file.name, offset: start, length: file.size - start };
    });
  }

  /**
   * A stream of the claim's bytes, or of `range` within it (`end` exclusive). It fails, rather
   * than ending short, if the claim file holds fewer bytes than the claim says.
   */
  read(claim: ContentClaim, range: { start?: number; end?: number } = {}): ContentStream {
    const start = range.start ?? 0;
    const end = range.end ?? claim.length;
    if (!(start >= 0 && start <= end && end <= claim.length)) {
      throw new RangeError(`range ${start}..${end} is outside the claim's ${claim.length} bytes`);
    }
    const path = this.pathOf(claim.file);
    if (end === start) return Readable.from([], { objectMode: false });
    const file = createReadStream(path, {
      start: claim.offset + start,
      end: claim.offset + end - 1,
      highWaterMark: 64 * 1024,
    });
    const expected = end - start;
    return Readable.from(checkLength(file, expected, claim), { objectMode: false });
  }

  /**
   * True while the claim's file exists and is not being deleted: its content can be read (what
   * provenance checks before showing the content of a past event).
   */
  holds(claim: ContentClaim): boolean {
    const file = this.files.get(claim.file);
    return file !== undefined && file.state !== 'deleting';
  }

  /** The claim's bytes in one buffer; for content known to be small. */
  async readBuffer(claim: ContentClaim): Promise<Buffer> {
    return this.readCache.read(claim.file, claim.offset, claim.length);
  }

  /** A copy of the claim's bytes if a cached block holds them (no I/O, no promise), else undefined. */
  readCached(claim: ContentClaim): Buffer | undefined {
    return this.readCache.readCached(claim.file, claim.offset, claim.length);
  }

  /**
   * Makes claims written so far durable: fsyncs each claim file written (without O_DSYNC) since
   * the last sync, waits for fsyncs a seal started, and fsyncs the directory if files were
   * created. A session commit calls this before its WAL record, unless the policy is `never`,
   * naming the claim `files` it wrote: when all of them are durable already (written with
   * O_DSYNC into files whose directory entries are durable), it waits for nothing else.
   * Concurrent callers share rounds of fsyncs (group commit, see claim-sync.ts).
   */
  sync(files?: Iterable<string>): Promise<void> {
    if (this.policy === 'never') return Promise.resolve();
    // A file system that allocates late (ext4, XFS) reports a full disk at fsync.
    const named = (error: unknown) =>
      Promise.reject(asOutOfSpace('content repository', this.dir, error));
    if (files === undefined) return this.syncs.sync().catch(named);
    const claimFiles: ClaimFile[] = [];
    for (const name of files) {
      const file = this.files.get(name);
      if (file !== undefined) claimFiles.push(file);
    }
    return this.syncs.sync(claimFiles).catch(named);
  }

  /** Adds `count` references to a claim file (a flowfile sharing a claim, such as a clone). */
  incrementReferences(file: string, count = 1): void {
    const claimFile = this.files.get(file);
    if (claimFile === undefined || claimFile.state === 'deleting') {
      this.onError(new Error(`reference to claim file ${file}, which no longer exists`));
      return;
    }
    claimFile.references += count;
  }

  /** Removes `count` references; a sealed file left with none is deleted in the background. */
  decrementReferences(file: string, count = 1): void {
    const claimFile = this.files.get(file);
    if (claimFile === undefined) {
      this.onError(new Error(`release of claim file ${file}, which is not known`));
      return;
    }
    claimFile.references -= count;
    if (claimFile.references < 0) {
      this.onError(new Error(`claim file ${file} released more often than referenced`));
      claimFile.references = 0;
    }
    this.deleteIfUnused(claimFile);
  }

  /**
   * Sets the counts found by replaying the flowfile repository (added to references taken since
   * open) and deletes every claim file nothing references. Until this runs nothing is deleted.
   */
  async initializeReferences(counts: ReadonlyMap<string, number>): Promise<void> {
    for (const [name, count] of counts) {
      const claimFile = this.files.get(name);
      if (claimFile === undefined) {
        this.onError(
          new Error(`${count} flowfiles reference claim file ${name}, which is missing`),
        );
      } else {
        claimFile.references += count;
      }
    }
    this.initialized = true;
    for (const claimFile of this.files.values()) this.deleteIfUnused(claimFile);
    await Promise.all([...this.background]);
  }

  /** Number of claim files on disk and their total size. */
  async usage(): Promise<{ files: number; bytes: number }> {
    let files = 0;
    let bytes = 0;
    for (const name of await readdir(this.dir)) {
      if (claimFileSequence(name) === undefined) continue;
      try {
        bytes += (await stat(join(this.dir, name))).size;
        files++;
      } catch (error) {
        if (!isNotFound(error)) throw error;
      }
    }
    return { files, bytes };
  }

  /** Resolves once background seals and deletions (including ones they trigger) are done. */
  async whenIdle(): Promise<void> {
    while (this.background.size > 0) await Promise.all([...this.background]);
  }

  /** Waits for writes in flight, seals every appendable file and finishes deletions. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await Promise.allSettled([...this.writes]);
    const idle = this.idle;
    this.idle = [];
    for (const file of idle) this.seal(file);
    await this.maker.discardSpare().catch((error: unknown) => {
      this.onError(error instanceof Error ? error : new Error(String(error)));
    });
    await this.whenIdle();
    await this.readCache.close();
  }

  /**
   * Runs `write` with a claim file no other writer holds (written with O_DSYNC if `durable`), for
   * a write of `bytes` if known.
   */
  private withFile<T>(
    durable: boolean,
    bytes: number | undefined,
    write: (file: ClaimFile) => Promise<T>,
  ): Promise<T> {
    if (this.closed) return Promise.reject(new Error('the content repository is closed'));
    const run = (async () => {
      const file = await this.acquire(durable && DSYNC !== undefined, bytes);
      let failed = true;
      try {
        const result = await write(file);
        failed = false;
        return result;
      } finally {
        this.release(file, failed);
      }
    })().catch((error: unknown) => {
      // A full disk is named, so the processor's bulletin says which repository to make room in.
      throw asOutOfSpace('content repository', this.dir, error);
    });
    this.writes.add(run);
    const forget = (): void => {
      this.writes.delete(run);
    };
    run.then(forget, forget);
    return run;
  }

  /**
   * An idle file of the kind asked for, the most recently used first so it fills and seals; for a
   * write of known size, one it fits in. A write larger than a whole file takes the spare (see
   * claim-file-maker.ts) or a new file, leaving smaller writers on theirs, whose entries are synced.
   */
  private async acquire(dsync: boolean, bytes: number | undefined): Promise<ClaimFile> {
    if (dsync && bytes !== undefined && bytes > this.maxBytes) {
      const spare = await this.maker.takeSpare();
      if (spare !== undefined) return this.adopt(spare);
    }
    let chosen = -1;
    for (let i = this.idle.length - 1; i >= 0; i--) {
      const file = this.idle[i]!;
      if (file.dsync !== dsync) continue;
      if (bytes === undefined || file.size + bytes <= this.maxBytes) {
        chosen = i;
        break;
      }
      if (chosen < 0 && bytes <= this.maxBytes) chosen = i;
    }
    if (chosen >= 0) {
      const [reused] = this.idle.splice(chosen, 1);
      reused!.busy = true;
      return reused!;
    }
    const file = await this.maker.create(dsync);
    this.syncs.created(file);
    return this.adopt(file);
  }

  /** Registers a new file, held by the writer that asked for it. */
  private adopt(file: ClaimFile): ClaimFile {
    file.busy = true;
    this.files.set(file.name, file);
    return file;
  }

  private release(file: ClaimFile, failed: boolean): void {
    file.busy = false;
    this.syncs.written(file);
    // After a failure the file's tail is unknown: seal it rather than append after it.
    if (failed || this.closed || file.size >= this.maxBytes || this.idle.length >= this.maxIdle) {
      this.seal(file, failed);
    } else {
      this.idle.push(file);
    }
  }

  /**
   * Closes a file for good (fsynced first if it has unsynced content) and deletes it if unused.
   * After a failed write (`cutTail`) the partial bytes it left are cut off first.
   */
  private seal(file: ClaimFile, cutTail = false): void {
    file.state = 'sealing';
    const wasDirty = this.syncs.takeDirty(file);
    this.runInBackground(async () => {
      try {
        // Only a file others still reference keeps its tail long enough to matter; failing to
        // cut it costs space only, and must not skip the fsync below.
        if (cutTail && file.references > 0) {
          await file.cutTail().catch((error: unknown) => {
            this.onError(error instanceof Error ? error : new Error(String(error)));
          });
        }
        // A session that wrote here may call sync() later; it waits for this fsync (kept in
        // file.syncs until it settles), so the content is durable before its WAL record.
        if (wasDirty && this.policy !== 'never') await this.syncs.track(file.startSync());
      } finally {
        await file.close();
        file.state = 'sealed';
        this.deleteIfUnused(file);
      }
    });
  }

  private deleteIfUnused(file: ClaimFile): void {
    if (!this.initialized || file.references > 0 || file.state !== 'sealed') return;
    file.state = 'deleting';
    this.runInBackground(async () => {
      try {
        await this.readCache.forget(file.name);
        await unlink(join(this.dir, file.name));
        this.files.delete(file.name);
      } catch (error) {
        if (isNotFound(error)) {
          this.files.delete(file.name);
          return;
        }
        file.state = 'sealed';
        throw error;
      }
    });
  }

  private runInBackground(task: () => Promise<void>): void {
    const run = task().catch((error: unknown) => {
      this.onError(error instanceof Error ? error : new Error(String(error)));
    });
    this.background.add(run);
    void run.finally(() => this.background.delete(run));
  }

  private pathOf(file: string): string {
    // Names come from claims recorded in the log; anything else must not reach the file system.
    if (claimFileSequence(file) === undefined) {
      throw new Error(`not a claim file name: ${JSON.stringify(file)}`);
    }
    return join(this.dir, file);
  }
}
