import { appendFile, mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import type { StatusHistory } from './status-history.js';

/** NiFi keeps status history for a day; so does Sluice, by default. */
export const STATUS_RETENTION_MS = 24 * 60 * 60 * 1000;

/** How the status history is kept on disk. */
export interface StatusHistoryFileOptions {
  /** Points older than this are dropped on open and when the file is compacted. */
  readonly retentionMs?: number;
  /**
   * The file is rewritten from what is kept once it has this many lines: two days of points
   * at one a minute, so a compaction comes about once a day and the file stays about a day long.
   */
  readonly maxLines?: number;
  readonly now?: () => number;
}

/**
 * One line of the file: a time and every component's values at that time. Zero values are left
 * out (most counters of an idle flow are zero), so a line of a quiet flow is short.
 */
const lineSchema = z.object({
  t: z.number(),
  c: z.record(z.string(), z.record(z.string(), z.number())),
});
type Line = z.infer<typeof lineSchema>;

function nonZero(values: Readonly<Record<string, number>>): Record<string, number> {
  const result: Record<string, number> = {};
  for (const [name, value] of Object.entries(values)) if (value !== 0) result[name] = value;
  return result;
}

const serialize = (line: Line): string => `${JSON.stringify(line)}\n`;

/**
 * The status history of one flow as JSON lines (one line per recording), so it survives a
 * restart. Appends run in order in the background, as the bulletin board's do; a torn last line
 * after a crash is skipped on open.
 */
export class StatusHistoryFile {
  readonly #file: string;
  readonly #history: StatusHistory;
  readonly #retentionMs: number;
  readonly #maxLines: number;
  readonly #now: () => number;
  #lines = 0;
  #writing: Promise<void> = Promise.resolve();

  private constructor(file: string, history: StatusHistory, options: StatusHistoryFileOptions) {
    this.#file = file;
    this.#history = history;
    this.#retentionMs = options.retentionMs ?? STATUS_RETENTION_MS;
    this.#maxLines = options.maxLines ?? 2880;
    this.#now = options.now ?? Date.now;
  }

  /** Loads the points of the last day kept in `dir` into `history`, and keeps appending there. */
  static async open(
    dir: string,
    history: StatusHistory,
    options: StatusHistoryFileOptions = {},
  ): Promise<StatusHistoryFile> {
    await mkdir(dir, { recursive: true });
    const file = new StatusHistoryFile(path.join(dir, 'status-history.jsonl'), history, options);
    const text = await readFile(file.#file, 'utf8').catch(() => '');
    const cut = file.#now() - file.#retentionMs;
    let kept = 0;
    for (const raw of text.split('\n')) {
      if (!raw) continue;
      file.#lines++;
      const line = parseLine(raw);
      if (!line || line.t < cut) continue;
      kept++;
      for (const [componentId, values] of Object.entries(line.c)) {
        history.record(componentId, { time: line.t, values });
      }
    }
    // Expired or unreadable lines are not worth keeping on disk.
    if (kept < file.#lines) file.#compact();
    return file;
  }

  /**
   * Appends one recording: every component's values at `time`, already recorded in the history
   * (a compaction writes the history as it is). Drops from memory what is past the retention.
   */
  append(time: number, points: ReadonlyMap<string, Readonly<Record<string, number>>>): void {
    this.#history.prune(this.#now() - this.#retentionMs);
    if (this.#lines + 1 > this.#maxLines) {
      this.#compact();
      return;
    }
    const line: Line = { t: time, c: {} };
    for (const [componentId, values] of points) line.c[componentId] = nonZero(values);
    this.#lines++;
    const text = serialize(line);
    this.#write(() => appendFile(this.#file, text));
  }

  /** Waits for pending writes (on close). */
  flush(): Promise<void> {
    return this.#writing;
  }

  /**
   * Rewrites the file from the history in memory (which already holds the newest recording),
   * after dropping what is past the retention: a temporary file renamed over the old one.
   */
  #compact(): void {
    this.#history.prune(this.#now() - this.#retentionMs);
    const byTime = new Map<number, Line>();
    for (const [componentId, points] of this.#history.entries()) {
      for (const point of points) {
        let line = byTime.get(point.time);
        if (!line) byTime.set(point.time, (line = { t: point.time, c: {} }));
        line.c[componentId] = nonZero(point.values);
      }
    }
    const lines = [...byTime.values()].sort((a, b) => a.t - b.t);
    this.#lines = lines.length;
    const text = lines.map(serialize).join('');
    const temporary = `${this.#file}.tmp`;
    this.#write(async () => {
      await writeFile(temporary, text);
      await rename(temporary, this.#file);
    });
  }

  #write(task: () => Promise<void>): void {
    this.#writing = this.#writing.then(() =>
      task().catch((error: unknown) => console.error('could not persist status history', error)),
    );
  }
}

function parseLine(raw: string): Line | undefined {
  try {
    const parsed = lineSchema.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}
