import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DirectorySizes, directoryUsage } from './directory-sizes.js';

const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(dirs.splice(0).map((d) => rm(d, { recursive: true, force: true })));
});

async function tempDir(): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'sluice-sizes-'));
  dirs.push(dir);
  return dir;
}

describe('directoryUsage', () => {
  it('sums the files at the top and one level down (swap files), counting them', async () => {
    // Given a repository-like directory: a WAL, a snapshot and a swap file in swap/
    const dir = await tempDir();
    await writeFile(path.join(dir, 'wal-1.log'), Buffer.alloc(1000));
    await writeFile(path.join(dir, 'snapshot.dat'), Buffer.alloc(234));
    await mkdir(path.join(dir, 'swap'));
    await writeFile(path.join(dir, 'swap', 'q.swap'), Buffer.alloc(66));

    // When it is measured
    const usage = await directoryUsage(dir);

    // Then every file counts
    expect(usage).toEqual({ files: 3, bytes: 1300 });
  });

  it('stops at the depth it is given and counts a missing directory as empty', async () => {
    // Given a file two levels down
    const dir = await tempDir();
    await mkdir(path.join(dir, 'a', 'b'), { recursive: true });
    await writeFile(path.join(dir, 'a', 'b', 'deep'), Buffer.alloc(10));
    await writeFile(path.join(dir, 'a', 'shallow'), Buffer.alloc(5));

    // When measured one level deep, and a directory that does not exist
    // Then only the shallow file counts, and the missing directory is empty
    expect(await directoryUsage(dir, 1)).toEqual({ files: 1, bytes: 5 });
    expect(await directoryUsage(path.join(dir, 'nope'))).toEqual({ files: 0, bytes: 0 });
  });
});

describe('DirectorySizes', () => {
  it('measures a directory at most once per ttl, sharing a measurement in progress', async () => {
    // Given a cache of 10 s over a counting measurement
    let now = 1_000;
    let calls = 0;
    const sizes = new DirectorySizes(
      10_000,
      () => now,
      async () => ({ files: 1, bytes: ++calls * 100 }),
    );

    // When asked twice at once, again 9.9 s later, then 10 s later
    const [first, second] = await Promise.all([sizes.usage('/d'), sizes.usage('/d')]);
    now += 9_900;
    const cached = await sizes.usage('/d');
    now += 100;
    const fresh = await sizes.usage('/d');

    // Then it measured twice in all
    expect([first.bytes, second.bytes, cached.bytes, fresh.bytes]).toEqual([100, 100, 100, 200]);
    expect(calls).toBe(2);
  });

  it('measures again after a failure, and forgets directories no longer retained', async () => {
    // Given a measurement that fails once
    const measure = vi
      .fn<(dir: string) => Promise<{ files: number; bytes: number }>>()
      .mockRejectedValueOnce(new Error('EIO'))
      .mockResolvedValue({ files: 2, bytes: 7 });
    const sizes = new DirectorySizes(10_000, () => 0, measure);

    // When it is asked, fails, and is asked again
    await expect(sizes.usage('/d')).rejects.toThrow('EIO');
    expect(await sizes.usage('/d')).toEqual({ files: 2, bytes: 7 });

    // Then a retained directory stays cached, a dropped one is measured again
    sizes.retainOnly(new Set(['/d']));
    await sizes.usage('/d');
    expect(measure).toHaveBeenCalledTimes(2);
    sizes.retainOnly(new Set());
    await sizes.usage('/d');
    expect(measure).toHaveBeenCalledTimes(3);
  });
});
