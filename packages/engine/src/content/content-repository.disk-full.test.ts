import { mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type * as DurableFiles from '../repository/durable-files.js';
import { ContentRepository } from './content-repository.js';

/** While set, a write puts down half of its bytes and then finds the disk full, as a real one does. */
const disk = vi.hoisted(() => ({ full: false }));

vi.mock('../repository/durable-files.js', async (importOriginal) => {
  const actual = await importOriginal<typeof DurableFiles>();
  const writeHalf: typeof actual.writevFully = async (handle, parts, position) => {
    const data = Buffer.concat(parts);
    await actual.writeFully(handle, data.subarray(0, data.length >> 1), position);
    const error = new Error('ENOSPC: no space left on device, write') as NodeJS.ErrnoException;
    error.code = 'ENOSPC';
    throw error;
  };
  return {
    ...actual,
    writeFully: (...args: Parameters<typeof actual.writeFully>) =>
      disk.full ? writeHalf(args[0], [args[1]], args[2]) : actual.writeFully(...args),
    writevFully: (...args: Parameters<typeof actual.writevFully>) =>
      disk.full ? writeHalf(...args) : actual.writevFully(...args),
  };
});

let dir: string;
let repository: ContentRepository | undefined;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'sluice-content-full-'));
  disk.full = false;
});

afterEach(async () => {
  disk.full = false;
  await repository?.close();
  await rm(dir, { recursive: true, force: true });
});

describe('ContentRepository on a full disk', () => {
  it('names itself in the error and gives back the space a failed write took', async () => {
    // given a claim file holding content a flowfile keeps
    repository = await ContentRepository.open(dir, { fsync: 'never' });
    await repository.initializeReferences(new Map());
    const [kept] = await repository.writeAll([Buffer.alloc(1000, 1)]);

    // when the next write to that file finds the disk full
    disk.full = true;
    const failed = await repository.writeAll([Buffer.alloc(4000, 2)]).catch((e: unknown) => e);
    disk.full = false;
    await repository.whenIdle();

    // then the error says where, and the file holds the kept content and nothing after it
    expect(failed).toMatchObject({
      code: 'OUT_OF_SPACE',
      message: `No space left on device while writing the content repository at ${dir}: ENOSPC: no space left on device, write`,
    });
    const files = (await readdir(dir)).filter((name) => name.endsWith('.claim'));
    expect(files).toEqual([kept!.file]);
    expect((await stat(join(dir, kept!.file))).size).toBe(1000);
    expect(await repository.readBuffer(kept!)).toEqual(Buffer.alloc(1000, 1));
  });
});
