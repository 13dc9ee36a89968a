import { appendFile, mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { LogLevel } from '../processor/process-context.js';
import type { Bulletin } from './bulletin.js';

/** A bulletin query: all fields optional, newest first. */
export interface BulletinQuery {
  readonly componentId?: string;
  readonly minLevel?: LogLevel;
  /** Case-insensitive substring of the message or component name. */
  readonly text?: string;
  readonly limit?: number;
}

const LEVEL_ORDER: Record<LogLevel, number> = { DEBUG: 0, INFO: 1, WARN: 2, ERROR: 3 };

/**
 * Bulletins, persisted as JSON lines and kept in memory up to a bound, so they survive restarts
 * and can be searched. Writes are appended in order in the background.
 */
export class BulletinBoard {
  readonly #file: string;
  readonly #capacity: number;
  #bulletins: Bulletin[] = [];
  #nextId = 1;
  #writing: Promise<void> = Promise.resolve();

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
      try {
        board.#bulletins.push(JSON.parse(line) as Bulletin);
      } catch {
        // A torn last line after a crash: skip it.
      }
    }
    board.#bulletins = board.#bulletins.slice(-capacity);
    board.#nextId = (board.#bulletins.at(-1)?.id ?? 0) + 1;
    return board;
  }

  post(bulletin: Omit<Bulletin, 'id' | 'time'> & { time?: number }): Bulletin {
    const full: Bulletin = { ...bulletin, id: this.#nextId++, time: bulletin.time ?? Date.now() };
    this.#bulletins.push(full);
    if (this.#bulletins.length > this.#capacity) this.#bulletins.shift();
    const line = `${JSON.stringify(full)}\n`;
    this.#writing = this.#writing.then(() =>
      appendFile(this.#file, line).catch((error: unknown) =>
        console.error('could not persist bulletin', error),
      ),
    );
    return full;
  }

  query(query: BulletinQuery = {}): Bulletin[] {
    const min = LEVEL_ORDER[query.minLevel ?? 'DEBUG'];
    const text = query.text?.toLowerCase();
    const result: Bulletin[] = [];
    for (let i = this.#bulletins.length - 1; i >= 0 && result.length < (query.limit ?? 100); i--) {
      const b = this.#bulletins[i]!;
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

  /** Waits for pending writes (on close). */
  flush(): Promise<void> {
    return this.#writing;
  }
}
