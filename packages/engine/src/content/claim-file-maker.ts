import { constants } from 'node:fs';
import { open, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { fsyncDirectory } from '../repository/durable-files.js';
import { ClaimFile, claimFileName } from './claim-file.js';

/** O_DSYNC where the platform has it. */
export const DSYNC: number | undefined = constants.O_DSYNC;

/**
 * Creates the claim files of a content repository, numbered in sequence. For writers that fill a
 * whole file with each write (a processor committing a megabyte of small outputs at a time), it
 * keeps one O_DSYNC file ready, created and with its directory entry synced in the background:
 * taking it spares the commit the open and the directory fsync a new file costs.
 */
export class ClaimFileMaker {
  readonly #dir: string;
  readonly #onError: (error: Error) => void;
  #nextSequence: number;
  #spare: Promise<ClaimFile | undefined> | undefined;

  constructor(dir: string, nextSequence: number, onError: (error: Error) => void) {
    this.#dir = dir;
    this.#nextSequence = nextSequence;
    this.#onError = onError;
  }

  /** A new empty file; its directory entry is not durable yet. */
  async create(dsync: boolean): Promise<ClaimFile> {
    const name = claimFileName(this.#nextSequence++);
    const flags = constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL;
    const handle = await open(join(this.#dir, name), dsync ? flags | DSYNC! : flags);
    return new ClaimFile(name, handle, 0, dsync);
  }

  /** The spare O_DSYNC file (its entry durable), if one was made; then a next one is started. */
  async takeSpare(): Promise<ClaimFile | undefined> {
    const spare = this.#spare;
    this.#spare = undefined;
    const file = spare === undefined ? undefined : await spare;
    this.prepareSpare();
    return file;
  }

  /** Starts making a spare, unless one is ready or being made. */
  prepareSpare(): void {
    this.#spare ??= (async () => {
      try {
        const file = await this.create(true);
        await fsyncDirectory(this.#dir);
        file.entryDurable = true;
        return file;
      } catch (error) {
        this.#onError(error instanceof Error ? error : new Error(String(error)));
        return undefined;
      }
    })();
  }

  /** Closes and deletes a spare nobody took: it holds nothing and nothing refers to it. */
  async discardSpare(): Promise<void> {
    const spare = this.#spare;
    this.#spare = undefined;
    const file = spare === undefined ? undefined : await spare;
    if (file === undefined) return;
    await file.close();
    await unlink(join(this.#dir, file.name));
  }
}
