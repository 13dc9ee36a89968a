import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { FlowFile } from '../flowfile/flowfile.js';
import { FlowFileRepository } from './flowfile-repository.js';
import { writeFramedFile } from './framed-file.js';
import { decodeJsonPayload, encodeJsonFrame, FRAME_HEADER_BYTES } from './record-framing.js';
import { SwapFileStore } from './swap-file-store.js';
import { encodeFlowFile, encodeOperations } from './wal-codec.js';
import type { WalOperation } from './wal-operation.js';
import { WAL_RECORD_VERSION } from './wal-record.js';

let dir: string;
const opened: FlowFileRepository[] = [];

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'sluice-wal-versions-'));
});

afterEach(async () => {
  await Promise.allSettled(opened.splice(0).map((repository) => repository.close()));
  await rm(dir, { recursive: true, force: true });
});

async function reopen() {
  const repository = await FlowFileRepository.open(dir);
  opened.push(repository);
  return { repository, recovered: await repository.recover() };
}

function flowFile(id: string): FlowFile {
  return {
    id,
    attributes: { uuid: id, filename: `${id}.txt`, note: 'ünïcödé "quoted"\n' },
    claim: { file: '3.claim', offset: 1024, length: 42 },
    size: 42,
    entryDate: 1_700_000_000_000,
    lineageStartDate: 1_699_999_999_000,
    penalizedUntil: 0,
    queueOrder: 1_700_000_000_000_000,
  };
}

function put(id: string): WalOperation {
  return { op: 'put', queue: 'q', flowFile: flowFile(id) };
}

/** A log as Sluice wrote it before binary records: a version 1 header and JSON records. */
async function writeVersion1Log(records: WalOperation[][], tornBytes = 0): Promise<void> {
  const frames = [
    encodeJsonFrame({ format: 'sluice-wal', version: 1, generation: 0 }),
    ...records.map((operations) => encodeJsonFrame(encodeOperations(operations))),
  ];
  const bytes = Buffer.concat(frames);
  await writeFile(join(dir, 'wal-000000000000.log'), bytes.subarray(0, bytes.length - tornBytes));
}

/** Header version and first payload byte of each record of a log. */
async function describeLog(name: string): Promise<{ version: unknown; records: number[] }> {
  const bytes = await readFile(join(dir, name));
  const payloads: Buffer[] = [];
  for (let offset = 0; offset < bytes.length;) {
    const length = bytes.readUInt32LE(offset);
    payloads.push(
      bytes.subarray(offset + FRAME_HEADER_BYTES, offset + FRAME_HEADER_BYTES + length),
    );
    offset += FRAME_HEADER_BYTES + length;
  }
  const header = decodeJsonPayload(payloads[0]!) as { version: unknown };
  return { version: header.version, records: payloads.slice(1).map((p) => p[0]!) };
}

async function logs(): Promise<string[]> {
  return (await readdir(dir)).filter((name) => name.startsWith('wal-')).sort();
}

describe('FlowFileRepository with a log of an earlier format', () => {
  it('replays a version 1 log exactly, torn tail ignored', async () => {
    // given a version 1 log whose last record was torn by a crash
    await writeVersion1Log([[put('a'), put('b')], [{ op: 'delete', id: 'a' }], [put('c')]], 7);

    // when
    const { recovered } = await reopen();

    // then
    expect(recovered.queues.get('q')).toEqual([flowFile('b')]);
  });

  it('continues in a new generation of version 2, so no log mixes formats', async () => {
    // given
    await writeVersion1Log([[put('a'), put('b')]], 5);
    const { repository } = await reopen();

    // when
    await repository.commit([put('c')]);
    await repository.close({ checkpoint: false });

    // then the old log keeps its format (its torn tail cut), the new one holds binary records
    expect(await logs()).toEqual(['wal-000000000000.log', 'wal-000000000001.log']);
    expect(await describeLog('wal-000000000000.log')).toEqual({ version: 1, records: [] });
    expect(await describeLog('wal-000000000001.log')).toEqual({
      version: 2,
      records: [WAL_RECORD_VERSION],
    });

    // and both replay, in order
    const { recovered } = await reopen();
    expect(recovered.queues.get('q')?.map((f) => f.id)).toEqual(['c']);
  });

  it('replays both generations, and a checkpoint retires them', async () => {
    // given
    await writeVersion1Log([[put('a'), put('b')], [{ op: 'delete', id: 'b' }]]);
    const first = await reopen();
    await first.repository.commit([put('c')]);
    await first.repository.close({ checkpoint: false });

    // when reopened and checkpointed
    const second = await reopen();
    expect(second.recovered.queues.get('q')?.map((f) => f.id)).toEqual(['a', 'c']);
    await second.repository.checkpoint();
    await second.repository.close({ checkpoint: false });

    // then
    const { recovered } = await reopen();
    expect(recovered.queues.get('q')).toEqual([flowFile('a'), flowFile('c')]);
    expect(await logs()).toEqual(['wal-000000000002.log']);
  });
});

describe('snapshots and swap files of an earlier format', () => {
  it('restores from a version 1 snapshot (JSON bodies) and writes the next one in version 2', async () => {
    // given a snapshot as version 1 wrote it, for log generation 1
    await writeFramedFile(
      join(dir, 'snapshot.dat'),
      dir,
      { format: 'sluice-snapshot', version: 1, walGeneration: 1 },
      [encodeJsonFrame(encodeOperations([put('a'), put('b')]))],
    );

    // when
    const { repository, recovered } = await reopen();
    await repository.commit([put('c')]);
    await repository.close();

    // then
    expect(recovered.queues.get('q')).toEqual([flowFile('a'), flowFile('b')]);
    const snapshot = await readFile(join(dir, 'snapshot.dat'));
    const header = decodeJsonPayload(
      snapshot.subarray(FRAME_HEADER_BYTES, FRAME_HEADER_BYTES + snapshot.readUInt32LE(0)),
    );
    expect(header).toMatchObject({ format: 'sluice-snapshot', version: 2 });
    const { recovered: again } = await reopen();
    expect(again.queues.get('q')?.map((f) => f.id)).toEqual(['a', 'b', 'c']);
  });

  it('reads back a version 1 swap file (JSON bodies)', async () => {
    // given a swap file as version 1 wrote it
    const store = new SwapFileStore(join(dir, 'swap'));
    await store.open();
    const name = '0b8f7c1e-4a2d-4f7a-9c3e-000000000001.swap';
    const flowFiles = ['a', 'b', 'c'].map(flowFile);
    await writeFramedFile(
      join(dir, 'swap', name),
      join(dir, 'swap'),
      { format: 'sluice-swap', version: 1, queue: 'q', count: 3 },
      [encodeJsonFrame(flowFiles.map(encodeFlowFile))],
    );

    // when
    const read = await store.read({
      file: name,
      queue: 'q',
      count: 3,
      bytes: 126,
      claimReferences: {},
    });

    // then
    expect(read).toEqual(flowFiles);
  });

  it('writes swap files in version 2 and reads them back exactly', async () => {
    // given
    const store = new SwapFileStore(join(dir, 'swap'));
    await store.open();
    const flowFiles = Array.from({ length: 2500 }, (_, i) => flowFile(`f${i}`));

    // when
    const summary = await store.write('q', flowFiles);

    // then
    expect(await store.read(summary)).toEqual(flowFiles);
  });
});
