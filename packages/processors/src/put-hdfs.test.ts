import { createHash, randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import { userInfo } from 'node:os';
import type { AddressInfo } from 'node:net';
import { TestRunner } from '@sluice/engine';
import { freePort } from '@sluice/services';
import type { WebHdfsClient } from '@sluice/webhdfs';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  checkingHdfsClient,
  HDFS_TEST_USER,
  hdfsService,
  namesIn,
  namesOnceWritten,
  sharedHdfsUrl,
  startWebHdfsGate,
  uniqueHdfsDir,
  type WebHdfsGate,
} from '../test/support/hdfs-fixtures.js';
import { PUT_HDFS_FAILURE_ATTRIBUTE, PutHDFS } from './put-hdfs.js';

const runners: TestRunner[] = [];
const gates: WebHdfsGate[] = [];
const servers: Server[] = [];
let hdfs: WebHdfsClient;

beforeAll(() => {
  hdfs = checkingHdfsClient();
});
afterEach(async () => {
  await Promise.all(runners.splice(0).map((r) => r.close()));
  await Promise.all(gates.splice(0).map((g) => g.close()));
  for (const server of servers.splice(0)) server.close();
});

/** A PutHDFS runner against the shared cluster (or `url`), with its connection service. */
async function putHdfs(
  properties: Record<string, string>,
  url: string = sharedHdfsUrl(),
): Promise<TestRunner> {
  const runner = await TestRunner.create(PutHDFS, {
    properties: { hdfsConnectionService: 'hdfs', ...properties },
    services: { hdfs: hdfsService(url) },
  });
  runners.push(runner);
  return runner;
}

/** What a {@link fakeNameNode} handler answers with. */
interface FakeAnswer {
  readonly path: string;
  json(status: number, body: unknown): void;
}

/** A WebHDFS NameNode stand-in: `answer` gets each request's `op` and answers it. */
async function fakeNameNode(
  answer: (op: string, response: FakeAnswer) => void,
): Promise<{ url: string }> {
  const server = createServer((request, response) => {
    const url = new URL(request.url!, 'http://127.0.0.1');
    request.resume();
    answer(url.searchParams.get('op') ?? '', {
      path: decodeURIComponent(url.pathname.replace(/^\/webhdfs\/v1/, '')),
      json: (status, body) =>
        response
          .writeHead(status, { 'content-type': 'application/json' })
          .end(JSON.stringify(body)),
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  servers.push(server);
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

/** The whole content of an HDFS file, streamed from the DataNode. */
async function contentOf(path: string): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of await hdfs.open(path)) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** Writes a file directly, as something other than PutHDFS would. */
async function existingFile(path: string, content: string): Promise<void> {
  await hdfs.create(path, Buffer.from(content));
}

describe('PutHDFS', () => {
  it('writes a binary file byte for byte, creating the directory, with NiFi’s attributes and a SEND', async () => {
    // Given every byte value and some random bytes, and a directory that does not exist yet
    const dir = uniqueHdfsDir();
    const content = Buffer.concat([Buffer.from([...Array(256).keys()]), randomBytes(100_000)]);
    const run = await putHdfs({ directory: dir });
    await run.enqueue(content, { filename: 'data.bin' });

    // When PutHDFS runs
    await run.run();

    // Then the file holds exactly those bytes and the flowfile says where it went
    expect(await contentOf(`${dir}/data.bin`)).toEqual(content);
    const [done] = await run.flowFiles('success');
    const port = new URL(sharedHdfsUrl()).port;
    expect(done?.attributes).toMatchObject({
      filename: 'data.bin',
      'absolute.hdfs.path': dir,
      'hadoop.file.url': `webhdfs://127.0.0.1:${port}${dir}/data.bin`,
      'target.dir.created': 'true',
    });
    const sends = (await run.provenanceEvents()).filter((e) => e.type === 'SEND');
    expect(sends).toMatchObject([
      {
        transitUri: `webhdfs://127.0.0.1:${port}${dir}/data.bin`,
        details: `Wrote ${dir}/.data.bin, then renamed it to ${dir}/data.bin`,
      },
    ]);
    expect(await namesIn(hdfs, dir)).toEqual(['data.bin']);
    expect((await hdfs.getFileStatus(`${dir}/data.bin`))?.owner).toBe(HDFS_TEST_USER);
  });

  it('writes a Korean file name and multi-line Korean text with quotes, tabs and backslashes unchanged', async () => {
    const dir = uniqueHdfsDir();
    await hdfs.mkdirs(dir);
    const name = '보고서 "최종" #1 (사본).txt';
    const text = [
      '첫 줄: "따옴표" 와 \'작은따옴표\'',
      '\t탭으로 시작하는 둘째 줄\t그리고 탭',
      '경로 C:\\temp\\새 폴더\\ 와 역슬래시 \\n 글자 그대로',
      '마지막 줄 🙂\r\n',
    ].join('\n');
    const run = await putHdfs({ directory: dir });
    await run.enqueue(text, { filename: name });

    await run.run();

    expect((await contentOf(`${dir}/${name}`)).toString('utf8')).toBe(text);
    const [done] = await run.flowFiles('success');
    expect(done?.attributes['filename']).toBe(name);
    expect(done?.attributes['target.dir.created']).toBe('false');
    expect(await namesIn(hdfs, dir)).toEqual([name]);
  });

  it('takes the Directory from each flowfile’s attributes', async () => {
    const base = uniqueHdfsDir();
    const run = await putHdfs({ directory: '${base}/${region}/' });
    await run.enqueue('seoul', { base, region: '서울', filename: 'a.txt' });
    await run.enqueue('busan', { base, region: 'busan', filename: 'a.txt' });

    await run.run(2);

    expect((await contentOf(`${base}/서울/a.txt`)).toString()).toBe('seoul');
    expect((await contentOf(`${base}/busan/a.txt`)).toString()).toBe('busan');
    expect((await run.flowFiles('success')).map((f) => f.attributes['absolute.hdfs.path'])).toEqual(
      [`${base}/서울`, `${base}/busan`],
    );
  });

  describe('Conflict Resolution Strategy', () => {
    it('fail: routes to failure, penalized, with the reason, and leaves the file alone', async () => {
      const dir = uniqueHdfsDir();
      await existingFile(`${dir}/x.txt`, 'old');
      const run = await putHdfs({ directory: dir });
      await run.enqueue('new', { filename: 'x.txt' });

      await run.run();

      const reason = `${dir}/x.txt already exists in HDFS at ${sharedHdfsUrl()} and the Conflict Resolution Strategy is fail`;
      const [failed] = await run.flowFiles('failure');
      expect(failed?.attributes[PUT_HDFS_FAILURE_ATTRIBUTE]).toBe(reason);
      expect(failed?.flowFile.penalizedUntil).toBeGreaterThan(Date.now());
      expect(run.bulletins().map((b) => b.message)).toContainEqual(expect.stringContaining(reason));
      expect((await contentOf(`${dir}/x.txt`)).toString()).toBe('old');
      expect(await namesIn(hdfs, dir)).toEqual(['x.txt']);
    });

    it('ignore: routes to success without writing, as NiFi', async () => {
      const dir = uniqueHdfsDir();
      await existingFile(`${dir}/x.txt`, 'old');
      const run = await putHdfs({ directory: dir, conflictResolutionStrategy: 'ignore' });
      await run.enqueue('new', { filename: 'x.txt' });

      await run.run();

      const [passed] = await run.flowFiles('success');
      expect(passed?.attributes['hadoop.file.url']).toBeUndefined();
      expect((await run.provenanceEvents()).filter((e) => e.type === 'SEND')).toEqual([]);
      expect((await contentOf(`${dir}/x.txt`)).toString()).toBe('old');
    });

    it('replace: overwrites the existing file and leaves no dot file', async () => {
      const dir = uniqueHdfsDir();
      await existingFile(`${dir}/x.txt`, 'an older and longer content');
      const run = await putHdfs({ directory: dir, conflictResolutionStrategy: 'replace' });
      await run.enqueue('new', { filename: 'x.txt' });

      await run.run();

      expect(await run.flowFiles('success')).toHaveLength(1);
      expect((await contentOf(`${dir}/x.txt`)).toString()).toBe('new');
      expect(await namesIn(hdfs, dir)).toEqual(['x.txt']);
    });

    it('replace with Simple write: overwrites the file in place', async () => {
      const dir = uniqueHdfsDir();
      await existingFile(`${dir}/x.txt`, 'an older and longer content');
      const run = await putHdfs({
        directory: dir,
        conflictResolutionStrategy: 'replace',
        writingStrategy: 'simpleWrite',
      });
      await run.enqueue('new', { filename: 'x.txt' });

      await run.run();

      expect(await run.flowFiles('success')).toHaveLength(1);
      expect((await contentOf(`${dir}/x.txt`)).toString()).toBe('new');
    });

    it('append: appends to an existing file, and creates a missing one', async () => {
      const dir = uniqueHdfsDir();
      await existingFile(`${dir}/log.txt`, '첫 줄\n');
      const run = await putHdfs({ directory: dir, conflictResolutionStrategy: 'append' });
      await run.enqueue('둘째 줄\n', { filename: 'log.txt' });
      await run.enqueue('new file\n', { filename: 'new.txt' });

      await run.run(2);

      expect((await contentOf(`${dir}/log.txt`)).toString()).toBe('첫 줄\n둘째 줄\n');
      expect((await contentOf(`${dir}/new.txt`)).toString()).toBe('new file\n');
      const details = (await run.provenanceEvents())
        .filter((e) => e.type === 'SEND')
        .map((e) => e.details);
      expect(details).toEqual([
        `Appended to ${dir}/log.txt`,
        `Wrote ${dir}/.new.txt, then renamed it to ${dir}/new.txt`,
      ]);
    });
  });

  describe('Writing Strategy', () => {
    it('Write and rename: while the bytes flow only the dot file exists; the final name appears whole', async () => {
      // Given an upload held part-way by a gate between PutHDFS and the cluster
      const dir = uniqueHdfsDir();
      const gate = await startWebHdfsGate(sharedHdfsUrl(), 1024 * 1024);
      gates.push(gate);
      const content = randomBytes(4 * 1024 * 1024);
      const run = await putHdfs({ directory: dir }, gate.url);
      await run.enqueue(content, { filename: 'big.bin' });

      // When PutHDFS runs and the upload is half-way
      const running = run.run();
      await gate.held();
      const midway = await namesOnceWritten(hdfs, dir);
      gate.release();
      await running;

      // Then only the dot file was there mid-write, and afterwards only the whole final file
      expect(midway).toEqual(['.big.bin']);
      expect(await namesIn(hdfs, dir)).toEqual(['big.bin']);
      expect((await contentOf(`${dir}/big.bin`)).equals(content)).toBe(true);
    });

    it('Simple write: writes straight to the final name, with no dot file', async () => {
      const dir = uniqueHdfsDir();
      const gate = await startWebHdfsGate(sharedHdfsUrl(), 1024 * 1024);
      gates.push(gate);
      const content = randomBytes(4 * 1024 * 1024);
      const run = await putHdfs({ directory: dir, writingStrategy: 'simpleWrite' }, gate.url);
      await run.enqueue(content, { filename: 'big.bin' });

      const running = run.run();
      await gate.held();
      const midway = await namesOnceWritten(hdfs, dir);
      gate.release();
      await running;

      expect(midway).toEqual(['big.bin']);
      expect((await contentOf(`${dir}/big.bin`)).equals(content)).toBe(true);
      const [send] = (await run.provenanceEvents()).filter((e) => e.type === 'SEND');
      expect(send?.details).toBe(`Wrote ${dir}/big.bin`);
    });
  });

  describe('when HDFS fails', () => {
    it('keeps the flowfile in the input queue when nothing listens at the WebHDFS URL, and names the URL', async () => {
      // Given a connection service pointing at a closed port
      const url = `http://127.0.0.1:${await freePort()}`;
      const run = await putHdfs({ directory: uniqueHdfsDir() }, url);
      await run.enqueue('keep me', { filename: 'kept.txt' });

      // When PutHDFS runs
      await run.run();

      // Then the flowfile is back in the input queue, penalized, and a bulletin says where
      expect(run.inputQueueSize()).toBe(1);
      const [queued] = run.engine.listQueue('input');
      expect(queued?.penalizedUntil).toBeGreaterThan(Date.now());
      expect(await run.flowFiles('success')).toEqual([]);
      expect(await run.flowFiles('failure')).toEqual([]);
      const bulletins = run.bulletins().map((b) => b.message);
      expect(bulletins).toContainEqual(
        expect.stringContaining(`WebHDFS at ${url} refused the connection`),
      );
      expect(bulletins).toContainEqual(
        expect.stringContaining('the flowfile stays in the input queue'),
      );
    });

    it('keeps the flowfile in the input queue while the NameNode finds no DataNode (403 IOException)', async () => {
      // Given a NameNode that knows the directory but answers CREATE as Hadoop does while its
      // DataNode is not back yet: an IOException, which WebHDFS sends as 403 Forbidden
      const nameNode = await fakeNameNode((op, response) => {
        if (op === 'GETFILESTATUS' && response.path === '/data') {
          return response.json(200, {
            FileStatus: {
              type: 'DIRECTORY',
              pathSuffix: '',
              length: 0,
              owner: 'sluice',
              group: 'supergroup',
              permission: '755',
              accessTime: 0,
              modificationTime: 0,
              blockSize: 0,
              replication: 0,
            },
          });
        }
        if (op === 'GETFILESTATUS') {
          return response.json(404, {
            RemoteException: {
              exception: 'FileNotFoundException',
              javaClassName: 'java.io.FileNotFoundException',
              message: `File does not exist: ${response.path}`,
            },
          });
        }
        return response.json(403, {
          RemoteException: {
            exception: 'IOException',
            javaClassName: 'java.io.IOException',
            message:
              'Failed to find datanode, suggest to check cluster health. excludeDatanodes=null',
          },
        });
      });
      const run = await putHdfs({ directory: '/data' }, nameNode.url);
      await run.enqueue('keep me', { filename: 'kept.txt' });

      // When PutHDFS runs
      await run.run();

      // Then nothing went to failure: the flowfile waits in the input queue, and the bulletin says why
      expect(await run.flowFiles('failure')).toEqual([]);
      expect(await run.flowFiles('success')).toEqual([]);
      expect(run.inputQueueSize()).toBe(1);
      expect(run.bulletins().map((b) => b.message)).toContainEqual(
        expect.stringContaining('Failed to find datanode, suggest to check cluster health'),
      );
    });

    it('rolls back and removes the dot file when the upload breaks off', async () => {
      const dir = uniqueHdfsDir();
      const gate = await startWebHdfsGate(sharedHdfsUrl(), 1024 * 1024);
      gates.push(gate);
      const run = await putHdfs({ directory: dir }, gate.url);
      await run.enqueue(randomBytes(4 * 1024 * 1024), { filename: 'broken.bin' });

      const running = run.run();
      await gate.held();
      const midway = await namesOnceWritten(hdfs, dir);
      gate.cut();
      await running;

      expect(midway).toEqual(['.broken.bin']);
      expect(run.inputQueueSize()).toBe(1);
      expect(await namesIn(hdfs, dir)).toEqual([]);
      expect(run.bulletins().map((b) => b.message)).toContainEqual(
        expect.stringMatching(
          /^Could not write .* to .*\/broken\.bin in HDFS at .*: WebHDFS CREATE .*\/\.broken\.bin .*the session was rolled back/,
        ),
      );
    });

    it('routes to failure what HDFS refuses for the flowfile’s own sake: an invalid name, a file where the directory should be', async () => {
      const dir = uniqueHdfsDir();
      await existingFile(`${dir}/plain-file`, 'not a directory');
      const run = await putHdfs({ directory: '${dir}' });
      await run.enqueue('a', { dir, filename: 'a:b.txt' });
      await run.enqueue('b', { dir: `${dir}/plain-file`, filename: 'b.txt' });
      await run.enqueue('c', { dir: 'relative/dir', filename: 'c.txt' });
      await run.enqueue('d', { dir, filename: '..' });

      await run.run(4);

      const reasons = (await run.flowFiles('failure')).map(
        (f) => f.attributes[PUT_HDFS_FAILURE_ATTRIBUTE],
      );
      expect(reasons).toEqual([
        expect.stringMatching(/InvalidPathException: Invalid path name .*a:b\.txt/),
        `Could not write ${dir}/plain-file/b.txt in HDFS at ${sharedHdfsUrl()}: ${dir}/plain-file already exists and is not a directory`,
        "The Directory 'relative/dir' is not absolute: WebHDFS paths start with '/'",
        "Cannot write the filename '..': it is not a file name",
      ]);
      expect(await namesIn(hdfs, dir)).toEqual(['plain-file']);
    });
  });

  it('gives new files the permission of the Permissions umask', async () => {
    const dir = uniqueHdfsDir();
    const run = await putHdfs({ directory: dir, umask: '077' });
    await run.enqueue('secret', { filename: 'private.txt' });

    await run.run();

    expect((await hdfs.getFileStatus(`${dir}/private.txt`))?.permission).toBe('600');
  });

  it('streams a 64 MB flowfile to HDFS with the same SHA-256', async () => {
    const dir = uniqueHdfsDir();
    const content = randomBytes(64 * 1024 * 1024);
    const expected = createHash('sha256').update(content).digest('hex');
    const run = await putHdfs({ directory: dir });
    await run.enqueue(content, { filename: 'large.bin' });

    await run.run();

    expect(await run.flowFiles('success')).toHaveLength(1);
    const hash = createHash('sha256');
    for await (const chunk of await hdfs.open(`${dir}/large.bin`)) hash.update(chunk as Buffer);
    expect(hash.digest('hex')).toBe(expected);
    expect((await hdfs.getFileStatus(`${dir}/large.bin`))?.length).toBe(content.length);
  });

  it('creates files with the Block Size and Replication set, overriding HDFS’s defaults', async () => {
    // given
    const dir = uniqueHdfsDir();
    const run = await putHdfs({ directory: dir, blockSize: '2 MB', replication: '2' });
    await run.enqueue('sized', { filename: 'sized.txt' });

    // when
    await run.run();

    // then (one DataNode: HDFS keeps the factor asked for and counts the file under-replicated)
    expect(await run.flowFiles('success')).toHaveLength(1);
    expect(await hdfs.getFileStatus(`${dir}/sized.txt`)).toMatchObject({
      blockSize: 2 * 1024 * 1024,
      replication: 2,
    });
  });

  it('gives the written file the Remote Owner and Remote Group, evaluated per flowfile', async () => {
    // given a connection as HDFS's superuser (the OS user that started the NameNode)
    const dir = uniqueHdfsDir();
    const run = await TestRunner.create(PutHDFS, {
      properties: {
        hdfsConnectionService: 'hdfs',
        directory: dir,
        remoteOwner: '${team}-etl',
        remoteGroup: 'analytics',
      },
      services: { hdfs: hdfsService(sharedHdfsUrl(), { user: userInfo().username }) },
    });
    runners.push(run);
    await run.enqueue('owned', { filename: 'owned.txt', team: 'billing' });

    // when
    await run.run();

    // then
    expect(await run.flowFiles('success')).toHaveLength(1);
    expect(await hdfs.getFileStatus(`${dir}/owned.txt`)).toMatchObject({
      owner: 'billing-etl',
      group: 'analytics',
    });
  });

  it('keeps a written file and routes it to success, with a warning, when HDFS refuses the owner change', async () => {
    // given a connection user that is not HDFS's superuser
    const dir = uniqueHdfsDir();
    const run = await putHdfs({ directory: dir, remoteOwner: 'etl', remoteGroup: 'analytics' });
    await run.enqueue('kept', { filename: 'kept.txt' });

    // when
    await run.run();

    // then the data is there, owned by the connection's user, and the warning says why
    expect(await run.flowFiles('success')).toHaveLength(1);
    expect((await contentOf(`${dir}/kept.txt`)).toString()).toBe('kept');
    expect(await hdfs.getFileStatus(`${dir}/kept.txt`)).toMatchObject({ owner: HDFS_TEST_USER });
    expect(run.bulletins().map((b) => `${b.level} ${b.message}`)).toContainEqual(
      expect.stringMatching(
        /^WARN Could not change the owner or group of .*\/kept\.txt in HDFS at .* to etl:analytics: .*AccessControlException: User sluice-test is not a super user.*; the file keeps its owner and group$/,
      ),
    );
  });

  it('warns and keeps the file as written when the Remote Owner does not evaluate', async () => {
    // given
    const dir = uniqueHdfsDir();
    const run = await putHdfs({ directory: dir, remoteOwner: '${team:toNumber()}' });
    await run.enqueue('kept', { filename: 'kept.txt', team: 'billing' });

    // when
    await run.run();

    // then
    expect(await run.flowFiles('success')).toHaveLength(1);
    expect(run.bulletins().map((b) => `${b.level} ${b.message}`)).toContainEqual(
      expect.stringMatching(
        /^WARN Could not evaluate the Remote Owner or Remote Group for .*\/kept\.txt: .*cannot convert 'billing' to a number.*keeps its owner and group$/,
      ),
    );
  });

  it('is invalid with a Block Size or Replication that HDFS would refuse', async () => {
    const small = await putHdfs({ directory: '/x', blockSize: '64 KB', replication: '513' });
    const odd = await putHdfs({ directory: '/x', blockSize: '1048577 B' });

    expect(small.validationErrors()).toEqual([
      "blockSize: 'Block Size' is 65536 bytes, less than HDFS's minimum of 1 MB",
      "replication: 'Replication': 513 is greater than the maximum 512",
    ]);
    expect(odd.validationErrors()).toEqual([
      "blockSize: 'Block Size' is 1048577 bytes, not a multiple of HDFS's checksum chunk of 512 bytes",
    ]);
  });

  it('is invalid with a compression codec other than NONE or a umask that is not octal', async () => {
    const run = await putHdfs({ directory: '/x', compressionCodec: 'GZIP', umask: '099' });

    expect(run.validationErrors()).toEqual([
      "umask: 'Permissions umask' is not an octal umask from 000 to 777 ('099')",
      "compressionCodec: 'Compression codec': 'GZIP' is not one of: NONE",
    ]);
  });
});

afterAll(async () => {
  await hdfs?.delete('/sluice-test/put-hdfs', { recursive: true }).catch(() => false);
});
