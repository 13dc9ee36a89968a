import { createHash, randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { freePort, startHdfs, type HdfsServer } from '@sluice/services';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebHdfsClient } from './webhdfs-client.js';
import { WebHdfsError } from './webhdfs-error.js';

/** `count` chunks of `size` random bytes, and the SHA-256 of all of them. */
function randomChunks(count: number, size: number): { chunks: Buffer[]; sha256: string } {
  const chunks = Array.from({ length: count }, () => randomBytes(size));
  const hash = createHash('sha256');
  for (const chunk of chunks) hash.update(chunk);
  return { chunks, sha256: hash.digest('hex') };
}

async function rejection(promise: Promise<unknown>): Promise<WebHdfsError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof WebHdfsError) return error;
    throw error;
  }
  throw new Error('expected the call to fail');
}

// Against a real NameNode and DataNode (one cluster for this file, on free ports).
describe('WebHdfsClient', () => {
  let server: HdfsServer;
  let workDir: string;
  let hdfs: WebHdfsClient;

  beforeAll(async () => {
    workDir = await mkdtemp(join(tmpdir(), 'sluice-webhdfs-'));
    server = await startHdfs({
      workDir,
      namenodeRpcPort: await freePort(),
      namenodeHttpPort: await freePort(),
      datanodePort: await freePort(),
      datanodeHttpPort: await freePort(),
      datanodeIpcPort: await freePort(),
    });
    hdfs = new WebHdfsClient({ url: server.webHdfsUrl, user: 'sluice' });
  });

  afterAll(async () => {
    await server?.stop();
    await rm(workDir, { recursive: true, force: true });
  });

  it('creates a binary file from a buffer and reads the same bytes back, Korean name and all', async () => {
    // Given every byte value, and a name with spaces, Korean text and URL delimiters
    const content = Buffer.concat([Buffer.from([...Array(256).keys()]), randomBytes(300_000)]);
    const path = '/buffer/바이너리 파일 #1+%?.bin';

    // When it is created and read back
    await hdfs.create(path, content);

    // Then the bytes are identical and the status has the name and length
    expect((await hdfs.read(path)).equals(content)).toBe(true);
    expect(await hdfs.getFileStatus(path)).toMatchObject({
      type: 'FILE',
      length: content.length,
      owner: 'sluice',
      replication: 1,
    });
    expect((await hdfs.listStatus('/buffer')).map((s) => s.pathSuffix)).toEqual([
      '바이너리 파일 #1+%?.bin',
    ]);
  });

  it('streams a file from an async generator and from a Readable', async () => {
    // Given 4 MB in 64 KiB chunks (more than one DataNode packet)
    const { chunks, sha256: expected } = randomChunks(64, 64 * 1024);
    async function* generate() {
      for (const chunk of chunks) yield chunk;
    }

    // When each source is written
    await hdfs.create('/stream/generator.bin', generate());
    await hdfs.create('/stream/readable.bin', Readable.from(chunks));

    // Then both files hold exactly those bytes, read as a stream
    for (const path of ['/stream/generator.bin', '/stream/readable.bin']) {
      const hash = createHash('sha256');
      for await (const chunk of await hdfs.open(path)) hash.update(chunk as Buffer);
      expect(hash.digest('hex')).toBe(expected);
      expect((await hdfs.getFileStatus(path))?.length).toBe(4 * 1024 * 1024);
    }
  });

  it("fails with the caller's own error when the source stream fails", async () => {
    const broken = new Error('the source broke');
    async function* failing() {
      yield Buffer.from('some bytes');
      throw broken;
    }
    await expect(hdfs.create('/stream/broken.bin', failing())).rejects.toBe(broken);
  });

  it('reads a range with offset and length', async () => {
    await hdfs.create('/range.txt', Buffer.from('0123456789'));
    expect((await hdfs.read('/range.txt', { offset: 3, length: 4 })).toString()).toBe('3456');
  });

  it('refuses to replace an existing file without overwrite, and keeps its content', async () => {
    // Given an existing file
    const path = '/conflict/된장.txt';
    await hdfs.create(path, Buffer.from('first'));

    // When it is created again, from a buffer and from a stream
    const fromBuffer = await rejection(hdfs.create(path, Buffer.from('second')));
    const fromStream = await rejection(
      hdfs.create(path, Readable.from([randomBytes(1024 * 1024), randomBytes(1024 * 1024)])),
    );

    // Then both fail with the exception, the operation, the path and the DataNode's address
    for (const error of [fromBuffer, fromStream]) {
      expect(error.code).toBe('exists');
      expect(error.details.exception).toBe('FileAlreadyExistsException');
      expect(error.message).toMatch(
        new RegExp(
          `^WebHDFS CREATE ${path} at http://127\\.0\\.0\\.1:${server.ports.datanodeHttpPort} ` +
            'failed: FileAlreadyExistsException: .*already exists$',
        ),
      );
    }
    expect((await hdfs.read(path)).toString()).toBe('first');
  });

  it('creates a file with the block size and replication asked for', async () => {
    // given / when
    await hdfs.create('/sized/file.bin', randomBytes(1000), {
      blockSize: 2 * 1024 * 1024,
      replication: 2,
    });

    // then HDFS keeps both (one DataNode: the file is under-replicated, as HDFS allows)
    const status = await hdfs.getFileStatus('/sized/file.bin');
    expect(status).toMatchObject({ blockSize: 2 * 1024 * 1024, replication: 2, length: 1000 });
  });

  it('changes the owner and the group of a file as HDFS’s superuser, and only as that', async () => {
    // given a file, and a client as the OS user that started the NameNode (HDFS's superuser)
    await hdfs.create('/owned/file.txt', Buffer.from('mine'));
    const superuser = new WebHdfsClient({ url: server.webHdfsUrl, user: userInfo().username });

    // when
    await superuser.setOwner('/owned/file.txt', { owner: 'etl', group: 'analytics' });
    await superuser.setOwner('/owned/file.txt', { group: 'audit' });

    // then
    expect(await hdfs.getFileStatus('/owned/file.txt')).toMatchObject({
      owner: 'etl',
      group: 'audit',
    });
    // Another user may not, even with permission checks off.
    const refused = await rejection(hdfs.setOwner('/owned/file.txt', { owner: 'sluice' }));
    expect(refused.code).toBe('permission');
    expect(refused.message).toMatch(/SETOWNER \/owned\/file\.txt .*AccessControlException/);
    const missing = await rejection(superuser.setOwner('/owned/missing.txt', { owner: 'etl' }));
    expect(missing.code).toBe('not-found');
    expect(missing.message).toContain('/owned/missing.txt');
    const nothing = await rejection(hdfs.setOwner('/owned/file.txt', {}));
    expect(nothing.code).toBe('invalid');
  });

  it('replaces an existing file with overwrite', async () => {
    await hdfs.create('/overwrite.txt', Buffer.from('old content, longer'));
    await hdfs.create('/overwrite.txt', Buffer.from('new'), { overwrite: true });
    expect((await hdfs.read('/overwrite.txt')).toString()).toBe('new');
  });

  it('appends from a buffer and from a stream', async () => {
    await hdfs.create('/append.log', Buffer.from('line 1\n'));
    await hdfs.append('/append.log', Buffer.from('line 2\n'));
    await hdfs.append('/append.log', Readable.from([Buffer.from('line 3\n')]));
    expect((await hdfs.read('/append.log')).toString()).toBe('line 1\nline 2\nline 3\n');
  });

  it('creates an empty file', async () => {
    await hdfs.create('/empty', new Uint8Array(0));
    expect(await hdfs.getFileStatus('/empty')).toMatchObject({ type: 'FILE', length: 0 });
    expect((await hdfs.read('/empty')).length).toBe(0);
  });

  it('renames a file, and answers false when it cannot', async () => {
    // Given a file
    await hdfs.create('/rename/from 원본.txt', Buffer.from('moved'));
    await hdfs.mkdirs('/rename/to');

    // When it is renamed to a Korean name with a space
    expect(await hdfs.rename('/rename/from 원본.txt', '/rename/to/새 이름.txt')).toBe(true);

    // Then it is only at the new path, with its content
    expect(await hdfs.getFileStatus('/rename/from 원본.txt')).toBeUndefined();
    expect((await hdfs.read('/rename/to/새 이름.txt')).toString()).toBe('moved');
    // And renaming what is not there, or into a missing directory, is false
    expect(await hdfs.rename('/rename/missing', '/rename/other')).toBe(false);
    expect(await hdfs.rename('/rename/to/새 이름.txt', '/no/such/dir/x')).toBe(false);
  });

  it('makes directories with their parents and lists a directory', async () => {
    expect(await hdfs.mkdirs('/list/a/b', { permission: '750' })).toBe(true);
    await hdfs.create('/list/file.txt', Buffer.from('x'));
    const entries = await hdfs.listStatus('/list');
    expect(entries.map((e) => [e.pathSuffix, e.type])).toEqual([
      ['a', 'DIRECTORY'],
      ['file.txt', 'FILE'],
    ]);
    expect((await hdfs.getFileStatus('/list/a/b'))?.permission).toBe('750');
  });

  it('deletes files, and directories only recursively when they are not empty', async () => {
    // Given a directory with a file
    await hdfs.create('/delete/dir/file', Buffer.from('x'));

    // Then a non-recursive delete of the directory fails with not-empty
    const error = await rejection(hdfs.delete('/delete/dir'));
    expect(error.code).toBe('not-empty');
    expect(error.message).toContain('PathIsNotEmptyDirectoryException');

    // And the file, then the directory recursively, go; a second delete finds nothing
    expect(await hdfs.delete('/delete/dir/file')).toBe(true);
    await hdfs.create('/delete/dir/other', Buffer.from('y'));
    expect(await hdfs.delete('/delete/dir', { recursive: true })).toBe(true);
    expect(await hdfs.getFileStatus('/delete/dir')).toBeUndefined();
    expect(await hdfs.delete('/delete/dir')).toBe(false);
  });

  it('has no status for a missing path, and fails to open it naming the path and the NameNode', async () => {
    expect(await hdfs.getFileStatus('/missing/없는 파일')).toBeUndefined();
    const error = await rejection(hdfs.open('/missing/없는 파일'));
    expect(error.code).toBe('not-found');
    expect(error.message).toBe(
      `WebHDFS OPEN /missing/없는 파일 at ${server.webHdfsUrl} failed: ` +
        'FileNotFoundException: File /missing/없는 파일 not found.',
    );
    expect((await rejection(hdfs.listStatus('/missing'))).code).toBe('not-found');
  });

  it('does not take a wrong URL for a missing file', async () => {
    const wrong = new WebHdfsClient({ url: `${server.webHdfsUrl}/not-webhdfs` });
    const error = await rejection(wrong.getFileStatus('/anything'));
    expect(error.details.status).toBe(404);
    expect(error.details.exception).toBeUndefined();
  });
});
