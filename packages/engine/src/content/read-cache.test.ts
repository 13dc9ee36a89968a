import { appendFile, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ContentReadCache } from './read-cache.js';

let dir: string;
let cache: ContentReadCache | undefined;
afterEach(async () => {
  await cache?.close();
  await rm(dir, { recursive: true, force: true });
});

async function setup(bytes: Buffer): Promise<ContentReadCache> {
  dir = await mkdtemp(path.join(tmpdir(), 'sluice-read-cache-'));
  await writeFile(path.join(dir, '0.claim'), bytes);
  cache = new ContentReadCache((file) => path.join(dir, file), 2, 2);
  return cache;
}

const pattern = (n: number, seed = 0) =>
  Buffer.from(Array.from({ length: n }, (_, i) => (i * 31 + seed) % 251));

describe('ContentReadCache', () => {
  it('reads small contents exactly, including one spanning two blocks', async () => {
    const data = pattern(600 * 1024);
    const c = await setup(data);
    for (const [offset, length] of [
      [0, 10],
      [1000, 1024],
      [256 * 1024 - 100, 300],
      [512 * 1024 + 5, 60 * 1024],
    ] as const) {
      expect(
        (await c.read('0.claim', offset, length)).equals(data.subarray(offset, offset + length)),
      ).toBe(true);
    }
  });

  it('reads large contents directly', async () => {
    const data = pattern(300 * 1024, 7);
    const c = await setup(data);
    expect(
      (await c.read('0.claim', 10, 200 * 1024)).equals(data.subarray(10, 10 + 200 * 1024)),
    ).toBe(true);
  });

  it('sees content appended after a block was cached', async () => {
    const c = await setup(pattern(100));
    await c.read('0.claim', 0, 50);
    const more = pattern(100, 3);
    await appendFile(path.join(dir, '0.claim'), more);
    expect((await c.read('0.claim', 100, 100)).equals(more)).toBe(true);
  });

  it('fails rather than returning short content when the file is too short', async () => {
    const c = await setup(pattern(100));
    await expect(c.read('0.claim', 90, 20)).rejects.toThrow(/ends at 100/);
  });

  it('returns copies, so a processor changing a buffer cannot change what others read', async () => {
    const c = await setup(pattern(100));
    const first = await c.read('0.claim', 0, 10);
    first.fill(0);
    expect((await c.read('0.claim', 0, 10)).equals(pattern(10))).toBe(true);
  });

  it('serves a small content of the block last read without I/O, as a copy', async () => {
    // given a block read once
    const data = pattern(300 * 1024);
    const c = await setup(data);
    expect(c.readCached('0.claim', 0, 10)).toBeUndefined();
    await c.read('0.claim', 100, 10);

    // when
    const hit = c.readCached('0.claim', 5000, 1024);
    const otherBlock = c.readCached('0.claim', 260 * 1024, 10);
    const otherFile = c.readCached('1.claim', 5000, 10);

    // then
    expect(hit?.equals(data.subarray(5000, 6024))).toBe(true);
    hit!.fill(0);
    expect(c.readCached('0.claim', 5000, 1024)?.equals(data.subarray(5000, 6024))).toBe(true);
    expect([otherBlock, otherFile]).toEqual([undefined, undefined]);

    // and a forgotten (deleted) file is not served
    await c.forget('0.claim');
    expect(c.readCached('0.claim', 5000, 10)).toBeUndefined();
  });
});
