import { appendFile, mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { LogLevel } from '../processor/process-context.js';
import type { Bulletin } from './bulletin.js';
import { LEVEL_ORDER, summarize, type BulletinSummary } from './bulletin-summary.js';

/** A bulletin query: all fields optional, newest first. */
export interface BulletinQuery {
  readonly componentId?: string;
  readonly minLevel?: LogLevel;
  /** Case-insensitive substring of the message or component name. */
  readonly text?: string;
  /** Only bulletins older than this id: the cursor of the next page ("load older"). */
  readonly beforeId?: number;
  /** Only bulletins posted at or after this time (epoch milliseconds). */
  readonly since?: number;
  readonly limit?: number;
}

/**
 * Bulletins, persisted as JSON lines and kept in memory up to a bound, so they survive restarts
 * and can be searched. Writes are appended in order in the background; the file is rewritten
 * with only the kept bulletins once it holds twice as many lines, so it cannot grow without end.
 */
export class BulletinBoard {
  readonly #file: string;
  readonly #capacity: number;
  #bulletins: Bulletin[] = [];
  #nextId = 1;
  /** Lines in the file (kept or not), to know when to compact it. */
  #lines = 0;
  #writing: Promise<void> = Promise.resolve();
  /**
   * True after a write failed (a full disk): it may have left part of a line, so the next line
   * starts on a new one, and further failures are not logged until a write succeeds again.
   */
  #failing = false;
  #redact: (message: string) => string = (message) => message;

  private constructor(file: string, capacity: number) {
    this.#file = file;
    this.#capacity = capacity;
  }

  /** Opens the board, loading the bulletins kept in `dir`. */
  static async open(dir: string, capacity = 10_000): Promise<BulletinBoard> {
    await mkdir(dir, { recursive: true });
    const board = new BulletinBoard(path.join(dir, 'bulletins.jsonl'), capacity);
    const text = await readFile(board.#file, 'utf8').catch(() => '');
    for (const line of text.split('\n')) {
      if (!line) continue;
      board.#lines++;
      try {
        board.#bulletins.push(JSON.parse(line) as Bulletin);
      } catch {
        // A torn last line after a crash: skip it.
      }
    }
    board.#bulletins = board.#bulletins.slice(-capacity);
    board.#nextId = (board.#bulletins.at(-1)?.id ?? 0) + 1;
    if (board.#lines > capacity) board.#compact();
    return board;
  }

  /** The id of the newest bulletin, 0 when there is none: ids only grow, across restarts too. */
  get lastId(): number {
    return this.#nextId - 1;
  }

  /**
   * Sets what every posted message passes through before it is kept or shown: the engine masks
   * the flow's secrets, since a processor's error may quote a password.
   */
  redactWith(redact: (message: string) => string): void {
    this.#redact = redact;
  }

  post(bulletin: Omit<Bulletin, 'id' | 'time'> & { time?: number }): Bulletin {
    const full: Bulletin = {
      ...bulletin,
      message: this.#redact(bulletin.message),
      id: this.#nextId++,
      time: bulletin.time ?? Date.now(),
    };
    this.#bulletins.push(full);
    if (this.#bulletins.length > this.#capacity) this.#bulletins.shift();
    if (this.#lines + 1 > 2 * this.#capacity) {
      this.#compact();
      return full;
    }
    this.#lines++;
    const line = `${JSON.stringify(full)}\n`;
    // After a failure the file may end in part of a line: a newline first keeps this one whole
    // (open skips the torn part, and the empty line when nothing was torn).
    this.#write(() => appendFile(this.#file, this.#failing ? `\n${line}` : line));
    return full;
  }

  query(query: BulletinQuery = {}): Bulletin[] {
    const min = LEVEL_ORDER[query.minLevel ?? 'DEBUG'];
    const text = query.text?.toLowerCase();
    const limit = query.limit ?? 100;
    const result: Bulletin[] = [];
    for (let i = this.#bulletins.length - 1; i >= 0 && result.length < limit; i--) {
      const b = this.#bulletins[i]!;
      if (query.beforeId !== undefined && b.id >= query.beforeId) continue;
      if (query.since !== undefined && b.time < query.since) break;
      if (query.componentId && b.componentId !== query.componentId) continue;
      if (LEVEL_ORDER[b.level] < min) continue;
      if (
        text &&
        !b.message.toLowerCase().includes(text) &&
        !b.componentName.toLowerCase().includes(text)
      )
        continue;
      result.push(b);
    }
    return result;
  }

  /** Per component, how many bulletins were posted since `since`, the worst level and the latest. */
  summary(since: number): BulletinSummary[] {
    return summarize(this.#bulletins, since);
  }

  /** Waits for pending writes (on close). */
  flush(): Promise<void> {
    return this.#writing;
  }

  /** Rewrites the file with the kept bulletins only (a temporary file renamed over it). */
  #compact(): void {
    const kept = this.#bulletins.map((b) => `${JSON.stringify(b)}\n`).join('');
    this.#lines = this.#bulletins.length;
    const temporary = `${this.#file}.tmp`;
    this.#write(async () => {
      await writeFile(temporary, kept);
      await rename(temporary, this.#file);
    });
  }

  #write(task: () => Promise<void>): void {
    this.#writing = this.#writing.then(() =>
      task().then(
        () => {
          this.#failing = false;
        },
        (error: unknown) => {
          // Bulletins stay in memory; one message per run of failures, not one per bulletin.
          if (!this.#failing) console.error('could not persist bulletins', error);
          this.#failing = true;
        },
      ),
    );
  }
}
