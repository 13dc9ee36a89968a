import { stat } from 'node:fs/promises';
import type { ComponentLog } from '@sluice/engine';
import { errorCode, messageOf } from '../support/file-errors.js';
import { CsvTableError, loadCsvTable, type CsvTableConfig } from './csv-lookup-table.js';
import { LookupFailure } from './lookup-service.js';

/** How often, at most, a lookup looks at the file for a change (NiFi's watcher: every 30 s). */
export const RELOAD_CHECK_INTERVAL_MS = 1000;

/** What identifies one version of the file: a rewrite changes the time or size, a replacement the inode. */
interface FileStamp {
  readonly mtimeMs: number;
  readonly size: number;
  readonly ino: number;
}

const sameStamp = (a: FileStamp, b: FileStamp): boolean =>
  a.mtimeMs === b.mtimeMs && a.size === b.size && a.ino === b.ino;

/**
 * A CSV lookup table that follows its file: at most once per {@link RELOAD_CHECK_INTERVAL_MS} a
 * lookup checks the file's modification time, size and inode, and reloads the table when one
 * changed. While the changed file cannot be read (deleted, half written, not valid CSV), lookups
 * fail with the reason rather than answer from a table the file no longer holds; the file is
 * tried again at the next check. Replace the file atomically (write elsewhere, then rename) so a
 * check never sees it half written.
 */
export class ReloadingCsvTable {
  #entries: ReadonlyMap<string, string>;
  #stamp: FileStamp;
  #checkedAt: number;
  #checking: Promise<void> | undefined;
  /** Why the file, changed since the table was loaded, cannot be read; undefined when it can. */
  #failure: string | undefined;

  private constructor(
    readonly config: CsvTableConfig,
    private readonly log: ComponentLog,
    entries: ReadonlyMap<string, string>,
    stamp: FileStamp,
    private readonly now: () => number,
  ) {
    this.#entries = entries;
    this.#stamp = stamp;
    this.#checkedAt = now();
  }

  /**
   * Loads the table for the first time.
   *
   * @throws CsvTableError naming the file and what is wrong with it (missing, bad CSV, no such column).
   */
  static async open(
    config: CsvTableConfig,
    log: ComponentLog,
    now: () => number = Date.now,
  ): Promise<ReloadingCsvTable> {
    const stamp = await stampOf(config.file);
    const table = await loadCsvTable(config);
    table.warnings.forEach((warning) => log.warn(warning));
    return new ReloadingCsvTable(config, log, table.entries, stamp, now);
  }

  /** Number of keys in the table as last loaded. */
  get size(): number {
    return this.#entries.size;
  }

  /** The value for `key`, or undefined; a blank key is never found (NiFi). */
  async lookup(key: string): Promise<string | undefined> {
    if (this.now() - this.#checkedAt >= RELOAD_CHECK_INTERVAL_MS) {
      this.#checking ??= this.#check().finally(() => {
        this.#checking = undefined;
      });
      await this.#checking;
    }
    if (this.#failure !== undefined) throw new LookupFailure(this.#failure);
    if (key.trim() === '') return undefined;
    return this.#entries.get(key);
  }

  async #check(): Promise<void> {
    this.#checkedAt = this.now();
    const { file } = this.config;
    let stamp: FileStamp;
    try {
      stamp = await stampOf(file);
    } catch (error) {
      this.#fail(error instanceof CsvTableError ? error.message : messageOf(error));
      return;
    }
    if (sameStamp(stamp, this.#stamp) && this.#failure === undefined) return;
    try {
      const table = await loadCsvTable(this.config);
      table.warnings.forEach((warning) => this.log.warn(warning));
      this.#entries = table.entries;
      this.#stamp = stamp;
      this.#failure = undefined;
      this.log.info(`Reloaded ${table.entries.size} lookup entries from ${file}, which changed`);
    } catch (error) {
      this.#fail(messageOf(error));
    }
  }

  #fail(reason: string): void {
    const failure = `${reason} (the lookup table cannot follow the file's change; lookups fail until it can be read again)`;
    if (failure !== this.#failure) this.log.error(failure);
    this.#failure = failure;
  }
}

async function stampOf(file: string): Promise<FileStamp> {
  try {
    const { mtimeMs, size, ino, isFile } = await statOf(file);
    if (!isFile) throw new CsvTableError(`CSV File ${file} is not a regular file`);
    return { mtimeMs, size, ino };
  } catch (error) {
    if (error instanceof CsvTableError) throw error;
    if (errorCode(error) === 'ENOENT') throw new CsvTableError(`CSV File ${file} does not exist`);
    throw new CsvTableError(`CSV File ${file} cannot be read: ${messageOf(error)}`, {
      cause: error,
    });
  }
}

async function statOf(file: string) {
  const stats = await stat(file);
  return { mtimeMs: stats.mtimeMs, size: stats.size, ino: stats.ino, isFile: stats.isFile() };
}
