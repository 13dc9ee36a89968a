import type { Dirent } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';

/** What a directory holds on disk: regular files and their total size in bytes. */
export interface DirectoryUsage {
  readonly files: number;
  readonly bytes: number;
}

/**
 * How deep a repository's files sit: content claims and provenance files are at the top, swap
 * files one level down (`flowfile/swap/`). Nothing of a repository is deeper.
 */
const MAX_DEPTH = 2;

/**
 * Sums the sizes of the regular files in `dir` and its subdirectories, `depth` levels down. A
 * directory that does not exist (or a file deleted while it is read) counts as empty.
 */
export async function directoryUsage(dir: string, depth = MAX_DEPTH): Promise<DirectoryUsage> {
  let entries: Dirent[];
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch (error) {
    if (isNotFound(error)) return { files: 0, bytes: 0 };
    throw error;
  }
  const parts = await Promise.all(
    entries.map(async (entry): Promise<DirectoryUsage> => {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        return depth > 0 ? directoryUsage(full, depth - 1) : { files: 0, bytes: 0 };
      }
      if (!entry.isFile()) return { files: 0, bytes: 0 };
      try {
        return { files: 1, bytes: (await stat(full)).size };
      } catch (error) {
        if (isNotFound(error)) return { files: 0, bytes: 0 };
        throw error;
      }
    }),
  );
  return parts.reduce(
    (sum, part) => ({ files: sum.files + part.files, bytes: sum.bytes + part.bytes }),
    {
      files: 0,
      bytes: 0,
    },
  );
}

function isNotFound(error: unknown): boolean {
  return (error as NodeJS.ErrnoException | undefined)?.code === 'ENOENT';
}

/**
 * Directory sizes measured at most once per `ttlMs` per directory, so that scrapes every few
 * seconds do not list the repositories every time; concurrent scrapes share one measurement.
 * Repositories hold a bounded number of files (claims of 1 MiB, provenance files of 64 MiB, one
 * swap file per 10,000 flowfiles), never one per flowfile, so a measurement stays cheap.
 */
export class DirectorySizes {
  readonly #cache = new Map<string, { at: number; usage: Promise<DirectoryUsage> }>();

  constructor(
    private readonly ttlMs = 10_000,
    private readonly now: () => number = Date.now,
    private readonly measure: (dir: string) => Promise<DirectoryUsage> = directoryUsage,
  ) {}

  /** The usage of `dir`, measured now or at most `ttlMs` ago. */
  usage(dir: string): Promise<DirectoryUsage> {
    const cached = this.#cache.get(dir);
    if (cached && this.now() - cached.at < this.ttlMs) return cached.usage;
    const usage = this.measure(dir);
    this.#cache.set(dir, { at: this.now(), usage });
    // A failed measurement is not kept: the next scrape tries again.
    usage.catch(() => {
      if (this.#cache.get(dir)?.usage === usage) this.#cache.delete(dir);
    });
    return usage;
  }

  /** Forgets directories not in `dirs` (flows deleted since). */
  retainOnly(dirs: ReadonlySet<string>): void {
    for (const dir of this.#cache.keys()) if (!dirs.has(dir)) this.#cache.delete(dir);
  }
}
