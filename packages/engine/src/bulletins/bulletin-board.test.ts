import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { LogLevel } from '../processor/process-context.js';
import { BulletinBoard } from './bulletin-board.js';

let dir: string;
const opened: BulletinBoard[] = [];

/** Opens a board and remembers it, so its background writes end before the directory goes. */
async function open(capacity?: number): Promise<BulletinBoard> {
  const board = await BulletinBoard.open(dir, capacity);
  opened.push(board);
  return board;
}

beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'sluice-bulletins-'));
});

afterEach(async () => {
  await Promise.all(opened.splice(0).map((board) => board.flush()));
  await rm(dir, { recursive: true, force: true });
});

function post(
  board: BulletinBoard,
  componentId: string,
  level: LogLevel,
  message: string,
  time = 0,
) {
  return board.post({
    level,
    componentId,
    componentName: `Name of ${componentId}`,
    componentType: 'LogAttribute',
    message,
    time,
  });
}

describe('BulletinBoard', () => {
  it('pages newest first with a beforeId cursor', async () => {
    const board = await open();
    for (let i = 1; i <= 5; i++) post(board, 'p', 'WARN', `message ${i}`);
    const first = board.query({ limit: 2 });
    expect(first.map((b) => b.message)).toEqual(['message 5', 'message 4']);
    const second = board.query({ limit: 2, beforeId: first.at(-1)!.id });
    expect(second.map((b) => b.message)).toEqual(['message 3', 'message 2']);
    expect(board.query({ beforeId: 1 })).toEqual([]);
  });

  it('filters by component, level, text and time', async () => {
    const board = await open();
    post(board, 'a', 'WARN', 'disk almost full', 100);
    post(board, 'b', 'ERROR', 'cannot write /out', 200);
    post(board, 'a', 'ERROR', 'Cannot WRITE /tmp', 300);
    expect(board.query({ componentId: 'a' }).map((b) => b.time)).toEqual([300, 100]);
    expect(board.query({ minLevel: 'ERROR' }).map((b) => b.time)).toEqual([300, 200]);
    expect(board.query({ text: 'cannot write' }).map((b) => b.time)).toEqual([300, 200]);
    expect(board.query({ text: 'name of b' }).map((b) => b.time)).toEqual([200]);
    expect(board.query({ since: 200 }).map((b) => b.time)).toEqual([300, 200]);
  });

  it('summarizes recent bulletins per component with the worst level and latest messages', async () => {
    const board = await open();
    post(board, 'a', 'WARN', 'old', 10);
    post(board, 'a', 'WARN', 'w1', 100);
    post(board, 'a', 'ERROR', 'e1', 110);
    post(board, 'a', 'WARN', 'w2', 120);
    post(board, 'a', 'WARN', 'w3', 130);
    post(board, 'b', 'WARN', 'x'.repeat(500), 140);
    const summary = board.summary(100);
    expect(summary.find((s) => s.componentId === 'a')).toEqual({
      componentId: 'a',
      count: 4,
      level: 'ERROR',
      latest: ['w3', 'w2', 'e1'],
    });
    const b = summary.find((s) => s.componentId === 'b')!;
    expect(b.count).toBe(1);
    expect(b.latest[0]!.length).toBeLessThanOrEqual(200);
    expect(board.summary(1000)).toEqual([]);
  });

  it('keeps bulletins and their ids across a reopen', async () => {
    const board = await open();
    post(board, 'a', 'WARN', 'one');
    post(board, 'a', 'ERROR', 'two');
    await board.flush();
    const reopened = await open();
    expect(reopened.query().map((b) => b.message)).toEqual(['two', 'one']);
    expect(reopened.lastId).toBe(2);
    expect(post(reopened, 'a', 'WARN', 'three').id).toBe(3);
  });

  it('compacts its file to the kept bulletins once it holds twice as many lines', async () => {
    const board = await open(3);
    for (let i = 1; i <= 7; i++) post(board, 'a', 'WARN', `m${i}`);
    await board.flush();
    const lines = (await readFile(path.join(dir, 'bulletins.jsonl'), 'utf8')).trim().split('\n');
    expect(lines.length).toBeLessThanOrEqual(6);
    const reopened = await open(3);
    expect(reopened.query().map((b) => b.message)).toEqual(['m7', 'm6', 'm5']);
    expect(reopened.lastId).toBe(7);
  });
});
