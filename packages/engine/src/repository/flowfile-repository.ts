import { mkdir, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { FlowFile } from '../flowfile/flowfile.js';
import { CommittedState } from './committed-state.js';
import { removeIfExists } from './durable-files.js';
import { readFramedFile, writeFramedFile } from './framed-file.js';
import type { FsyncPolicy } from './fsync-policy.js';
import { asOutOfSpace, isOutOfSpace, OutOfSpaceError } from './out-of-space.js';
import { RepositoryError } from './repository-error.js';
import { SwapFileStore } from './swap-file-store.js';
import type { RecoveredRepository, SwapFileSummary, WalOperation } from './wal-operation.js';
import { decodeWalRecord, encodeWalRecord } from './wal-record.js';
import { replayWal, WAL_VERSION, WalFile, walFileName, walGeneration } from './write-ahead-log.js';

/** Options of {@link FlowFileRepository.open}. */
export interface FlowFileRepositoryOptions {
  /** When commits are fsynced (default `batch`: group commit). */
  readonly fsync?: FsyncPolicy;
  /** Checkpoint automatically once the log holds more than this many operations (default 100,000). */
  readonly checkpointEveryRecords?: number;
  /**
   * After an automatic checkpoint failed (a full disk, say), wait this long before the next
   * attempt (default 10 s), rather than writing a whole snapshot again after every commit.
   */
  readonly checkpointRetryMs?: number;
  /**
   * Wait this long before writing a group of commits, to gather more of them into one write and
   * one fsync (default 0: a group is whatever queued while the previous write was in flight).
   */
  readonly groupCommitDelayMs?: number;
  /** Receives failures of background work (automatic checkpoints, old log deletion). */
  readonly onError?: (error: Error) => void;
}

interface PendingCommit {
  readonly frame: Buffer;
  readonly operations: readonly WalOperation[];
  readonly resolve: () => void;
  readonly reject: (error: Error) => void;
}

type Status = 'opened' | 'recovering' | 'ready' | 'closing' | 'closed';

const SNAPSHOT_FILE = 'snapshot.dat';
const SNAPSHOT_FORMAT = 'sluice-snapshot';
const OPERATIONS_PER_SNAPSHOT_FRAME = 1000;

/**
 * The flowfile repository: a write-ahead log of session commits with periodic snapshots, so
 * every queue comes back after a crash exactly as of its last commit (kill -9 loses nothing that
 * a commit acknowledged).
 *
 * Files in `dir`: `snapshot.dat` (state as of the start of log generation N), `wal-<N>.log`
 * (records since), `swap/*.swap`. A checkpoint writes a snapshot for generation N+1, renames it
 * into place (the atomic switch), then starts `wal-<N+1>.log` and deletes `wal-<N>.log`; replay
 * reads the snapshot and only logs of its generation or later, so a crash at any step is safe.
 */
export class FlowFileRepository {
  private readonly state = new CommittedState();
  private readonly swaps: SwapFileStore;
  private readonly policy: FsyncPolicy;
  private readonly checkpointEvery: number;
  private readonly groupCommitDelayMs: number;
  private readonly onError: (error: Error) => void;
  private status: Status = 'opened';
  private wal: WalFile | undefined;
  /** A log generation a checkpoint could not start for lack of space: started before the next write. */
  private unstartedGeneration: number | undefined;
  private operationsInWal = 0;
  /** Set once what is on disk is uncertain; every later commit fails with it. */
  private failure: RepositoryError | undefined;
  private pending: PendingCommit[] = [];
  private writeScheduled = false;
  private checkpointScheduled = false;
  private readonly checkpointRetryMs: number;
  /** No automatic checkpoint before this time: the last one failed. */
  private checkpointRetryAt = 0;
  /** Tail of the chain that runs log writes and checkpoints one at a time, in call order. */
  private tail: Promise<void> = Promise.resolve();
  private closing: Promise<void> | undefined;

  private constructor(
    readonly dir: string,
    options: FlowFileRepositoryOptions,
  ) {
    this.swaps = new SwapFileStore(join(dir, 'swap'));
    this.policy = options.fsync ?? 'batch';
    this.checkpointEvery = options.checkpointEveryRecords ?? 100_000;
    this.checkpointRetryMs = options.checkpointRetryMs ?? 10_000;
    this.groupCommitDelayMs = options.groupCommitDelayMs ?? 0;
    this.onError = options.onError ?? ((error) => console.error(error));
  }

  /** Opens (creating if needed) the repository in `dir`. Call {@link recover} next. */
  static async open(
    dir: string,
    options: FlowFileRepositoryOptions = {},
  ): Promise<FlowFileRepository> {
    await mkdir(dir, { recursive: true });
    const repository = new FlowFileRepository(dir, options);
    await repository.swaps.open();
    return repository;
  }

  /**
   * Replays the snapshot and the log, and returns what was committed. Also cuts off a torn final
   * record, deletes leftover temp files, obsolete logs and swap files no summary references.
   * Call once, before any commit.
   */
  async recover(): Promise<RecoveredRepository> {
    if (this.status !== 'opened') {
      throw new RepositoryError('ALREADY_RECOVERED', 'recover() may be called only once');
    }
    this.status = 'recovering';
    const names = await readdir(this.dir);
    for (const name of names) if (name.endsWith('.tmp')) await removeIfExists(join(this.dir, name));
    const snapshotGeneration = await this.readSnapshot();
    const generations: number[] = [];
    for (const name of names) {
      const generation = walGeneration(name);
      if (generation === undefined) continue;
      // Logs older than the snapshot are already in it; one survives a crash inside a checkpoint.
      if (generation < snapshotGeneration) await removeIfExists(join(this.dir, name));
      else generations.push(generation);
    }
    generations.sort((a, b) => a - b);
    let resumeAt = 0;
    let resumeVersion: number | undefined;
    for (const [index, generation] of generations.entries()) {
      const path = join(this.dir, walFileName(generation));
      const result = await replayWal(path, (operations) => {
        this.state.applyAll(operations);
        this.operationsInWal += operations.length;
      });
      if (result.torn && index < generations.length - 1) {
        throw new RepositoryError(
          'CORRUPT_RECORD',
          `${path}: torn record at byte offset ${result.validEnd} in a log that is not the newest`,
          { file: path, offset: result.validEnd },
        );
      }
      resumeAt = result.validEnd;
      resumeVersion = result.version;
    }
    const generation = generations.at(-1);
    if (generation === undefined) {
      this.wal = await WalFile.create(this.dir, snapshotGeneration, this.durableWrites);
    } else if (resumeVersion === WAL_VERSION || resumeAt === 0) {
      this.wal = await WalFile.resume(this.dir, generation, resumeAt, this.durableWrites);
    } else {
      // A log of an older format takes no records of this one (its header would not say what it
      // holds): its torn tail is cut as a resume would, and the records continue in the next
      // generation, which replay reads after it.
      await (await WalFile.resume(this.dir, generation, resumeAt)).close();
      this.wal = await WalFile.create(this.dir, generation + 1, this.durableWrites);
    }
    await this.swaps.deleteUnreferenced(this.state.swapFileNames());
    this.status = 'ready';
    this.maybeScheduleCheckpoint();
    return this.state.toRecovered();
  }

  /**
   * Appends one record holding all of `operations` and resolves once it is written (and fsynced,
   * unless the policy is `never`). Records are applied in call order; with the `batch` policy,
   * records queued while a write is in flight share the next write and fsync.
   */
  commit(operations: readonly WalOperation[]): Promise<void> {
    const unavailable = this.unavailable();
    if (unavailable !== undefined) return Promise.reject(unavailable);
    let frame: Buffer;
    try {
      frame = encodeWalRecord(operations);
    } catch (error) {
      return Promise.reject(error instanceof Error ? error : new Error(String(error)));
    }
    return new Promise<void>((resolve, reject) => {
      this.pending.push({ frame, operations, resolve, reject });
      this.scheduleWrite();
    });
  }

  /**
   * Writes a snapshot of the committed state and starts a fresh log. Commits made after this
   * call wait until the switch is done; commits made before it are in the snapshot.
   */
  checkpoint(): Promise<void> {
    const unavailable = this.unavailable();
    if (unavailable !== undefined) return Promise.reject(unavailable);
    return this.exclusive(() => this.writeCheckpoint());
  }

  /**
   * Writes pending commits, checkpoints (so the next start replays nothing) and closes. With
   * `checkpoint: false` it skips the snapshot, for a fast stop whose cost moves to the next
   * start's replay.
   */
  close(options: { checkpoint?: boolean } = {}): Promise<void> {
    this.closing ??= this.shutDown(options.checkpoint ?? true);
    return this.closing;
  }

  /** Writes flowfiles to a new swap file durably; commit the `swapOut` operation after it resolves. */
  async writeSwapFile(queue: string, flowFiles: readonly FlowFile[]): Promise<SwapFileSummary> {
    this.assertReady();
    return this.swaps.write(queue, flowFiles);
  }

  /** Reads back the flowfiles of a swap file, in the order they were swapped out. */
  async readSwapFile(summary: SwapFileSummary): Promise<FlowFile[]> {
    this.assertReady();
    return this.swaps.read(summary);
  }

  /** Deletes a swap file; call after the `swapIn` record is committed. */
  async deleteSwapFile(file: string): Promise<void> {
    this.assertReady();
    await this.swaps.delete(file);
  }

  private async shutDown(checkpoint: boolean): Promise<void> {
    const wasReady = this.status === 'ready' && checkpoint;
    this.status = 'closing';
    await this.exclusive(async () => {
      try {
        if (wasReady && this.failure === undefined) await this.writeCheckpoint();
      } catch (error) {
        // The log still holds every commit (the next start replays it), so a checkpoint that
        // fails, on a full disk say, must not keep the repository from closing.
        this.onError(asError(asOutOfSpace('flowfile repository', this.dir, error)));
      } finally {
        await this.wal?.close();
        this.wal = undefined;
        this.unstartedGeneration = undefined;
        this.status = 'closed';
      }
    });
  }

  private async readSnapshot(): Promise<number> {
    const path = join(this.dir, SNAPSHOT_FILE);
    try {
      // Version 1 bodies are JSON records, version 2 bodies binary ones: the record says which.
      const header = await readFramedFile(path, SNAPSHOT_FORMAT, [1, 2], (body) => {
        this.state.applyAll(decodeWalRecord(body));
      });
      const generation = header['walGeneration'];
      if (typeof generation !== 'number') {
        throw new RepositoryError('CORRUPT_RECORD', `${path}: header has no log generation`, {
          file: path,
          offset: 0,
        });
      }
      return generation;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 0;
      throw error;
    }
  }

  private scheduleWrite(): void {
    if (this.writeScheduled) return;
    this.writeScheduled = true;
    void this.exclusive(async () => {
      if (this.groupCommitDelayMs > 0) await sleep(this.groupCommitDelayMs);
      // Commits arriving from here on queue for the next write, which forms the next group.
      this.writeScheduled = false;
      await this.writePending();
    });
  }

  /** Writes every pending commit; never rejects: failures reject the commits instead. */
  private async writePending(): Promise<void> {
    const batch = this.pending;
    this.pending = [];
    let done = 0;
    try {
      if (this.failure !== undefined) throw this.failure;
      const wal = await this.currentLog();
      if (this.policy === 'always') {
        for (const commit of batch) {
          await wal.append(commit.frame, true);
          this.applyCommit(commit);
          done++;
        }
      } else {
        const data =
          batch.length === 1 ? batch[0]!.frame : Buffer.concat(batch.map((c) => c.frame));
        await wal.append(data, this.policy === 'batch');
        for (const commit of batch) {
          this.applyCommit(commit);
          done++;
        }
      }
    } catch (error) {
      // A full disk is not a failure of the log: the torn record was cut off (see WalFile.append).
      const failure = asError(asOutOfSpace('flowfile repository', this.dir, error));
      if (failure instanceof RepositoryError && failure.code === 'FAILED') this.failure = failure;
      for (const commit of batch.slice(done)) commit.reject(failure);
      return;
    }
    this.maybeScheduleCheckpoint();
  }

  private applyCommit(commit: PendingCommit): void {
    this.state.applyAll(commit.operations);
    this.operationsInWal += commit.operations.length;
    commit.resolve();
  }

  private maybeScheduleCheckpoint(): void {
    if (this.checkpointScheduled || this.operationsInWal <= this.checkpointEvery) return;
    if (Date.now() < this.checkpointRetryAt) return;
    this.checkpointScheduled = true;
    this.exclusive(async () => {
      this.checkpointScheduled = false;
      if (this.status === 'ready' && this.operationsInWal > this.checkpointEvery) {
        await this.writeCheckpoint();
      }
    }).catch((error: unknown) => {
      this.checkpointRetryAt = Date.now() + this.checkpointRetryMs;
      this.onError(asError(asOutOfSpace('flowfile repository', this.dir, error)));
    });
  }

  /** Runs only inside {@link exclusive}, so no record is written while the files switch. */
  private async writeCheckpoint(): Promise<void> {
    if (this.failure !== undefined) throw this.failure;
    const old = await this.currentLog();
    const generation = old.generation + 1;
    const state = this.state;
    await writeFramedFile(
      join(this.dir, SNAPSHOT_FILE),
      this.dir,
      { format: SNAPSHOT_FORMAT, version: 2, walGeneration: generation },
      (function* () {
        for (const batch of state.toOperations(OPERATIONS_PER_SNAPSHOT_FRAME)) {
          yield encodeWalRecord(batch);
        }
      })(),
    );
    // From here the snapshot supersedes the old log: replay ignores it, so appending to it
    // would lose records. If the new log cannot be created for lack of space, commits are refused
    // until one of them can create it; for any other reason, stop accepting commits.
    try {
      this.wal = await WalFile.create(this.dir, generation, this.durableWrites);
    } catch (error) {
      if (!isOutOfSpace(error)) {
        this.failure = new RepositoryError('FAILED', `cannot start log generation ${generation}`, {
          cause: error,
        });
        throw this.failure;
      }
      this.wal = undefined;
      this.unstartedGeneration = generation;
      this.operationsInWal = 0;
      // Harmless if it fails: recovery deletes logs older than the snapshot.
      await old.close().catch((closeError: unknown) => this.onError(asError(closeError)));
      throw new OutOfSpaceError('flowfile repository', this.dir, error);
    }
    this.operationsInWal = 0;
    try {
      await old.close();
      await removeIfExists(old.path);
    } catch (error) {
      // Harmless: recovery deletes logs older than the snapshot.
      this.onError(asError(error));
    }
  }

  /** The log records go to; first starts the one a checkpoint could not, if there is room now. */
  private async currentLog(): Promise<WalFile> {
    if (this.wal !== undefined) return this.wal;
    const generation = this.unstartedGeneration;
    if (generation === undefined) throw new RepositoryError('CLOSED', 'the repository is closed');
    try {
      this.wal = await WalFile.create(this.dir, generation, this.durableWrites);
    } catch (error) {
      if (isOutOfSpace(error)) throw new OutOfSpaceError('flowfile repository', this.dir, error);
      this.failure = new RepositoryError('FAILED', `cannot start log generation ${generation}`, {
        cause: error,
      });
      throw this.failure;
    }
    this.unstartedGeneration = undefined;
    return this.wal;
  }

  private exclusive<T>(task: () => Promise<T>): Promise<T> {
    const run = this.tail.then(task);
    this.tail = run.then(
      () => undefined,
      () => undefined,
    );
    return run;
  }

  /** Log writes are durable by themselves (O_DSYNC) unless the policy is to never fsync. */
  private get durableWrites(): boolean {
    return this.policy !== 'never';
  }

  private unavailable(): RepositoryError | undefined {
    switch (this.status) {
      case 'ready':
        return this.failure;
      case 'opened':
      case 'recovering':
        return new RepositoryError('NOT_RECOVERED', 'call recover() before using the repository');
      case 'closing':
      case 'closed':
        return new RepositoryError('CLOSED', 'the repository is closed');
      default: {
        const exhaustive: never = this.status;
        throw new Error(`unknown status ${String(exhaustive)}`);
      }
    }
  }

  private assertReady(): void {
    const unavailable = this.status === 'ready' ? undefined : this.unavailable();
    if (unavailable !== undefined) throw unavailable;
  }
}

function asError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error));
}
