import { appendFile, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { StatusHistory } from './status-history.js';
import { StatusHistoryFile, type StatusHistoryFileOptions } from './status-history-file.js';

let dir: string;
const opened: StatusHistoryFile[] = [];

beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'sluice-history-'));
});

afterEach(async () => {
  await Promise.all(opened.splice(0).map((file) => file.flush()));
  await rm(dir, { recursive: true, force: true });
});

async function open(history: StatusHistory, options: StatusHistoryFileOptions = {}) {
  const file = await StatusHistoryFile.open(dir, history, options);
  opened.push(file);
  return file;
}

/** Records a point of each component in the history and appends it, as the engine does. */
function record(
  history: StatusHistory,
  file: StatusHistoryFile,
  time: number,
  points: Record<string, Record<string, number>>,
) {
  for (const [id, values] of Object.entries(points)) history.record(id, { time, values });
  file.append(time, new Map(Object.entries(points)));
}

const fileLines = async () =>
  (await readFile(path.join(dir, 'status-history.jsonl'), 'utf8')).split('\n').filter(Boolean);

describe('StatusHistoryFile', () => {
  it('brings the history back after a reopen, zero values left out of the file', async () => {
    const now = () => 10_000;
    const history = new StatusHistory();
    const file = await open(history, { now });
    record(history, file, 1000, { p: { inCount: 3, outCount: 0 }, c: { queuedCount: 7 } });
    record(history, file, 2000, { p: { inCount: 5, outCount: 1 }, c: { queuedCount: 0 } });
    await file.flush();
    expect(await fileLines()).toHaveLength(2);
    expect((await fileLines())[0]).not.toContain('outCount');

    const reopened = new StatusHistory();
    await open(reopened, { now });
    expect(reopened.get('p')).toEqual([
      { time: 1000, values: { inCount: 3 } },
      { time: 2000, values: { inCount: 5, outCount: 1 } },
    ]);
    expect(reopened.get('c').map((p) => p.time)).toEqual([1000, 2000]);
  });

  it('drops points past the retention and a torn last line, and rewrites the file without them', async () => {
    const history = new StatusHistory();
    const file = await open(history, { now: () => 1000 });
    record(history, file, 100, { p: { inCount: 1 } });
    record(history, file, 900, { p: { inCount: 2 } });
    await file.flush();
    await appendFile(path.join(dir, 'status-history.jsonl'), '{"t":95');

    const reopened = new StatusHistory();
    const again = await open(reopened, { now: () => 1500, retentionMs: 1000 });
    expect(reopened.get('p').map((p) => p.time)).toEqual([900]);
    await again.flush();
    expect(await fileLines()).toHaveLength(1);
  });

  it('compacts the file to what is kept once it reaches its line limit', async () => {
    const history = new StatusHistory(3);
    const file = await open(history, { maxLines: 4, now: () => 0 });
    for (let time = 1; time <= 9; time++) record(history, file, time, { p: { inCount: time } });
    await file.flush();
    expect((await fileLines()).length).toBeLessThanOrEqual(4);
    const reopened = new StatusHistory(3);
    await open(reopened, { now: () => 0 });
    expect(reopened.get('p').map((p) => p.time)).toEqual([7, 8, 9]);
  });
});
