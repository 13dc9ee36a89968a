import { request } from 'node:http';
import { rm } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../process/free-port.js';
import { isAlive } from '../process/service-process.js';
import { testWorkDir } from '../test-work-dir.js';
import { startHdfs, type HdfsServer } from './hdfs-server.js';

/**
 * PUTs `body` to a DataNode with node:http. Not fetch: the DataNode answers every CREATE with an
 * unsolicited `100 Continue`, which undici (Node's fetch) treats as a broken response.
 */
function putToDataNode(url: string, body: Buffer): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      { method: 'PUT', headers: { 'content-type': 'application/octet-stream' } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }),
        );
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

describe('startHdfs', () => {
  let server: HdfsServer;

  beforeAll(async () => {
    server = await startHdfs({
      workDir: await testWorkDir('hdfs'),
      namenodeRpcPort: await freePort(),
      namenodeHttpPort: await freePort(),
      datanodePort: await freePort(),
      datanodeHttpPort: await freePort(),
      datanodeIpcPort: await freePort(),
    });
    // Timings in the test output, so a slow download or start shows up in CI logs.
    console.warn(
      `HDFS ${server.version} ready on ${server.webHdfsUrl}: download ${server.timings.downloadMs} ms, start ${server.timings.startMs} ms`,
    );
  });

  afterAll(async () => {
    await server?.stop();
    if (server) await rm(server.workDir, { recursive: true, force: true });
  });

  it('writes a file through WebHDFS in two steps, reads it back and lists it', async () => {
    // Given bytes of every value and a path with a space and Korean text
    const content = Buffer.from([...Array(256).keys(), ...Buffer.from('한국어 본문\n')]);
    const path = '/sluice/들어온 파일.bin';
    const url = (op: string) =>
      `${server.webHdfsUrl}/webhdfs/v1${encodeURI(path)}?op=${op}&user.name=sluice`;

    // When the NameNode is asked where to write, it names the DataNode on 127.0.0.1
    const where = await fetch(`${url('CREATE')}&noredirect=true&overwrite=false`, {
      method: 'PUT',
    });
    expect(where.status).toBe(200);
    const { Location } = (await where.json()) as { Location: string };
    expect(new URL(Location).host).toBe(`127.0.0.1:${server.ports.datanodeHttpPort}`);

    // And the bytes go there
    expect((await putToDataNode(new URL(Location).href, content)).status).toBe(201);

    // Then OPEN (redirected to the DataNode) returns the same bytes
    const opened = await fetch(url('OPEN'));
    expect(opened.status).toBe(200);
    expect(new URL(opened.url).port).toBe(String(server.ports.datanodeHttpPort));
    expect(Buffer.from(await opened.arrayBuffer()).equals(content)).toBe(true);

    // And the directory lists it with its length
    const listed = await fetch(
      `${server.webHdfsUrl}/webhdfs/v1/sluice?op=LISTSTATUS&user.name=sluice`,
    );
    const { FileStatuses } = (await listed.json()) as {
      FileStatuses: { FileStatus: { pathSuffix: string; length: number; type: string }[] };
    };
    expect(FileStatuses.FileStatus).toEqual([
      expect.objectContaining({
        pathSuffix: '들어온 파일.bin',
        length: content.length,
        type: 'FILE',
      }),
    ]);
  });

  it('stops the NameNode and the DataNode cleanly on stop()', async () => {
    await server.stop();
    expect(isAlive(server.pids.namenode)).toBe(false);
    expect(isAlive(server.pids.datanode)).toBe(false);
  });
});
