/**
 * Throughput of the storage layer: WAL record encoding, commits per fsync policy, recovery and
 * checkpoint, content writes and provenance appends. Not a test (no timed assertions anywhere);
 * run it by hand and copy the figures to docs/benchmarks.md:
 *
 *   cd packages/engine && node --conditions=@sluice/source --import tsx \
 *     src/repository/benchmarks/storage-throughput.ts
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ContentRepository } from '../../content/content-repository.js';
import type { FlowFile } from '../../flowfile/flowfile.js';
import { ProvenanceRepository } from '../../provenance/provenance-repository.js';
import { FlowFileRepository } from '../flowfile-repository.js';
import type { FsyncPolicy } from '../fsync-policy.js';
import { decodeJsonPayload, encodeJsonFrame, FRAME_HEADER_BYTES } from '../record-framing.js';
import { decodeOperations, encodeOperations } from '../wal-codec.js';
import type { WalOperation } from '../wal-operation.js';
import { decodeWalRecord, encodeWalRecord } from '../wal-record.js';

const say = (line: string): void => void process.stdout.write(`${line}\n`);

/** A flowfile shaped like the seed pipelines': uuid ids, six attributes, a 1 KiB claim. */
function flowFile(i: number): FlowFile {
  const id = `0b8f7c1e-4a2d-4f7a-9c3e-${String(i).padStart(12, '0')}`;
  return {
    id,
    attributes: {
      uuid: id,
      filename: `file-${i}.txt`,
      path: './in/',
      'mime.type': 'text/plain',
      'kafka.topic': 't3q',
      'kafka.partition': '2',
    },
    claim: { file: `${i >> 10}.claim`, offset: (i & 1023) * 1024, length: 1024 },
    size: 1024,
    entryDate: 1_700_000_000_000 + i,
    lineageStartDate: 1_700_000_000_000,
    penalizedUntil: 0,
  };
}

async function time<T>(run: () => Promise<T> | T): Promise<[T, number]> {
  const start = performance.now();
  const result = await run();
  return [result, performance.now() - start];
}

async function inTempDir(name: string, run: (dir: string) => Promise<void>): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), `sluice-bench-${name}-`));
  try {
    await run(dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

async function codec(): Promise<void> {
  const queue = 'c7d1e2f0-1111-2222-3333-444455556666';
  const operations: WalOperation[] = Array.from({ length: 1000 }, (_, i) => ({
    op: 'put',
    queue,
    flowFile: flowFile(i),
  }));
  const formats: [string, () => Buffer, (payload: Buffer) => unknown][] = [
    ['binary (version 2)', () => encodeWalRecord(operations), decodeWalRecord],
    [
      'JSON (version 1)',
      () => encodeJsonFrame(encodeOperations(operations)),
      (payload) => decodeOperations(decodeJsonPayload(payload)),
    ],
  ];
  for (const [name, encode, decode] of formats) {
    for (let i = 0; i < 200; i++) encode();
    const rounds = 1000;
    let frame: Buffer = Buffer.alloc(0);
    const [, encodeMs] = await time(() => {
      for (let i = 0; i < rounds; i++) frame = encode();
    });
    const payload = frame.subarray(FRAME_HEADER_BYTES);
    const [, decodeMs] = await time(() => {
      for (let i = 0; i < rounds / 4; i++) decode(payload);
    });
    say(
      `WAL record of 1000 puts, ${name}: ${frame.length} bytes; encode ` +
        `${((encodeMs / rounds) * 0.1).toFixed(3)} ms per 100 ops; decode ` +
        `${((decodeMs / (rounds / 4)) * 0.1).toFixed(3)} ms per 100 ops`,
    );
  }
}

async function commits(fsync: FsyncPolicy, total: number): Promise<void> {
  await inTempDir('wal', async (dir) => {
    const repository = await FlowFileRepository.open(dir, { fsync, checkpointEveryRecords: 1e9 });
    await repository.recover();
    let next = 0;
    const worker = async (): Promise<void> => {
      for (let i = next++; i < total; i = next++) {
        await repository.commit([
          { op: 'put', queue: 'q', flowFile: flowFile(i) },
          { op: 'delete', id: flowFile(i - 1).id },
        ]);
      }
    };
    const [, ms] = await time(() => Promise.all(Array.from({ length: 64 }, worker)));
    say(`commit, fsync ${fsync}, 64 in flight: ${Math.round((total / ms) * 1000)} commits/s`);
    await repository.close({ checkpoint: false });
  });
}

async function recovery(): Promise<void> {
  await inTempDir('recovery', async (dir) => {
    const writer = await FlowFileRepository.open(dir, { checkpointEveryRecords: 1e9 });
    await writer.recover();
    for (let batch = 0; batch < 100; batch++) {
      await writer.commit(
        Array.from({ length: 1000 }, (_, i) => ({
          op: 'put' as const,
          queue: 'q',
          flowFile: flowFile(batch * 1000 + i),
        })),
      );
    }
    await writer.close({ checkpoint: false });
    const reader = await FlowFileRepository.open(dir);
    const [, replayMs] = await time(() => reader.recover());
    const [, checkpointMs] = await time(() => reader.close());
    const again = await FlowFileRepository.open(dir);
    const [, snapshotMs] = await time(() => again.recover());
    await again.close({ checkpoint: false });
    say(
      `100k flowfiles: replay from WAL ${Math.round(replayMs)} ms, checkpoint ${Math.round(checkpointMs)} ms, ` +
        `recover from snapshot ${Math.round(snapshotMs)} ms`,
    );
  });
}

async function content(fsync: FsyncPolicy): Promise<void> {
  await inTempDir('content', async (dir) => {
    const repository = await ContentRepository.open(dir, { fsync });
    await repository.initializeReferences(new Map());
    const chunks: Uint8Array[] = Array.from({ length: 100 }, () => Buffer.alloc(1024, 7));
    const calls = 2000;
    let next = 0;
    const worker = async (): Promise<void> => {
      while (next++ < calls) {
        const claims = await repository.writeAll(chunks);
        await repository.sync();
        repository.decrementReferences(claims[0]!.file, claims.length);
      }
    };
    const [, ms] = await time(() => Promise.all(Array.from({ length: 8 }, worker)));
    say(
      `content writeAll of 100 x 1 KiB + sync, fsync ${fsync}, 8 in flight: ` +
        `${Math.round(((calls * chunks.length) / ms) * 1000)} contents/s`,
    );
    await repository.close();
  });
}

async function provenance(): Promise<void> {
  await inTempDir('provenance', async (dir) => {
    const repository = await ProvenanceRepository.open(dir);
    const f = flowFile(1);
    const event = {
      type: 'CREATE' as const,
      time: Date.now(),
      flowFileId: f.id,
      componentId: 'generate',
      componentType: 'GenerateFlowFile',
      attributes: f.attributes,
      size: f.size,
      contentClaim: f.claim,
      lineageStartDate: f.lineageStartDate,
    };
    const [, ms] = await time(async () => {
      for (let batch = 0; batch < 200; batch++) {
        repository.append(Array.from({ length: 1000 }, () => event));
        if (batch % 10 === 9) await repository.flush();
      }
      await repository.flush();
    });
    const [, newestMs] = await time(() => repository.query({ newestFirst: true }));
    const [, byIdMs] = await time(() => repository.query({ flowFileId: 'absent' }));
    say(
      `provenance: ${Math.round((200_000 / ms) * 1000)} events/s written; over 200k events, ` +
        `newest 1000 in ${Math.round(newestMs)} ms, a full scan by flowfile id in ${Math.round(byIdMs)} ms`,
    );
    await repository.close();
  });
}

await codec();
await commits('batch', 50_000);
await commits('never', 50_000);
await commits('always', 2_000);
await recovery();
await content('batch');
await content('never');
await provenance();
