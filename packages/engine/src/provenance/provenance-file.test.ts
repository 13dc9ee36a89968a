import { appendFile, mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { encodeJsonFrame, FRAME_HEADER_BYTES } from '../repository/record-framing.js';
import type { ProvenanceEvent } from './provenance-event.js';
import {
  indexProvenanceFile,
  ProvenanceFile,
  readIndexFile,
  readProvenanceFile,
  writeIndexFile,
} from './provenance-file.js';
import { encodeProvenanceRecord } from './provenance-record.js';

let dir: string;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'sluice-provfile-'));
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

function events(firstId: number, count: number, time: number, padding = 0): ProvenanceEvent[] {
  return Array.from({ length: count }, (_, i) => ({
    eventId: firstId + i,
    type: 'CREATE',
    time: time + i,
    flowFileId: `f${firstId + i}`,
    componentId: 'p',
    componentType: 'GenerateFlowFile',
    attributes: { padding: 'x'.repeat(padding) },
    size: 0,
    contentClaim: null,
    lineageStartDate: time,
  }));
}

/** Writes batches as records, keeping the index as the repository does. */
async function writeBatches(path: string, batches: ProvenanceEvent[][]): Promise<ProvenanceFile> {
  const file = new ProvenanceFile('0000000000000001.prov', path, Date.now());
  await writeFile(path, '');
  for (const batch of batches) {
    const frame = encodeJsonFrame(batch);
    await appendFile(path, frame);
    file.add(batch, frame.length);
  }
  return file;
}

describe('provenance file index', () => {
  it('splits a file into segments of about 1 MiB and reads only those a time range needs', async () => {
    // given three records of ~600 KB at times 0.., 1000.., 2000..
    const path = join(dir, '0000000000000001.prov');
    const file = await writeBatches(path, [
      events(1, 100, 0, 6000),
      events(101, 100, 1000, 6000),
      events(201, 100, 2000, 6000),
    ]);

    // when
    const segments = file.stats.segments;
    const ranges = file.rangesFor(1500, undefined, file.stats.bytes);
    const found: number[] = [];
    for (const range of ranges) {
      await readProvenanceFile(
        path,
        range,
        (batch) => void found.push(...batch.map((e) => e.eventId)),
      );
    }

    // then the first two records share a segment, and the range from time 1500 skips it
    expect(segments.map((s) => s.count)).toEqual([200, 100]);
    expect(ranges).toEqual([{ start: segments[1]!.offset, end: file.stats.bytes }]);
    expect(found[0]).toBe(201);
    expect(file.rangesFor(undefined, undefined, file.stats.bytes)).toEqual([
      { start: 0, end: file.stats.bytes },
    ]);
    expect(file.rangesFor(undefined, undefined, file.stats.bytes, false)).toHaveLength(2);
  });

  it('rebuilds from the file the same index that was kept while writing, and stores it', async () => {
    // given
    const path = join(dir, '0000000000000001.prov');
    const file = await writeBatches(path, [events(1, 3, 100), events(4, 2, 50)]);

    // when
    const rebuilt = await indexProvenanceFile(path);
    await writeIndexFile(`${path}.idx`, rebuilt);
    const stored = await readIndexFile(`${path}.idx`, (await stat(path)).size);

    // then
    expect(rebuilt).toEqual(file.stats);
    expect(stored).toEqual(file.stats);
    expect(rebuilt).toMatchObject({
      count: 5,
      minEventId: 1,
      maxEventId: 5,
      minTime: 50,
      maxTime: 102,
    });
    expect(await readIndexFile(`${path}.idx`, 1)).toBeUndefined();
  });

  it('keeps the infinite bounds of an empty file through its index file', async () => {
    // given
    const empty = new ProvenanceFile('0000000000000009.prov', join(dir, 'x'), 0);

    // when
    await writeIndexFile(join(dir, 'x.idx'), empty.stats);

    // then
    expect(await readIndexFile(join(dir, 'x.idx'), 0)).toEqual(empty.stats);
  });
});

describe('provenance files of both record formats', () => {
  it('reads and indexes a file whose older records are JSON (version 1) and newer ones binary', async () => {
    // given a file begun by an earlier Sluice (JSON records) and continued in version 2
    const path = join(dir, '0000000000000001.prov');
    const old = events(1, 3, 100);
    const fresh = events(4, 2, 200);
    await writeFile(path, Buffer.concat([encodeJsonFrame(old), encodeProvenanceRecord(4, fresh)]));

    // when
    const read: ProvenanceEvent[] = [];
    await readProvenanceFile(path, { start: 0, end: (await stat(path)).size }, (batch) => {
      read.push(...batch);
    });
    const index = await indexProvenanceFile(path);

    // then
    expect(read).toEqual([...old, ...fresh]);
    expect(index).toMatchObject({ count: 5, minEventId: 1, maxEventId: 5, minTime: 100 });
  });

  it('stops at a damaged binary record, keeping what precedes it', async () => {
    // given three binary records, the second one damaged
    const path = join(dir, '0000000000000001.prov');
    const frames = [1, 4, 7].map((first) => encodeProvenanceRecord(first, events(first, 3, first)));
    frames[1]![FRAME_HEADER_BYTES + 5]! ^= 0xff;
    await writeFile(path, Buffer.concat(frames));

    // when
    const read: number[] = [];
    await readProvenanceFile(path, { start: 0, end: (await stat(path)).size }, (batch) => {
      read.push(...batch.map((e) => e.eventId));
    });

    // then
    expect(read).toEqual([1, 2, 3]);
    expect((await indexProvenanceFile(path)).count).toBe(3);
  });
});
