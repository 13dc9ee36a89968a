import { mkdtemp, readdir, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { encodeJsonFrame } from '../repository/record-framing.js';
import type { NewProvenanceEvent, ProvenanceEventType } from './provenance-event.js';
import { provenanceFileName } from './provenance-file.js';
import { ProvenanceRepository, type ProvenanceRepositoryOptions } from './provenance-repository.js';

let dir: string;
let errors: Error[];
const opened: ProvenanceRepository[] = [];

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'sluice-provenance-'));
  errors = [];
});

afterEach(async () => {
  await Promise.all(opened.splice(0).map((repository) => repository.close()));
  await rm(dir, { recursive: true, force: true });
});

async function openRepository(
  options: ProvenanceRepositoryOptions = {},
): Promise<ProvenanceRepository> {
  const repository = await ProvenanceRepository.open(dir, {
    onError: (error) => errors.push(error),
    ...options,
  });
  opened.push(repository);
  return repository;
}

const T0 = 1_700_000_000_000;

function event(
  type: ProvenanceEventType,
  flowFileId: string,
  extra: Partial<NewProvenanceEvent> = {},
): NewProvenanceEvent {
  return {
    type,
    time: T0,
    flowFileId,
    componentId: 'proc-1',
    componentType: 'GenerateFlowFile',
    attributes: { uuid: flowFileId, filename: `${flowFileId}.txt` },
    size: 3,
    contentClaim: { file: '1.claim', offset: 0, length: 3 },
    lineageStartDate: T0,
    ...extra,
  };
}

describe('ProvenanceRepository', () => {
  it('finds events by flowfile, component, type and time range', async () => {
    // given
    const repository = await openRepository();
    repository.append([
      event('CREATE', 'a', { time: T0 }),
      event('CREATE', 'b', { time: T0 + 1 }),
      event('ROUTE', 'a', { time: T0 + 2, componentId: 'router', relationship: 'matched' }),
      event('SEND', 'a', { time: T0 + 3, componentId: 'kafka', transitUri: 'kafka://t3q' }),
      event('DROP', 'b', { time: T0 + 4, componentId: 'kafka' }),
    ]);
    await repository.flush();

    // when / then
    const ids = async (query: Parameters<ProvenanceRepository['query']>[0]) =>
      (await repository.query(query)).map((e) => `${e.eventId}:${e.type}:${e.flowFileId}`);
    expect(await ids({ flowFileId: 'a' })).toEqual(['1:CREATE:a', '3:ROUTE:a', '4:SEND:a']);
    expect(await ids({ componentId: 'kafka' })).toEqual(['4:SEND:a', '5:DROP:b']);
    expect(await ids({ types: ['CREATE', 'DROP'] })).toEqual([
      '1:CREATE:a',
      '2:CREATE:b',
      '5:DROP:b',
    ]);
    expect(await ids({ from: T0 + 1, to: T0 + 3 })).toEqual([
      '2:CREATE:b',
      '3:ROUTE:a',
      '4:SEND:a',
    ]);
    expect(await ids({ newestFirst: true, limit: 2 })).toEqual(['5:DROP:b', '4:SEND:a']);
    expect(await ids({ flowFileId: 'a', componentId: 'kafka' })).toEqual(['4:SEND:a']);
    expect(await ids({ from: T0 + 100 })).toEqual([]);
    const [send] = await repository.query({ types: ['SEND'] });
    expect(send).toEqual({
      ...event('SEND', 'a', { time: T0 + 3, componentId: 'kafka', transitUri: 'kafka://t3q' }),
      eventId: 4,
    });
  });

  it('keeps every field of an appended event, before and after it is written', async () => {
    // given an event with every optional field
    const repository = await openRepository();
    const full = event('JOIN', 'child', {
      previousAttributes: { uuid: 'child', filename: 'old.txt' },
      previousContentClaim: { file: '0.claim', offset: 4, length: 2 },
      parentIds: ['p1', 'p2'],
      childIds: ['child'],
      relationship: 'merged',
      details: 'joined two',
      transitUri: 'file:///in',
      durationMs: 7,
    });
    const bare = event('CREATE', 'plain', { contentClaim: null });

    // when
    repository.append([full, bare]);
    const unwritten = await repository.query();
    await repository.flush();
    const written = await repository.query();

    // then
    const expected = [
      { ...full, eventId: 1 },
      { ...bare, eventId: 2 },
    ];
    expect(unwritten).toStrictEqual(expected);
    expect(written).toStrictEqual(expected);
  });

  it('answers queries with events that are not written yet', async () => {
    // given
    const repository = await openRepository();
    repository.append([event('CREATE', 'a')]);
    await repository.flush();

    // when
    repository.append([event('DROP', 'a')]);
    const found = await repository.query({ flowFileId: 'a' });

    // then
    expect(found.map((e) => e.type)).toEqual(['CREATE', 'DROP']);
  });

  it('finds events by part of their filename, together with other criteria', async () => {
    // given
    const repository = await openRepository();
    repository.append([
      event('CREATE', 'a', { attributes: { filename: 'orders-2024.csv' } }),
      event('CREATE', 'b', { attributes: { filename: 'users.csv' } }),
      event('SEND', 'a', { attributes: { filename: 'orders-2024.csv' }, componentId: 'put' }),
      event('CREATE', 'c', { attributes: {} }),
    ]);
    await repository.flush();

    // when / then
    const ids = async (query: Parameters<ProvenanceRepository['query']>[0]) =>
      (await repository.query(query)).map((e) => `${e.eventId}:${e.flowFileId}`);
    expect(await ids({ filename: 'orders' })).toEqual(['1:a', '3:a']);
    expect(await ids({ filename: '.csv', componentId: 'put' })).toEqual(['3:a']);
    expect(await ids({ filename: 'Orders' })).toEqual([]);
  });

  it('finds one event by id, written or not, in any file, old JSON files too', async () => {
    // given a JSON file of an earlier Sluice, then binary files rolled every record
    const old = [event('CREATE', 'a'), event('ROUTE', 'a')].map((e, i) => ({
      ...e,
      eventId: i + 1,
    }));
    await writeFile(join(dir, '0000000000000001.prov'), encodeJsonFrame(old));
    const repository = await openRepository({ rollBytes: 1 });
    for (let i = 0; i < 5; i++) {
      repository.append([event('CREATE', `f${i}`), event('DROP', `f${i}`)]);
      await repository.flush();
    }
    repository.append([event('SEND', 'late')]);

    // when / then
    expect(await repository.event(2)).toEqual(old[1]);
    expect(await repository.event(7)).toEqual({ ...event('CREATE', 'f2'), eventId: 7 });
    expect(await repository.event(8)).toEqual({ ...event('DROP', 'f2'), eventId: 8 });
    expect((await repository.event(13))?.flowFileId).toBe('late');
    expect(await repository.event(14)).toBeUndefined();
    expect(await repository.event(0)).toBeUndefined();
  });

  it('reads across many rolled files, oldest or newest first, up to the limit', async () => {
    // given events spread over files of about 1 KiB
    const repository = await openRepository({ rollBytes: 1024 });
    for (let i = 0; i < 60; i++) {
      repository.append([event('CREATE', `f${i}`, { time: T0 + i })]);
      await repository.flush();
    }
    expect((await readdir(dir)).filter((n) => n.endsWith('.prov')).length).toBeGreaterThan(5);

    // when / then
    const ids = (events: { eventId: number }[]) => events.map((e) => e.eventId);
    expect(ids(await repository.query({ limit: 3 }))).toEqual([1, 2, 3]);
    expect(ids(await repository.query({ newestFirst: true, limit: 3 }))).toEqual([60, 59, 58]);
    expect(ids(await repository.query({ from: T0 + 30, to: T0 + 32 }))).toEqual([31, 32, 33]);
    expect(await repository.query({ limit: 1000 })).toHaveLength(60);
  });

  it('continues event ids after a close and after a crash', async () => {
    // given
    const first = await openRepository();
    first.append([event('CREATE', 'a'), event('DROP', 'a')]);
    await first.close();

    // when reopened after a clean close
    const second = await openRepository();
    second.append([event('CREATE', 'b')]);
    await second.flush();

    // then
    expect((await second.query({ flowFileId: 'b' }))[0]!.eventId).toBe(3);

    // when opened again while the last one never closed (its file has no index)
    const third = await openRepository();
    third.append([event('CREATE', 'c')]);
    await third.flush();

    // then
    expect((await third.query({})).map((e) => e.eventId)).toEqual([1, 2, 3, 4]);
  });

  it('opens files written in the JSON format of earlier versions, and continues their ids', async () => {
    // given a file of JSON records left by an earlier Sluice (never indexed: it was active)
    const old = [event('CREATE', 'a'), event('ROUTE', 'a', { relationship: 'matched' })].map(
      (e, i) => ({ ...e, eventId: i + 1 }),
    );
    await writeFile(join(dir, '0000000000000001.prov'), encodeJsonFrame(old));

    // when
    const repository = await openRepository();
    repository.append([event('DROP', 'a')]);
    await repository.flush();
    await repository.close();
    const reopened = await openRepository();
    const names = (await readdir(dir)).filter((name) => name.endsWith('.prov')).sort();

    // then old and new events are found together, by any criterion
    expect(await reopened.query({ flowFileId: 'a' })).toEqual([
      ...old,
      { ...event('DROP', 'a'), eventId: 3 },
    ]);
    expect((await reopened.query({ types: ['ROUTE'] })).map((e) => e.eventId)).toEqual([2]);
    expect(errors).toEqual([]);
    // the old file keeps its name and records; new records go to version 2 files
    expect(names.slice(0, 2)).toEqual(['0000000000000001.prov', '0000000000000003.v2.prov']);
    expect(names.slice(1).every((name) => name.endsWith('.v2.prov'))).toBe(true);
  });

  it('retention deletes whole oldest files beyond the size limit and the age limit', async () => {
    // given old events in the first files, then recent ones
    const repository = await openRepository({
      rollBytes: 512,
      maxBytes: 4096,
      maxAgeMs: 3_600_000,
    });
    const now = Date.now();
    for (let i = 0; i < 40; i++) {
      const time = i < 5 ? now - 2 * 24 * 3_600_000 : now;
      repository.append([event('CREATE', `f${i}`, { time })]);
      await repository.flush();
    }

    // when
    await repository.enforceRetention();

    // then the oldest are gone, the newest kept, and the files fit the limit
    const remaining = (await repository.query({ limit: 1000 })).map((e) => e.eventId);
    expect(remaining.at(-1)).toBe(40);
    expect(remaining[0]).toBeGreaterThan(5);
    expect(remaining).toEqual(
      Array.from({ length: remaining.length }, (_, i) => remaining[0]! + i),
    );
    const files = (await readdir(dir)).filter((n) => n.endsWith('.prov'));
    expect(files.length * 512).toBeLessThanOrEqual(4096 + 1024);
  });

  it('keeps events queued and reports the error when a write fails, then writes them', async () => {
    // given a repository whose next file is on a full disk
    const repository = await openRepository({ rollBytes: 1, retryDelayMs: 5 });
    repository.append([event('CREATE', 'a')]);
    await repository.flush();
    await symlink('/dev/full', join(dir, provenanceFileName(2)));

    // when
    repository.append([event('DROP', 'a')]);
    const failed = await repository.flush().catch((error: unknown) => error);

    // then the error is reported, not thrown at the appender, and the event is still there
    expect(failed).toMatchObject({ code: 'ENOSPC' });
    expect(errors.map((e) => (e as NodeJS.ErrnoException).code)).toEqual(['ENOSPC']);
    expect((await repository.query({ flowFileId: 'a' })).map((e) => e.type)).toEqual([
      'CREATE',
      'DROP',
    ]);

    // when the disk has room again
    await repository.flush();
    await repository.close();
    const reopened = await openRepository();

    // then
    expect((await reopened.query({ flowFileId: 'a' })).map((e) => e.eventId)).toEqual([1, 2]);
  });

  it('keeps a burst beyond the queue bound whole while writes succeed, and makes appenders wait for room', async () => {
    // given a bound of 3 unwritten events
    const repository = await openRepository({ maxQueuedEvents: 3 });
    expect(repository.room()).toBeUndefined();

    // when one session's commit appends 5 at once
    repository.append(['a', 'b', 'c', 'd', 'e'].map((id) => event('CREATE', id)));
    const room = repository.room();

    // then the next commit has to wait, nothing is dropped, and room comes once they are written
    expect(room).toBeInstanceOf(Promise);
    await room;
    await repository.flush();
    expect((await repository.query({})).map((e) => e.flowFileId)).toEqual([
      'a',
      'b',
      'c',
      'd',
      'e',
    ]);
    expect(errors).toEqual([]);
    expect(repository.room()).toBeUndefined();
  });

  it('drops the oldest unwritten events beyond the queue bound while writes fail, and says so', async () => {
    // given a bound of 3 and a next file on a full disk
    const repository = await openRepository({
      maxQueuedEvents: 3,
      rollBytes: 1,
      retryDelayMs: 60_000,
    });
    repository.append([event('CREATE', 'a')]);
    await repository.flush();
    await symlink('/dev/full', join(dir, provenanceFileName(2)));
    repository.append([event('CREATE', 'b')]);
    await repository.flush().catch(() => undefined);

    // when more arrive than the bound holds
    repository.append(['c', 'd', 'e'].map((id) => event('CREATE', id)));

    // then appenders are not held (room is undefined: dropping applies), the oldest are dropped
    expect(repository.room()).toBeUndefined();
    expect(errors.map((e) => e.message)).toContain(
      'provenance queue full: dropped 1 oldest unwritten events',
    );
    expect((await repository.query({})).map((e) => e.flowFileId)).toEqual(['a', 'c', 'd', 'e']);
  });
});
