import type { FlowFile } from '../flowfile/flowfile.js';
import type { SwapFileSummary, WalOperation } from '../repository/wal-operation.js';
import { connectionWindow } from '../stats/component-stats.js';
import { BinaryHeap } from './binary-heap.js';
import { SortedDeque } from './sorted-deque.js';
import { queueComparator, type PrioritizerName, type QueuedFlowFile } from './prioritizers.js';
import type { QueueView } from './listing/queue-view.js';
import type { FlowFileFilter } from '../session/process-session.js';

/** What a queue needs of the flowfile repository to swap records to disk and back. */
export interface SwapStore {
  writeSwapFile(queue: string, flowFiles: readonly FlowFile[]): Promise<SwapFileSummary>;
  readSwapFile(summary: SwapFileSummary): Promise<FlowFile[]>;
  deleteSwapFile(file: string): Promise<void>;
  commit(ops: readonly WalOperation[]): Promise<void>;
}

/** A connection's queue settings. Zero thresholds mean "no limit". */
export interface QueueSettings {
  readonly objectThreshold: number;
  readonly bytesThreshold: number;
  readonly prioritizers: readonly PrioritizerName[];
  /** Flowfiles older than this (since entering the flow) expire; 0 = never. */
  readonly expirationMs: number;
  /** Above this many records in memory, newer ones are swapped to disk (NiFi: 20,000). */
  readonly swapThreshold: number;
  /** Records per swap file (NiFi: 10,000). */
  readonly swapBatch: number;
}

/** Default settings, as NiFi's. */
export const DEFAULT_QUEUE_SETTINGS: QueueSettings = {
  objectThreshold: 10_000,
  bytesThreshold: 1024 ** 3,
  prioritizers: [],
  expirationMs: 0,
  swapThreshold: 20_000,
  swapBatch: 10_000,
};

/** The result of polling: work for the session, and expired flowfiles it must drop. */
export interface PollResult {
  readonly flowFiles: FlowFile[];
  readonly expired: FlowFile[];
}

/** Count and bytes of a queue, including flowfiles in flight (taken but not committed) and swapped. */
export interface QueueSize {
  readonly count: number;
  readonly bytes: number;
}

/**
 * The queue of one connection. Holds committed flowfiles in priority order; flowfiles taken by a
 * session stay counted ("in flight") until the session commits or rolls back, so back-pressure
 * sees them, as in NiFi. Above the swap threshold, the newest records go to swap files so that a
 * million queued flowfiles do not live in the heap.
 */
export class ConnectionQueue {
  #active: BinaryHeap<QueuedFlowFile> | SortedDeque<QueuedFlowFile>;
  /** Penalized flowfiles, earliest release first. */
  readonly #penalized = new BinaryHeap<QueuedFlowFile>(
    (a, b) => a.flowFile.penalizedUntil - b.flowFile.penalizedUntil || a.sequence - b.sequence,
  );
  /** Newest records waiting beyond the swap threshold, in arrival order. */
  #overflow: FlowFile[] = [];
  #swapFiles: SwapFileSummary[] = [];
  #sequence = 0;
  #memoryCount = 0;
  #memoryBytes = 0;
  #inFlightCount = 0;
  #inFlightBytes = 0;
  #swapping: 'idle' | 'out' | 'in' = 'idle';
  /** The batch being written to a swap file (still queued: listings show it). */
  #swappingOut: readonly FlowFile[] = [];
  /** Bumped on every change of what is queued or where, so listings know when to rebuild. */
  #version = 0;
  #swappingCount = 0;
  #swappingBytes = 0;
  #swapTask: Promise<void> = Promise.resolve();
  #retryTimer: NodeJS.Timeout | undefined;
  #closed = false;

  /** In and out over the last five minutes. */
  readonly stats = connectionWindow();
  /** Called after flowfiles are enqueued (wakes the destination processor). */
  onEnqueue: () => void = () => {};
  /** Called when the queue drops below its thresholds (wakes the source processor). */
  onSpace: () => void = () => {};
  /** Called when swapping fails; the records stay where they were. */
  onError: (error: Error) => void = () => {};

  constructor(
    readonly id: string,
    public settings: QueueSettings,
    private readonly swapStore: SwapStore,
  ) {
    this.#active = activeQueue(settings.prioritizers);
  }

  /** Total queued, including in flight, swapped and being swapped. */
  size(): QueueSize {
    let count = this.#memoryCount + this.#inFlightCount + this.#swappingCount;
    let bytes = this.#memoryBytes + this.#inFlightBytes + this.#swappingBytes;
    for (const swap of this.#swapFiles) {
      count += swap.count;
      bytes += swap.bytes;
    }
    return { count, bytes };
  }

  /** Number of records swapped to disk (for stats and tests). */
  swappedCount(): number {
    return (
      this.#swapFiles.reduce((n, s) => n + s.count, 0) +
      (this.#swapping === 'out' ? this.#swappingCount : 0)
    );
  }

  /** Back-pressure: the source processor must not run while this is true. */
  isFull(): boolean {
    return this.isFullWith(0, 0);
  }

  /** Whether the queue would be full with `count` more flowfiles of `bytes` in all. */
  isFullWith(count: number, bytes: number): boolean {
    const size = this.size();
    const { objectThreshold, bytesThreshold, swapBatch } = this.settings;
    return (
      (objectThreshold > 0 && size.count + count >= objectThreshold) ||
      (bytesThreshold > 0 && size.bytes + bytes >= bytesThreshold) ||
      // Swap back-pressure: records waiting to be swapped must not pile up in the heap faster
      // than swap files are written, whatever the object threshold says.
      this.#overflow.length + count >= 2 * swapBatch
    );
  }

  isEmpty(): boolean {
    return this.size().count === 0;
  }

  /** Adds committed flowfiles (their records are already in the WAL). */
  enqueue(flowFiles: readonly FlowFile[], now = Date.now()): void {
    for (const flowFile of flowFiles) {
      this.#memoryCount++;
      this.#memoryBytes += flowFile.size;
      const spill =
        this.#overflow.length > 0 ||
        this.#swapFiles.length > 0 ||
        this.#swapping !== 'idle' ||
        this.#active.size + this.#penalized.size >= this.settings.swapThreshold;
      if (spill) this.#overflow.push(flowFile);
      else this.#push(flowFile, now);
    }
    if (flowFiles.length > 0) {
      this.#version++;
      this.stats.add(
        { inCount: flowFiles.length, inBytes: flowFiles.reduce((n, f) => n + f.size, 0) },
        now,
      );
      this.#maybeSwap();
      this.onEnqueue();
    }
  }

  /** True when a poll now would return work (or expired flowfiles to drop). */
  hasPollable(now = Date.now()): boolean {
    this.#releasePenalties(now);
    return (
      this.#active.size > 0 ||
      (this.#overflow.length > 0 && this.#swapFiles.length === 0 && this.#swapping === 'idle')
    );
  }

  /** When the earliest penalized flowfile is released, if any is penalized. */
  nextPenaltyRelease(): number | undefined {
    return this.#penalized.peek()?.flowFile.penalizedUntil;
  }

  /** Takes up to `max` flowfiles in priority order; they stay counted as in flight. */
  poll(max: number, now = Date.now()): PollResult {
    this.#releasePenalties(now);
    this.#refillFromOverflow();
    const flowFiles: FlowFile[] = [];
    const expired: FlowFile[] = [];
    while (flowFiles.length < max) {
      const flowFile = this.#take(now, expired);
      if (flowFile === undefined) break;
      flowFiles.push(flowFile);
    }
    this.#maybeSwap();
    return { flowFiles, expired };
  }

  /**
   * Takes the next flowfile, as `poll(1)` does, without result arrays: expired flowfiles met on
   * the way are pushed to `expired` (the caller must drop them; they are in flight too).
   */
  pollOne(now: number, expired: FlowFile[]): FlowFile | undefined {
    this.#releasePenalties(now);
    this.#refillFromOverflow();
    const flowFile = this.#take(now, expired);
    this.#maybeSwap();
    return flowFile;
  }

  /**
   * Takes the flowfiles `filter` accepts (NiFi's get with a FlowFileFilter), offering them in
   * priority order; rejected ones stay exactly where they were, so a filter that rejects all is a
   * look at the queue. Expired flowfiles met on the way are taken for the caller to drop, unseen
   * by the filter. Only records in memory are offered, not swapped ones, as in NiFi.
   */
  pollMatching(filter: FlowFileFilter, now = Date.now()): PollResult {
    this.#releasePenalties(now);
    this.#refillFromOverflow();
    const active = this.#active;
    const ordered =
      active instanceof SortedDeque
        ? active.values()
        : [...active.values()].sort(queueComparator(this.settings.prioritizers));
    const expiration = this.settings.expirationMs;
    const taken = new Set<QueuedFlowFile>();
    const flowFiles: FlowFile[] = [];
    const expired: FlowFile[] = [];
    for (const queued of ordered) {
      const flowFile = queued.flowFile;
      if (expiration > 0 && now - flowFile.entryDate > expiration) {
        taken.add(queued);
        expired.push(flowFile);
        continue;
      }
      const result = filter(flowFile);
      if (result === 'ACCEPT_AND_CONTINUE' || result === 'ACCEPT_AND_TERMINATE') {
        taken.add(queued);
        flowFiles.push(flowFile);
      }
      if (result === 'ACCEPT_AND_TERMINATE' || result === 'REJECT_AND_TERMINATE') break;
    }
    if (taken.size > 0) {
      // Rebuilt from the survivors in their order, each with its own sequence: nothing moves.
      for (const queued of active.clear()) if (!taken.has(queued)) active.push(queued);
      for (const queued of taken) {
        this.#memoryCount--;
        this.#memoryBytes -= queued.flowFile.size;
        this.#inFlightCount++;
        this.#inFlightBytes += queued.flowFile.size;
      }
      this.#version++;
    }
    this.#maybeSwap();
    return { flowFiles, expired };
  }

  /** Pops the next unexpired flowfile (moving it in flight), collecting expired ones. */
  #take(now: number, expired: FlowFile[]): FlowFile | undefined {
    const expiration = this.settings.expirationMs;
    for (;;) {
      const next = this.#active.pop();
      if (!next) return undefined;
      const flowFile = next.flowFile;
      this.#version++;
      this.#memoryCount--;
      this.#memoryBytes -= flowFile.size;
      this.#inFlightCount++;
      this.#inFlightBytes += flowFile.size;
      if (expiration > 0 && now - flowFile.entryDate > expiration) expired.push(flowFile);
      else return flowFile;
    }
  }

  /** The session that polled these committed: they leave the queue. */
  acknowledge(flowFiles: readonly FlowFile[]): void {
    if (flowFiles.length === 0) return;
    let bytes = 0;
    for (const flowFile of flowFiles) {
      this.#inFlightCount--;
      this.#inFlightBytes -= flowFile.size;
      bytes += flowFile.size;
    }
    this.stats.add({ outCount: flowFiles.length, outBytes: bytes });
    if (!this.isFull()) this.onSpace();
  }

  /** The session that polled these rolled back: they return to the queue. */
  requeue(flowFiles: readonly FlowFile[], now = Date.now()): void {
    for (const flowFile of flowFiles) {
      this.#inFlightCount--;
      this.#inFlightBytes -= flowFile.size;
      this.#memoryCount++;
      this.#memoryBytes += flowFile.size;
      this.#push(flowFile, now);
    }
    if (flowFiles.length > 0) {
      this.#version++;
      this.onEnqueue();
    }
  }

  /** Restores what the flowfile repository replayed for this queue. */
  restore(
    flowFiles: readonly FlowFile[],
    swapFiles: readonly SwapFileSummary[],
    now = Date.now(),
  ): void {
    const ordered = [...flowFiles].sort((a, b) => (a.queueOrder ?? 0) - (b.queueOrder ?? 0));
    const boundary = swapFiles[0]?.firstQueueOrder;
    // Records older than the first swap file were in memory ahead of it; newer ones were behind.
    const older =
      boundary === undefined ? [] : ordered.filter((f) => (f.queueOrder ?? 0) < boundary);
    const newer =
      boundary === undefined ? ordered : ordered.filter((f) => (f.queueOrder ?? 0) >= boundary);
    for (const flowFile of older) {
      this.#memoryCount++;
      this.#memoryBytes += flowFile.size;
      this.#push(flowFile, now);
    }
    this.#swapFiles = [...swapFiles];
    for (const flowFile of newer) {
      this.#memoryCount++;
      this.#memoryBytes += flowFile.size;
      if (
        this.#swapFiles.length > 0 ||
        this.#active.size + this.#penalized.size >= this.settings.swapThreshold
      ) {
        this.#overflow.push(flowFile);
      } else {
        this.#push(flowFile, now);
      }
    }
    this.#version++;
    this.#maybeSwap();
    if (ordered.length > 0 || swapFiles.length > 0) this.onEnqueue();
  }

  /** Flowfiles in memory, in priority order, for listings; swapped ones are only counted. */
  list(offset: number, limit: number): FlowFile[] {
    const inMemory = [...this.#active.values(), ...this.#penalized.values()]
      .sort(queueComparator(this.settings.prioritizers))
      .map((q) => q.flowFile);
    return [...inMemory, ...this.#overflow].slice(offset, offset + limit);
  }

  /** Finds a flowfile held in memory by id (for the queue inspector). */
  find(id: string): FlowFile | undefined {
    for (const q of this.#active.values()) if (q.flowFile.id === id) return q.flowFile;
    for (const q of this.#penalized.values()) if (q.flowFile.id === id) return q.flowFile;
    return this.#overflow.find((f) => f.id === id);
  }

  /** Changes whenever what is queued, or where it is held, changes (see {@link view}). */
  get version(): number {
    return this.#version;
  }

  /**
   * What is queued, in queue order, for the queue inspector: records in memory (priority order),
   * then the swap files (oldest first, read by the caller), then the batch being swapped out and
   * the overflow. Flowfiles in flight are not queued any more and are not in it. The arrays are
   * copies; the version says whether an earlier view is still current.
   */
  view(): QueueView {
    const memory = [...this.#active.values(), ...this.#penalized.values()]
      .sort(queueComparator(this.settings.prioritizers))
      .map((q) => q.flowFile);
    return {
      version: this.#version,
      memory,
      swapFiles: [...this.#swapFiles],
      pending: [...this.#swappingOut, ...this.#overflow],
    };
  }

  /** Changes thresholds, prioritizers or expiration; records in memory are re-ordered. */
  updateSettings(settings: QueueSettings): void {
    const held = [...this.#active.clear(), ...this.#penalized.clear()].map((q) => q.flowFile);
    this.settings = settings;
    this.#version++;
    this.#active = activeQueue(settings.prioritizers);
    const now = Date.now();
    for (const flowFile of held) this.#push(flowFile, now);
    this.onSpace();
  }

  #push(flowFile: FlowFile, now: number): void {
    const queued = { flowFile, sequence: this.#sequence++ };
    if (flowFile.penalizedUntil > now) this.#penalized.push(queued);
    else this.#active.push(queued);
  }

  #releasePenalties(now: number): void {
    for (
      let next = this.#penalized.peek();
      next && next.flowFile.penalizedUntil <= now;
      next = this.#penalized.peek()
    ) {
      this.#active.push(this.#penalized.pop()!);
    }
  }

  /** With no swap files left, the overflow is the oldest on-disk-free work: move it up. */
  #refillFromOverflow(): void {
    if (this.#swapFiles.length > 0 || this.#swapping !== 'idle') return;
    const room = this.settings.swapThreshold - this.#active.size - this.#penalized.size;
    if (room <= 0 || this.#overflow.length === 0) return;
    const moved = this.#overflow.splice(0, room);
    this.#version++;
    const now = Date.now();
    for (const flowFile of moved) this.#push(flowFile, now);
  }

  /** Stops swapping and waits for a swap in progress, before the repository closes. */
  async close(): Promise<void> {
    this.#closed = true;
    if (this.#retryTimer) clearTimeout(this.#retryTimer);
    this.#retryTimer = undefined;
    await this.#swapTask;
  }

  #maybeSwap(): void {
    if (this.#swapping !== 'idle' || this.#closed || this.#retryTimer) return;
    const { swapBatch, swapThreshold } = this.settings;
    if (this.#overflow.length >= swapBatch) {
      this.#swapTask = this.#swapOut(this.#overflow.splice(0, swapBatch));
    } else if (
      this.#swapFiles.length > 0 &&
      this.#active.size + this.#penalized.size < swapThreshold / 2
    ) {
      this.#swapTask = this.#swapIn(this.#swapFiles[0]!);
    }
  }

  async #swapOut(batch: FlowFile[]): Promise<void> {
    this.#swapping = 'out';
    this.#swappingOut = batch;
    const bytes = batch.reduce((n, f) => n + f.size, 0);
    this.#memoryCount -= batch.length;
    this.#memoryBytes -= bytes;
    this.#swappingCount = batch.length;
    this.#swappingBytes = bytes;
    try {
      const summary = await this.swapStore.writeSwapFile(this.id, batch);
      await this.swapStore.commit([{ op: 'swapOut', swap: summary, ids: batch.map((f) => f.id) }]);
      this.#swapFiles.push(summary);
    } catch (error) {
      this.#memoryCount += batch.length;
      this.#memoryBytes += bytes;
      this.#overflow.unshift(...batch);
      this.#failed(error);
    } finally {
      this.#swappingOut = [];
      this.#swappingCount = 0;
      this.#swappingBytes = 0;
      this.#swapping = 'idle';
      this.#version++;
    }
    this.onEnqueue();
    if (!this.isFull()) this.onSpace();
    this.#maybeSwap();
  }

  /** Reports a swap failure and tries again later, never in a tight loop. */
  #failed(error: unknown): void {
    if (this.#closed) return;
    this.onError(error instanceof Error ? error : new Error(String(error)));
    this.#retryTimer = setTimeout(() => {
      this.#retryTimer = undefined;
      this.#maybeSwap();
    }, 1000);
    this.#retryTimer.unref();
  }

  async #swapIn(summary: SwapFileSummary): Promise<void> {
    this.#swapping = 'in';
    try {
      const flowFiles = await this.swapStore.readSwapFile(summary);
      await this.swapStore.commit([
        { op: 'swapIn', queue: this.id, file: summary.file },
        ...flowFiles.map((flowFile) => ({ op: 'put' as const, queue: this.id, flowFile })),
      ]);
      this.#swapFiles.shift();
      this.#version++;
      const now = Date.now();
      for (const flowFile of flowFiles) {
        this.#memoryCount++;
        this.#memoryBytes += flowFile.size;
        this.#push(flowFile, now);
      }
      await this.swapStore.deleteSwapFile(summary.file);
    } catch (error) {
      this.#failed(error);
    } finally {
      this.#swapping = 'idle';
      this.#version++;
    }
    this.onEnqueue();
    this.#maybeSwap();
  }
}

/**
 * The in-memory order of a connection. FIFO alone (the default) is arrival order, so a sorted
 * deque serves it with appends and head reads; any other prioritizer reorders arrivals and gets
 * the heap.
 */
function activeQueue(
  prioritizers: readonly PrioritizerName[],
): BinaryHeap<QueuedFlowFile> | SortedDeque<QueuedFlowFile> {
  const compare = queueComparator(prioritizers);
  return prioritizers.every((name) => name === 'FIFO')
    ? new SortedDeque(compare)
    : new BinaryHeap(compare);
}
