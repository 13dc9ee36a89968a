import { mkdtemp, readdir, readFile, rm, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { FlowFile } from '../flowfile/flowfile.js';
import { FlowFileRepository, type FlowFileRepositoryOptions } from './flowfile-repository.js';
import { RepositoryError } from './repository-error.js';

let dir: string;
const opened: FlowFileRepository[] = [];

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'sluice-wal-'));
});

afterEach(async () => {
  await Promise.allSettled(opened.splice(0).map((repository) => repository.close()));
  await rm(dir, { recursive: true, force: true });
});

async function openRepository(
  options: FlowFileRepositoryOptions = {},
): Promise<FlowFileRepository> {
  const repository = await FlowFileRepository.open(dir, options);
  opened.push(repository);
  return repository;
}

/** Opens and recovers, as the engine does at start. */
async function reopen(options: FlowFileRepositoryOptions = {}) {
  const repository = await openRepository(options);
  const recovered = await repository.recover();
  return { repository, recovered };
}

function flowFile(id: string, extra: Partial<FlowFile> = {}): FlowFile {
  return {
    id,
    attributes: { uuid: id, filename: `${id}.txt`, path: './', 'mime.type': 'text/plain' },
    claim: { file: '3.claim', offset: id.length * 7, length: 42 },
    size: 42,
    entryDate: 1_700_000_000_000,
    lineageStartDate: 1_699_999_999_000,
    penalizedUntil: 0,
    ...extra,
  };
}

function idsOf(recovered: { queues: ReadonlyMap<string, FlowFile[]> }, queue: string): string[] {
  return (recovered.queues.get(queue) ?? []).map((f) => f.id);
}

/** Byte offsets of the frames of a file (the log header is the first). */
async function frameOffsets(path: string): Promise<number[]> {
  const bytes = await readFile(path);
  const offsets: number[] = [];
  for (let offset = 0; offset < bytes.length; offset += 12 + bytes.readUInt32LE(offset)) {
    offsets.push(offset);
  }
  return offsets;
}

async function walPath(): Promise<string> {
  const name = (await readdir(dir)).find((n) => n.startsWith('wal-') && n.endsWith('.log'));
  if (name === undefined) throw new Error('no log file');
  return join(dir, name);
}

describe('FlowFileRepository', () => {
  it('restores every queue exactly after commit, close and reopen', async () => {
    // given
    const { repository } = await reopen();
    const a = flowFile('a', { attributes: { uuid: 'a', note: 'ünïcödé "quoted"\n' } });
    const b = flowFile('b', { claim: null, size: 0, penalizedUntil: 1_700_000_001_000 });
    const c = flowFile('c');

    // when
    await repository.commit([
      { op: 'put', queue: 'q1', flowFile: a },
      { op: 'put', queue: 'q1', flowFile: b },
    ]);
    await repository.commit([{ op: 'put', queue: 'q2', flowFile: c }]);
    await repository.close();
    const { recovered } = await reopen();

    // then
    expect(recovered.queues).toEqual(
      new Map([
        ['q1', [a, b]],
        ['q2', [c]],
      ]),
    );
    expect(recovered.swapFiles.size).toBe(0);
    expect(recovered.states.size).toBe(0);
  });

  it('moves a flowfile between queues with one put and deletes it with delete', async () => {
    // given
    const { repository } = await reopen();
    await repository.commit(
      ['a', 'b', 'c'].map((id) => ({ op: 'put', queue: 'in', flowFile: flowFile(id) })),
    );

    // when b moves on with new attributes, and c leaves the flow
    const moved = flowFile('b', { attributes: { uuid: 'b', routed: 'yes' } });
    await repository.commit([
      { op: 'put', queue: 'out', flowFile: moved },
      { op: 'delete', id: 'c' },
    ]);
    await repository.close({ checkpoint: false });
    const { recovered } = await reopen();

    // then
    expect(idsOf(recovered, 'in')).toEqual(['a']);
    expect(recovered.queues.get('out')).toEqual([moved]);
  });

  it('keeps component state with its commit and clears it with null', async () => {
    // given
    const { repository } = await reopen();
    await repository.commit([{ op: 'state', component: 'lister', state: { listed: '10' } }]);
    await repository.commit([{ op: 'state', component: 'consumer', state: { offset: '7' } }]);

    // when
    await repository.commit([
      { op: 'state', component: 'lister', state: { listed: '20' } },
      { op: 'state', component: 'consumer', state: null },
    ]);
    await repository.close({ checkpoint: false });
    const { recovered } = await reopen();

    // then
    expect(recovered.states).toEqual(new Map([['lister', { listed: '20' }]]));
  });

  it('replays commits made after a checkpoint on top of the snapshot', async () => {
    // given
    const { repository } = await reopen();
    await repository.commit([{ op: 'put', queue: 'q', flowFile: flowFile('before') }]);
    await repository.commit([{ op: 'state', component: 'p', state: { at: 'checkpoint' } }]);

    // when
    await repository.checkpoint();
    await repository.commit([{ op: 'put', queue: 'q', flowFile: flowFile('after') }]);
    await repository.commit([{ op: 'delete', id: 'before' }]);
    await repository.close({ checkpoint: false });
    const { recovered } = await reopen();

    // then
    expect(idsOf(recovered, 'q')).toEqual(['after']);
    expect(recovered.states.get('p')).toEqual({ at: 'checkpoint' });
    expect((await readdir(dir)).filter((name) => name.endsWith('.log'))).toHaveLength(1);
  });

  it('checkpoints by itself once the log holds more than checkpointEveryRecords operations', async () => {
    // given
    const { repository } = await reopen({ checkpointEveryRecords: 10 });
    const firstLog = await walPath();

    // when
    for (let i = 0; i < 12; i++) {
      await repository.commit([{ op: 'put', queue: 'q', flowFile: flowFile(`f${i}`) }]);
    }
    await repository.commit([]);

    // then the old log was replaced and nothing was lost
    expect(await walPath()).not.toBe(firstLog);
    await repository.close({ checkpoint: false });
    const { recovered } = await reopen();
    expect(idsOf(recovered, 'q')).toHaveLength(12);
  });

  it('ignores a torn last record and keeps everything before it', async () => {
    // given three records on disk, the last one cut short by a crash
    const { repository } = await reopen();
    for (const id of ['one', 'two', 'three']) {
      await repository.commit([{ op: 'put', queue: 'q', flowFile: flowFile(id) }]);
    }
    await repository.close({ checkpoint: false });
    const path = await walPath();
    const size = (await readFile(path)).length;
    await truncate(path, size - 5);

    // when
    const { repository: after, recovered } = await reopen();

    // then the torn record is gone, and new records go where it was
    expect(idsOf(recovered, 'q')).toEqual(['one', 'two']);
    await after.commit([{ op: 'put', queue: 'q', flowFile: flowFile('four') }]);
    await after.close({ checkpoint: false });
    const { recovered: again } = await reopen();
    expect(idsOf(again, 'q')).toEqual(['one', 'two', 'four']);
  });

  it('refuses a damaged record in the middle of the log, naming the file and byte offset', async () => {
    // given
    const { repository } = await reopen();
    for (const id of ['one', 'two', 'three']) {
      await repository.commit([{ op: 'put', queue: 'q', flowFile: flowFile(id) }]);
    }
    await repository.close({ checkpoint: false });
    const path = await walPath();
    const [, , second] = await frameOffsets(path);
    const bytes = await readFile(path);
    bytes.writeUInt8(bytes.readUInt8(second! + 20) ^ 0xff, second! + 20);
    await writeFile(path, bytes);

    // when
    const repositoryAfter = await openRepository();
    const error = await repositoryAfter.recover().catch((e: unknown) => e);

    // then
    expect(error).toBeInstanceOf(RepositoryError);
    expect(error).toMatchObject({ code: 'CORRUPT_RECORD', file: path, offset: second });
    expect((error as Error).message).toContain(
      `${path}: record checksum mismatch at byte offset ${second}`,
    );
  });

  it('group commit: 1000 concurrent commits all resolve and all survive reopen', async () => {
    // given
    const { repository } = await reopen({ fsync: 'batch' });

    // when
    await Promise.all(
      Array.from({ length: 1000 }, (_, i) =>
        repository.commit([{ op: 'put', queue: `q${i % 4}`, flowFile: flowFile(`f${i}`) }]),
      ),
    );
    await repository.close({ checkpoint: false });
    const { recovered } = await reopen();

    // then each queue holds its flowfiles in call order
    for (let q = 0; q < 4; q++) {
      const expected = Array.from({ length: 250 }, (_, k) => `f${k * 4 + q}`);
      expect(idsOf(recovered, `q${q}`)).toEqual(expected);
    }
  });

  it('fsync always and never both keep what was committed', async () => {
    for (const fsync of ['always', 'never'] as const) {
      // given
      const { repository } = await reopen({ fsync });

      // when
      await Promise.all(
        ['x', 'y', 'z'].map((id) =>
          repository.commit([{ op: 'put', queue: fsync, flowFile: flowFile(id) }]),
        ),
      );
      await repository.close({ checkpoint: false });
      const { recovered } = await reopen();

      // then
      expect(idsOf(recovered, fsync)).toEqual(['x', 'y', 'z']);
    }
  });

  it('swaps flowfiles out to a file and back in', async () => {
    // given a queue of five flowfiles
    const { repository } = await reopen();
    const flowFiles = ['a', 'b', 'c', 'd', 'e'].map((id) => flowFile(id));
    await repository.commit(flowFiles.map((f) => ({ op: 'put', queue: 'q', flowFile: f })));

    // when the newest three are swapped out
    const swapped = flowFiles.slice(2);
    const summary = await repository.writeSwapFile('q', swapped);
    await repository.commit([{ op: 'swapOut', swap: summary, ids: swapped.map((f) => f.id) }]);
    await repository.close({ checkpoint: false });
    const { repository: after, recovered } = await reopen();

    // then the queue holds two in memory and one swap file with a claim count
    expect(idsOf(recovered, 'q')).toEqual(['a', 'b']);
    expect(recovered.swapFiles.get('q')).toEqual([summary]);
    expect(summary).toMatchObject({ count: 3, bytes: 126, claimReferences: { '3.claim': 3 } });

    // when they are swapped back in
    const back = await after.readSwapFile(summary);
    await after.commit([
      { op: 'swapIn', queue: 'q', file: summary.file },
      ...back.map((f) => ({ op: 'put' as const, queue: 'q', flowFile: f })),
    ]);
    await after.deleteSwapFile(summary.file);
    await after.close();
    const { recovered: again } = await reopen();

    // then
    expect(back).toEqual(swapped);
    expect(idsOf(again, 'q')).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect(again.swapFiles.size).toBe(0);
    expect(await readdir(join(dir, 'swap'))).toEqual([]);
  });

  it('deletes at recovery a swap file whose swapOut was never committed', async () => {
    // given a crash between writing a swap file and committing its swapOut
    const { repository } = await reopen();
    const kept = await repository.writeSwapFile('q', [flowFile('kept')]);
    await repository.commit([{ op: 'swapOut', swap: kept, ids: ['kept'] }]);
    const orphan = await repository.writeSwapFile('q', [flowFile('orphan')]);
    await repository.close({ checkpoint: false });
    await writeFile(join(dir, 'swap', 'left-by-crash.swap.tmp'), 'partial');

    // when
    const { recovered } = await reopen();

    // then
    expect(recovered.swapFiles.get('q')).toEqual([kept]);
    expect(await readdir(join(dir, 'swap'))).toEqual([kept.file]);
    expect(orphan.file).not.toBe(kept.file);
  });

  it('refuses commits before recover and after close', async () => {
    // given
    const repository = await openRepository();
    const put = [{ op: 'put' as const, queue: 'q', flowFile: flowFile('a') }];

    // when / then
    await expect(repository.commit(put)).rejects.toMatchObject({ code: 'NOT_RECOVERED' });
    await repository.recover();
    await expect(repository.recover()).rejects.toMatchObject({ code: 'ALREADY_RECOVERED' });
    await repository.close();
    await expect(repository.commit(put)).rejects.toMatchObject({ code: 'CLOSED' });
  });

  it('commits made while a checkpoint runs wait for it and survive', async () => {
    // given
    const { repository } = await reopen();
    await repository.commit(
      Array.from({ length: 5000 }, (_, i) => ({
        op: 'put' as const,
        queue: 'q',
        flowFile: flowFile(`f${i}`),
      })),
    );

    // when
    const results = await Promise.all([
      repository.commit([{ op: 'put', queue: 'q', flowFile: flowFile('before') }]),
      repository.checkpoint(),
      repository.commit([{ op: 'put', queue: 'q', flowFile: flowFile('during') }]),
      repository.checkpoint(),
      repository.commit([{ op: 'delete', id: 'f0' }]),
    ]);
    await repository.close({ checkpoint: false });
    const { recovered } = await reopen();

    // then
    expect(results).toHaveLength(5);
    const ids = idsOf(recovered, 'q');
    expect(ids).toHaveLength(5001);
    expect(ids.slice(-2)).toEqual(['before', 'during']);
    expect(ids).not.toContain('f0');
  });
});
