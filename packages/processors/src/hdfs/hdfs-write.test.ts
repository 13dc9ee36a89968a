import type { WebHdfsClient } from '@sluice/webhdfs';
import { beforeAll, describe, expect, it } from 'vitest';
import { checkingHdfsClient, namesIn, uniqueHdfsDir } from '../../test/support/hdfs-fixtures.js';
import {
  CHECK_BESIDE_UPLOAD_BYTES,
  DirectoryCache,
  writeToHdfs,
  type ConflictStrategy,
  type HdfsWrite,
} from './hdfs-write.js';

let hdfs: WebHdfsClient;

beforeAll(() => {
  hdfs = checkingHdfsClient();
});

/** A write of `content` to `directory/name`, noting whether its content was ever read. */
function writeOf(
  directory: string,
  content: Buffer,
  options: { conflict?: ConflictStrategy; knownDirectories?: DirectoryCache } = {},
): { write: HdfsWrite; uploaded: () => boolean } {
  let uploads = 0;
  return {
    write: {
      client: hdfs,
      directory,
      filename: 'x.bin',
      conflict: options.conflict ?? 'fail',
      strategy: 'writeAndRename',
      newFile: {},
      content: async function* () {
        uploads++;
        yield content;
      },
      size: content.length,
      knownDirectories: options.knownDirectories ?? new DirectoryCache(),
      signal: new AbortController().signal,
    },
    uploaded: () => uploads > 0,
  };
}

async function read(path: string): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of await hdfs.open(path)) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

describe('writeToHdfs', () => {
  it('writes into a directory it remembers even after someone removed it (CREATE makes it again)', async () => {
    const dir = uniqueHdfsDir('hdfs-write');
    const known = new DirectoryCache();
    known.add(dir);

    const outcome = await writeToHdfs(
      writeOf(dir, Buffer.from('one'), { knownDirectories: known }).write,
    );

    expect(outcome).toEqual({
      kind: 'written',
      method: 'renamed',
      via: `${dir}/.x.bin`,
      directoryCreated: false,
    });
    expect((await read(`${dir}/x.bin`)).toString()).toBe('one');
  });

  it('remembers a directory it made, and says it made it only the first time', async () => {
    const dir = uniqueHdfsDir('hdfs-write');
    const known = new DirectoryCache();
    const first = await writeToHdfs(
      writeOf(dir, Buffer.from('1'), { knownDirectories: known }).write,
    );
    expect(first).toMatchObject({ kind: 'written', directoryCreated: true });
    expect(known.has(dir)).toBe(true);
    const second = await writeToHdfs(
      writeOf(dir, Buffer.from('2'), { knownDirectories: known, conflict: 'replace' }).write,
    );
    expect(second).toMatchObject({ kind: 'written', directoryCreated: false });
    expect((await read(`${dir}/x.bin`)).toString()).toBe('2');
  });

  it('a small file in conflict: uploaded beside the check, then its dot file removed', async () => {
    const dir = uniqueHdfsDir('hdfs-write');
    await hdfs.create(`${dir}/x.bin`, Buffer.from('old'));
    const { write, uploaded } = writeOf(dir, Buffer.from('new'));

    expect(await writeToHdfs(write)).toEqual({ kind: 'exists', directoryCreated: false });
    expect(uploaded()).toBe(true);
    expect(await namesIn(hdfs, dir)).toEqual(['x.bin']);
    expect((await read(`${dir}/x.bin`)).toString()).toBe('old');
  });

  it('a large file in conflict: checked first, never uploaded', async () => {
    const dir = uniqueHdfsDir('hdfs-write');
    await hdfs.create(`${dir}/x.bin`, Buffer.from('old'));
    const { write, uploaded } = writeOf(dir, Buffer.alloc(CHECK_BESIDE_UPLOAD_BYTES + 1, 7));

    expect(await writeToHdfs(write)).toEqual({ kind: 'exists', directoryCreated: false });
    expect(uploaded()).toBe(false);
    expect(await namesIn(hdfs, dir)).toEqual(['x.bin']);
  });

  it('refuses a target that is a directory, leaving no dot file, whatever the size', async () => {
    for (const size of [3, CHECK_BESIDE_UPLOAD_BYTES + 1]) {
      const dir = uniqueHdfsDir('hdfs-write');
      await hdfs.mkdirs(`${dir}/x.bin`);
      const outcome = await writeToHdfs(
        writeOf(dir, Buffer.alloc(size), { conflict: 'replace' }).write,
      );
      expect(outcome).toEqual({
        kind: 'refused',
        reason: `${dir}/x.bin exists and is a directory`,
      });
      expect(await namesIn(hdfs, dir)).toEqual(['x.bin']);
    }
  });

  it('forgets every directory at once when it holds too many', () => {
    const known = new DirectoryCache(2);
    known.add('/a');
    known.add('/b');
    known.add('/c');
    expect([known.has('/a'), known.has('/b'), known.has('/c')]).toEqual([false, false, true]);
  });
});
