import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { FlowFile } from '../flowfile/flowfile.js';
import type * as DurableFiles from './durable-files.js';
import type * as FramedFile from './framed-file.js';
import { FlowFileRepository, type FlowFileRepositoryOptions } from './flowfile-repository.js';
import { WalFile } from './write-ahead-log.js';

/** While set, a write puts down half of its bytes and then finds the disk full, as a real one does. */
const disk = vi.hoisted(() => ({ full: false, snapshotFull: false, snapshots: 0 }));

vi.mock('./durable-files.js', async (importOriginal) => {
  const actual = await importOriginal<typeof DurableFiles>();
  return {
    ...actual,
    writeFully: async (...args: Parameters<typeof actual.writeFully>) => {
      if (!disk.full) return actual.writeFully(...args);
      const [handle, data, position] = args;
      await actual.writeFully(handle, data.subarray(0, data.length >> 1), position);
      throw noSpace();
    },
  };
});

/** While `snapshotFull` is set, only snapshots find the disk full. */
vi.mock('./framed-file.js', async (importOriginal) => {
  const actual = await importOriginal<typeof FramedFile>();
  return {
    ...actual,
    writeFramedFile: async (...args: Parameters<typeof actual.writeFramedFile>) => {
      disk.snapshots++;
      if (disk.snapshotFull) throw noSpace();
      return actual.writeFramedFile(...args);
    },
  };
});

function noSpace(): Error {
  const error = new Error('ENOSPC: no space left on device, write') as NodeJS.ErrnoException;
  error.code = 'ENOSPC';
  return error;
}

let dir: string;
let repository: FlowFileRepository | undefined;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'sluice-wal-full-'));
  disk.full = false;
  disk.snapshotFull = false;
  disk.snapshots = 0;
});

afterEach(async () => {
  vi.restoreAllMocks();
  disk.full = false;
  disk.snapshotFull = false;
  await repository?.close();
  repository = undefined;
  await rm(dir, { recursive: true, force: true });
});

async function reopen(options: FlowFileRepositoryOptions = {}) {
  await repository?.close({ checkpoint: false });
  repository = await FlowFileRepository.open(dir, options);
  const recovered = await repository.recover();
  return { repository, ids: (recovered.queues.get('q') ?? []).map((f) => f.id) };
}

function put(id: string) {
  const flowFile: FlowFile = {
    id,
    attributes: { uuid: id, filename: id, path: './' },
    claim: null,
    size: 0,
    entryDate: 1_700_000_000_000,
    lineageStartDate: 1_700_000_000_000,
    penalizedUntil: 0,
  };
  return [{ op: 'put' as const, queue: 'q', flowFile }];
}

describe('FlowFileRepository on a full disk', () => {
  it('refuses the commit as OUT_OF_SPACE, cuts its half record off, and takes commits again when there is room', async () => {
    // given a committed flowfile
    const { repository: wal } = await reopen();
    await wal.commit(put('a'));

    // when a commit finds the disk full
    disk.full = true;
    const refused = await wal.commit(put('b')).catch((error: unknown) => error);
    disk.full = false;

    // then it is refused, naming the repository, and the log goes on
    expect(refused).toMatchObject({
      code: 'OUT_OF_SPACE',
      message: `No space left on device while writing the flowfile repository at ${dir}: ENOSPC: no space left on device, write`,
    });
    await wal.commit(put('c'));
    const { ids } = await reopen();
    expect(ids).toEqual(['a', 'c']);
  });

  it('still closes when the checkpoint finds the disk full, and the next start replays the log', async () => {
    // given commits in the log
    const errors: Error[] = [];
    const { repository: wal } = await reopen({ onError: (error) => errors.push(error) });
    await wal.commit(put('a'));
    await wal.commit(put('b'));

    // when it closes on a full disk (its checkpoint cannot be written)
    disk.full = true;
    await wal.close();
    repository = undefined;
    disk.full = false;

    // then the failure was reported, no snapshot was left half written, and nothing is lost
    expect(errors.map((e) => (e as { code?: string }).code)).toEqual(['OUT_OF_SPACE']);
    expect((await readdir(dir)).filter((name) => name.includes('snapshot'))).toEqual([]);
    const { ids } = await reopen();
    expect(ids).toEqual(['a', 'b']);
  });

  it('does not retry a failed automatic checkpoint after every commit, but after a while', async () => {
    // given a log that checkpoints after every record, on a disk with no room for a snapshot
    const errors: Error[] = [];
    const { repository: wal } = await reopen({
      checkpointEveryRecords: 1,
      checkpointRetryMs: 200,
      onError: (error) => errors.push(error),
    });
    disk.snapshotFull = true;

    // when ten commits follow each other
    for (let i = 0; i < 10; i++) await wal.commit(put(`f${i}`));

    // then they all went into the log, and one snapshot was tried and reported
    expect(disk.snapshots).toBe(1);
    expect(errors.map((e) => (e as { code?: string }).code)).toEqual(['OUT_OF_SPACE']);

    // when there is room again and the retry delay has passed
    disk.snapshotFull = false;
    await new Promise((resolve) => setTimeout(resolve, 250));
    await wal.commit(put('last'));
    await wal.checkpoint();

    // then the checkpoint was taken again, and nothing is lost
    expect(disk.snapshots).toBeGreaterThanOrEqual(3);
    const { ids } = await reopen();
    expect(ids).toEqual([...Array.from({ length: 10 }, (_, i) => `f${i}`), 'last']);
  });

  it('keeps taking commits once there is room when a checkpoint could not start the next log', async () => {
    // given a committed flowfile, and no room for a new log file
    const { repository: wal } = await reopen();
    await wal.commit(put('a'));
    const create = WalFile.create.bind(WalFile);
    let full = true;
    vi.spyOn(WalFile, 'create').mockImplementation((...args) =>
      full ? Promise.reject(noSpace()) : create(...args),
    );

    // when a checkpoint writes its snapshot but cannot start the log after it
    const checkpoint = await wal.checkpoint().catch((error: unknown) => error);
    const whileFull = await wal.commit(put('b')).catch((error: unknown) => error);
    full = false;
    await wal.commit(put('c'));

    // then both are refused for lack of space, not as a failed repository, and it goes on
    expect(checkpoint).toMatchObject({ code: 'OUT_OF_SPACE' });
    expect(whileFull).toMatchObject({ code: 'OUT_OF_SPACE' });
    const { ids } = await reopen();
    expect(ids).toEqual(['a', 'c']);
  });
});
