import { fsyncDirectory } from '../repository/durable-files.js';
import type { ClaimFile } from './claim-file.js';

/**
 * What it takes to make the content of claim files durable, for {@link ContentRepository.sync}:
 * the files written without O_DSYNC since their last fsync, the files created since the last
 * fsync of the directory, and every fsync in flight (a sealed file's included).
 *
 * Group commit: one round of fsyncs runs at a time, and every caller arriving while a round runs
 * shares the next round, so concurrent sessions pay for one fsync per file, not one each.
 */
export class ClaimSync {
  readonly #dir: string;
  readonly #dirty = new Set<ClaimFile>();
  #created: ClaimFile[] = [];
  readonly #syncs = new Set<Promise<void>>();
  /** The round in progress, and the one that callers arriving meanwhile will share. */
  #runningRound: Promise<void> | undefined;
  #queuedRound: Promise<void> | undefined;

  constructor(dir: string) {
    this.#dir = dir;
  }

  /** A new file: its directory entry is durable after the next round's directory fsync. */
  created(file: ClaimFile): void {
    this.#created.push(file);
  }

  /** A writer is done with the file: content written without O_DSYNC awaits a round. */
  written(file: ClaimFile): void {
    if (file.size > 0 && !file.dsync) this.#dirty.add(file);
  }

  /** Takes the file out of the next round (it is sealed); true if it had unsynced content. */
  takeDirty(file: ClaimFile): boolean {
    return this.#dirty.delete(file);
  }

  /** Keeps an fsync in flight until it settles, so rounds wait for it. */
  track(sync: Promise<void>): Promise<void> {
    this.#syncs.add(sync);
    const forget = (): void => {
      this.#syncs.delete(sync);
    };
    sync.then(forget, forget);
    return sync;
  }

  /**
   * Resolves once the content of `files` (of every file, if omitted) is durable. Files written
   * with O_DSYNC whose directory entries are durable need no round: only fsyncs in flight on them
   * (a seal's) are waited for.
   */
  sync(files?: Iterable<ClaimFile>): Promise<void> {
    if (files !== undefined) {
      const inFlight: Promise<void>[] = [];
      let durable = true;
      for (const file of files) {
        if (!file.entryDurable || this.#dirty.has(file)) durable = false;
        for (const sync of file.syncs) inFlight.push(sync);
      }
      if (durable) return inFlight.length === 0 ? Promise.resolve() : allOf(inFlight);
    }
    this.#queuedRound ??= this.#roundAfter(this.#runningRound);
    return this.#queuedRound;
  }

  async #roundAfter(previous: Promise<void> | undefined): Promise<void> {
    // Always yields at least once, so `#queuedRound` is this round by the time it is read here.
    await previous?.catch(() => undefined);
    const round = this.#queuedRound;
    this.#queuedRound = undefined;
    this.#runningRound = round;
    try {
      for (const file of this.#dirty) this.track(file.startSync());
      this.#dirty.clear();
      if (this.#created.length > 0) {
        const created = this.#created;
        this.#created = [];
        this.track(
          fsyncDirectory(this.#dir).then(() => {
            for (const file of created) file.entryDurable = true;
          }),
        );
      }
      await Promise.all([...this.#syncs]);
    } finally {
      if (this.#runningRound === round) this.#runningRound = undefined;
    }
  }
}

async function allOf(syncs: readonly Promise<void>[]): Promise<void> {
  await Promise.all(syncs);
}
