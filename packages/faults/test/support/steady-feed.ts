import { chmod, mkdir, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { seedFileName, seedFileText } from './seed-004-workload.js';

/**
 * Writes the seed-004 text files into a directory an SFTP server serves one at a time, at a
 * steady rate, as a producer upstream of the flow would (`writeSeedFiles` writes a whole set at
 * once). Each is written under a dotted name and renamed, so a listing never sees half a file
 * (ListSFTP ignores dotted files). File `i` is seed file `i`: the same names and bytes.
 */
export class SteadyFeed {
  readonly #dir: string;
  readonly #files = new Map<string, Buffer>();

  private constructor(dir: string) {
    this.#dir = dir;
  }

  /** A feed into `dir`, created readable by the SFTP server's user. */
  static async into(dir: string): Promise<SteadyFeed> {
    await mkdir(dir, { recursive: true });
    await chmod(dir, 0o755);
    return new SteadyFeed(dir);
  }

  /** Every file written so far: bytes by name, as `checkSeedOutcome` takes them. */
  get files(): ReadonlyMap<string, Buffer> {
    return this.#files;
  }

  /** Writes `count` more files, `perSecond` a second; resolves after the last one. */
  async write(count: number, perSecond: number): Promise<void> {
    const intervalMs = 1000 / perSecond;
    const started = Date.now();
    for (let i = 0; i < count; i++) {
      const index = this.#files.size;
      const name = seedFileName(index);
      const bytes = Buffer.from(seedFileText(index), 'utf8');
      const dotted = path.join(this.#dir, `.${name}`);
      await writeFile(dotted, bytes, { mode: 0o644 });
      await rename(dotted, path.join(this.#dir, name));
      this.#files.set(name, bytes);
      const next = started + (i + 1) * intervalMs;
      await new Promise((resolve) => setTimeout(resolve, Math.max(0, next - Date.now())));
    }
  }
}
