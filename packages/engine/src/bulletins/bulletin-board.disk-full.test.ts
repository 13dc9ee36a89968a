import { mkdtemp, rm, symlink, unlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { BulletinBoard } from './bulletin-board.js';

let dir: string;

beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'sluice-bulletins-full-'));
});

afterEach(async () => {
  vi.restoreAllMocks();
  await rm(dir, { recursive: true, force: true });
});

const bulletin = (message: string) => ({
  level: 'ERROR' as const,
  componentId: 'p',
  componentName: 'P',
  componentType: 'T',
  message,
});

describe('BulletinBoard on a full disk', () => {
  it('logs a run of failed writes once and keeps the next line whole after a torn one', async () => {
    // given a board whose file is on a full disk
    const logged = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const file = path.join(dir, 'bulletins.jsonl');
    const board = await BulletinBoard.open(dir);
    await symlink('/dev/full', file);

    // when two bulletins cannot be written, and the last write left part of a line
    board.post(bulletin('first'));
    board.post(bulletin('second'));
    await board.flush();
    await unlink(file);
    await writeFile(file, '{"id":2,"time":17');
    board.post(bulletin('third'));
    await board.flush();

    // then the failures were logged once, and the bulletin written after them survives a reopen
    expect(logged).toHaveBeenCalledTimes(1);
    const reopened = await BulletinBoard.open(dir);
    expect(reopened.query().map((b) => b.message)).toEqual(['third']);
  });
});
