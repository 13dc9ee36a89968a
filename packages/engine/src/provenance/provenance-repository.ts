import { mkdir, open, readdir, stat, truncate } from 'node:fs/promises';
import type { FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import { removeIfExists, writeFully } from '../repository/durable-files.js';
import { buildLineage, type LineageGraph } from './lineage.js';
import type { NewProvenanceEvent, ProvenanceEvent } from './provenance-event.js';
import {
  indexFileName,
  indexProvenanceFile,
  ProvenanceFile,
  provenanceFileFirstId,
  provenanceFileName,
  readIndexFile,
  writeIndexFile,
} from './provenance-file.js';
import { findEvent, forEachEvent, scanEvents, type EventSource } from './provenance-scan.js';
import { DEFAULT_QUERY_LIMIT, type ProvenanceQuery } from './provenance-query.js';
import { encodeProvenanceRecord } from './provenance-record.js';

/** Options of {@link ProvenanceRepository.open}. */
export interface ProvenanceRepositoryOptions {
  /** Oldest files are deleted while all files together exceed this (default 1 GiB). */
  readonly maxBytes?: number;
  /** Files whose newest event is older than this are deleted (default 24 h). */
  readonly maxAgeMs?: number;
  /** A file is rolled (a new one started) at this size (default 64 MiB)... */
  readonly rollBytes?: number;
  /** ...or at this age (default 1 h). */
  readonly rollIntervalMs?: number;
  /** How often retention runs in the background (default 1 min). */
  readonly retentionIntervalMs?: number;
  /**
   * Unwritten events beyond which committing sessions wait for the writer ({@link
   * ProvenanceRepository.room}); while writes fail, the oldest beyond it are dropped instead
   * (default 100,000).
   */
  readonly maxQueuedEvents?: number;
  /** Wait before retrying a failed write (default 1 s). */
  readonly retryDelayMs?: number;
  /** Receives write, retention and drop errors; provenance never crashes the engine. */
  readonly onError?: (error: Error) => void;
}

/** Events per written record: big enough for one write per busy tick, small enough to parse. */
const MAX_BATCH = 4096;
const LINEAGE_MAX_FLOWFILES = 10_000;

interface ActiveFile {
  readonly file: ProvenanceFile;
  readonly handle: FileHandle;
}

/**
 * The provenance repository: events are appended in memory, given increasing ids, and written in
 * the background in batches (one framed binary record per batch, see provenance-record.ts) to
 * rolling append-only files named by their first event id. Each file's time and id range is kept
 * in memory so queries skip files that cannot match; whole oldest files are deleted by size and
 * age.
 */
export class ProvenanceRepository {
  private readonly files: ProvenanceFile[] = [];
  private active: ActiveFile | undefined;
  /**
   * Events appended and not yet written. Ids are consecutive, so they are implicit (`queuedId`
   * is the first one's): appending stores the session's objects as they are, without a copy.
   */
  private queue: NewProvenanceEvent[] = [];
  /** True from a failed write to the next successful one: the queue bound then drops events. */
  private failing = false;
  /** Commits waiting for the backlog to come down to the bound ({@link room}). */
  private roomWaiters: (() => void)[] = [];
  private queuedId: number;
  /** The batch being written: still visible to queries until the file's index includes it. */
  private writing: readonly NewProvenanceEvent[] = [];
  private writingId = 0;
  private writer: Promise<void> | undefined;
  private waiters: { resolve: () => void; reject: (error: Error) => void }[] = [];
  private retryTimer: NodeJS.Timeout | undefined;
  private readonly retentionTimer: NodeJS.Timeout;
  private readonly maxBytes: number;
  private readonly maxAgeMs: number;
  private readonly rollBytes: number;
  private readonly rollIntervalMs: number;
  private readonly maxQueued: number;
  private readonly retryDelayMs: number;
  private readonly onError: (error: Error) => void;
  private closed = false;

  private constructor(
    readonly dir: string,
    private nextEventId: number,
    options: ProvenanceRepositoryOptions,
  ) {
    this.queuedId = nextEventId;
    this.maxBytes = options.maxBytes ?? 1024 ** 3;
    this.maxAgeMs = options.maxAgeMs ?? 24 * 3_600_000;
    this.rollBytes = options.rollBytes ?? 64 * 1024 ** 2;
    this.rollIntervalMs = options.rollIntervalMs ?? 3_600_000;
    this.maxQueued = options.maxQueuedEvents ?? 100_000;
    this.retryDelayMs = options.retryDelayMs ?? 1000;
    this.onError = options.onError ?? ((error) => console.error(error));
    this.retentionTimer = setInterval(() => {
      this.enforceRetention().catch((error: unknown) => this.onError(asError(error)));
    }, options.retentionIntervalMs ?? 60_000);
    // Retention alone must not keep the process alive.
    this.retentionTimer.unref();
  }

  /** Opens (creating if needed) the repository in `dir`; event ids continue after the newest file's. */
  static async open(
    dir: string,
    options: ProvenanceRepositoryOptions = {},
  ): Promise<ProvenanceRepository> {
    await mkdir(dir, { recursive: true });
    const names: string[] = [];
    for (const name of await readdir(dir)) {
      if (name.endsWith('.tmp')) await removeIfExists(join(dir, name));
      else if (provenanceFileFirstId(name) !== undefined) names.push(name);
    }
    names.sort();
    const files: ProvenanceFile[] = [];
    for (const name of names) {
      const path = join(dir, name);
      const info = await stat(path);
      let stats = await readIndexFile(join(dir, indexFileName(name)), info.size);
      if (stats === undefined) {
        // The file was active when the process stopped: index it now, once, for later opens,
        // and cut off a record torn by the stop so that the index matches the file's size.
        stats = await indexProvenanceFile(path);
        if (info.size > stats.bytes) await truncate(path, stats.bytes);
        // Only a cache: on a full disk the next open indexes the file again.
        await writeIndexFile(join(dir, indexFileName(name)), stats).catch((error: unknown) =>
          (options.onError ?? console.error)(asError(error)),
        );
      }
      files.push(new ProvenanceFile(name, path, info.mtimeMs, stats));
    }
    // The newest file name carries the next id even when the file is empty, so ids continue
    // after restarts that follow retention deleting every event.
    const newest = files.at(-1);
    const nextEventId =
      newest === undefined ? 1 : Math.max(newest.firstEventId, newest.stats.maxEventId + 1);
    const repository = new ProvenanceRepository(dir, nextEventId, options);
    repository.files.push(...files.filter((file) => file.stats.count > 0));
    for (const file of files) {
      if (file.stats.count === 0) await repository.deleteFile(file);
    }
    await repository.startFile(nextEventId);
    return repository;
  }

  /** Queues events for writing and gives them increasing ids. Never blocks and never throws for I/O. */
  append(events: readonly NewProvenanceEvent[]): void {
    if (this.closed) {
      this.onError(
        new Error(`${events.length} provenance events appended after close were dropped`),
      );
      return;
    }
    for (const event of events) this.queue.push(event);
    this.nextEventId += events.length;
    // While the writer keeps up, a burst (one session splitting a file into a million flowfiles)
    // is kept whole and later commits wait in room(); only a failing disk makes the bound drop.
    if (this.failing && this.queue.length > this.maxQueued) {
      const dropped = this.queue.splice(0, this.queue.length - this.maxQueued);
      this.queuedId += dropped.length;
      this.onError(
        new Error(`provenance queue full: dropped ${dropped.length} oldest unwritten events`),
      );
    }
    this.scheduleWrite();
  }

  /**
   * Back-pressure for appenders: undefined when the unwritten backlog is within the bound (the
   * common case, so a commit pays nothing), otherwise a promise that resolves once the writer
   * brought it back within the bound, or writes fail (the bound then drops the oldest), or the
   * repository closes. Never rejects.
   */
  room(): Promise<void> | undefined {
    if (this.queue.length <= this.maxQueued || this.failing || this.closed) return undefined;
    return new Promise<void>((resolve) => this.roomWaiters.push(resolve));
  }

  private releaseRoomWaiters(): void {
    if (this.roomWaiters.length === 0) return;
    if (this.queue.length > this.maxQueued && !this.failing && !this.closed) return;
    for (const resolve of this.roomWaiters.splice(0)) resolve();
  }

  /** Resolves once every event appended so far is written; rejects if a write fails. */
  flush(): Promise<void> {
    if (this.queue.length === 0 && this.writer === undefined) return Promise.resolve();
    return new Promise<void>((resolve, reject) => {
      this.waiters.push({ resolve, reject });
      this.scheduleWrite(true);
    });
  }

  /** Events matching `query`, oldest first unless `newestFirst`, at most `limit` (default 1000). */
  async query(query: ProvenanceQuery = {}): Promise<ProvenanceEvent[]> {
    return scanEvents(this.snapshot(), query, query.limit ?? DEFAULT_QUERY_LIMIT);
  }

  /** The event with id `eventId`, or undefined when there is none (never recorded, or deleted by retention). */
  async event(eventId: number): Promise<ProvenanceEvent | undefined> {
    return findEvent(this.snapshot(), eventId);
  }

  /**
   * The lineage of a flowfile: its events and, transitively, those of every flowfile linked to
   * it as parent or child, as a graph. Scans repeat until no new flowfile is found, since an
   * ancestor's events come before the event naming it (at most 10,000 flowfiles).
   */
  async lineage(flowFileId: string): Promise<LineageGraph> {
    const ids = new Set([flowFileId]);
    const events = new Map<number, ProvenanceEvent>();
    const touches = (event: ProvenanceEvent): boolean =>
      ids.has(event.flowFileId) ||
      (event.parentIds?.some((id) => ids.has(id)) ?? false) ||
      (event.childIds?.some((id) => ids.has(id)) ?? false);
    for (let pass = 0; pass < 100; pass++) {
      const before = ids.size;
      await forEachEvent(this.snapshot(), (event) => {
        if (events.has(event.eventId) || !touches(event)) return;
        events.set(event.eventId, event);
        for (const id of [
          event.flowFileId,
          ...(event.parentIds ?? []),
          ...(event.childIds ?? []),
        ]) {
          if (ids.size < LINEAGE_MAX_FLOWFILES) ids.add(id);
        }
      });
      if (ids.size === before) break;
    }
    return buildLineage([...events.values()]);
  }

  /** Deletes whole oldest files while over `maxBytes` or older than `maxAgeMs` (never the active file). */
  async enforceRetention(): Promise<void> {
    const cutoff = Date.now() - this.maxAgeMs;
    let total = this.files.reduce((sum, file) => sum + file.stats.bytes, 0);
    while (this.files.length > 0) {
      const oldest = this.files[0]!;
      if (oldest === this.active?.file) break;
      if (total <= this.maxBytes && oldest.stats.maxTime >= cutoff) break;
      this.files.shift();
      total -= oldest.stats.bytes;
      await this.deleteFile(oldest);
    }
  }

  /** Writes what is queued, stops the timers and closes the active file. */
  async close(): Promise<void> {
    if (this.closed) return;
    clearInterval(this.retentionTimer);
    clearTimeout(this.retryTimer);
    this.retryTimer = undefined;
    try {
      await this.flush();
    } catch (error) {
      this.onError(
        new Error(`${this.queue.length} provenance events were not written`, { cause: error }),
      );
    }
    this.closed = true;
    this.releaseRoomWaiters();
    clearTimeout(this.retryTimer);
    await this.writer;
    await this.sealActive();
  }

  /** What a query reads: the files (up to their indexed size) and the unwritten events, in id order. */
  private snapshot(): EventSource {
    return {
      files: this.files.map((file) => ({ file, end: file.stats.bytes })),
      unwritten: [
        ...this.writing.map((event, i) => withEventId(event, this.writingId + i)),
        ...this.queue.map((event, i) => withEventId(event, this.queuedId + i)),
      ],
    };
  }

  private scheduleWrite(now = false): void {
    if (this.writer !== undefined || this.closed) return;
    if (this.retryTimer !== undefined) {
      if (!now) return;
      clearTimeout(this.retryTimer);
      this.retryTimer = undefined;
    }
    this.writer = this.writeQueued().finally(() => {
      this.writer = undefined;
      // Events or a flush() that arrived after the loop ended.
      const waiting = this.queue.length > 0 || this.waiters.length > 0;
      if (waiting && this.retryTimer === undefined) this.scheduleWrite();
    });
  }

  private async writeQueued(): Promise<void> {
    // Yield once so that events appended in the same tick share one write.
    await Promise.resolve();
    while (this.queue.length > 0) {
      const batch = this.queue.splice(0, MAX_BATCH);
      const firstId = this.queuedId;
      this.queuedId += batch.length;
      this.writing = batch;
      this.writingId = firstId;
      try {
        await this.writeBatch(firstId, batch);
      } catch (error) {
        this.queue = [...batch, ...this.queue];
        this.queuedId = firstId;
        this.writing = [];
        this.failing = true;
        this.releaseRoomWaiters();
        const failure = asError(error);
        this.onError(failure);
        for (const waiter of this.waiters.splice(0)) waiter.reject(failure);
        this.retryTimer = setTimeout(() => {
          this.retryTimer = undefined;
          this.scheduleWrite();
        }, this.retryDelayMs);
        this.retryTimer.unref();
        return;
      }
      this.writing = [];
      this.failing = false;
      this.releaseRoomWaiters();
    }
    for (const waiter of this.waiters.splice(0)) waiter.resolve();
  }

  private async writeBatch(firstId: number, batch: readonly NewProvenanceEvent[]): Promise<void> {
    let active = this.active;
    const stats = active?.file.stats;
    if (
      active === undefined ||
      (stats !== undefined && stats.count > 0 && this.shouldRoll(active.file))
    ) {
      await this.sealActive();
      active = await this.startFile(firstId);
    }
    const frame = encodeProvenanceRecord(firstId, batch);
    const offset = active.file.stats.bytes;
    try {
      await writeFully(active.handle, frame, offset);
    } catch (error) {
      // Cut the partial record off; if even that fails, start a new file for the retry.
      await active.handle.truncate(offset).catch(() => this.sealActive());
      throw error;
    }
    active.file.addRecord(firstId, batch, frame.length);
  }

  private shouldRoll(file: ProvenanceFile): boolean {
    return file.stats.bytes >= this.rollBytes || Date.now() - file.createdAt >= this.rollIntervalMs;
  }

  private async startFile(firstEventId: number): Promise<ActiveFile> {
    const name = provenanceFileName(firstEventId);
    const path = join(this.dir, name);
    // 'w': a file of this name can only be an empty one left by an earlier run.
    const handle = await open(path, 'w');
    const file = new ProvenanceFile(name, path, Date.now());
    this.files.push(file);
    this.active = { file, handle };
    return this.active;
  }

  private async sealActive(): Promise<void> {
    const active = this.active;
    if (active === undefined) return;
    this.active = undefined;
    await active.handle.close();
    if (active.file.stats.count === 0) {
      this.files.splice(this.files.indexOf(active.file), 1);
      // Keep an empty file only when it is all that remembers the next event id.
      if (this.files.length > 0 || !this.closed) await this.deleteFile(active.file);
      else await this.writeIndex(active.file);
      return;
    }
    await this.writeIndex(active.file);
  }

  /**
   * Writes a sealed file's index. The index is a cache (an open indexes a file that has none), so
   * a failure, on a full disk say, is reported and does not fail the seal or the close.
   */
  private async writeIndex(file: ProvenanceFile): Promise<void> {
    try {
      await writeIndexFile(join(this.dir, indexFileName(file.name)), file.stats);
    } catch (error) {
      this.onError(asError(error));
    }
  }

  private async deleteFile(file: ProvenanceFile): Promise<void> {
    await removeIfExists(file.path);
    await removeIfExists(join(this.dir, indexFileName(file.name)));
  }
}

/**
 * The event with its id, as `{ ...event, eventId }` would be: what a query sees of an event not
 * yet written (only queries pay for the copy; the write path stores ids implicitly).
 */
function withEventId(event: NewProvenanceEvent, eventId: number): ProvenanceEvent {
  const stored = {
    type: event.type,
    time: event.time,
    flowFileId: event.flowFileId,
    componentId: event.componentId,
    componentType: event.componentType,
    attributes: event.attributes,
    size: event.size,
    contentClaim: event.contentClaim,
    lineageStartDate: event.lineageStartDate,
  } as Record<string, unknown>;
  const source = event as unknown as Record<string, unknown>;
  for (const key in source) if (!(key in stored)) stored[key] = source[key];
  stored['eventId'] = eventId;
  return stored as unknown as ProvenanceEvent;
}

function asError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error));
}
