import { createServer, type Server, type Socket } from 'node:net';
import { freePort } from '@sluice/services';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebHdfsClient } from './webhdfs-client.js';
import { WebHdfsError } from './webhdfs-error.js';

async function rejection(promise: Promise<unknown>): Promise<WebHdfsError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof WebHdfsError) return error;
    throw error;
  }
  throw new Error('expected the call to fail');
}

// What a client sees when there is no WebHDFS to talk to: nothing listening, or a server that
// accepts connections and never answers (a hung NameNode).
describe('WebHdfsClient without a working server', () => {
  let silent: Server;
  let silentPort: number;
  const sockets: Socket[] = [];

  beforeAll(async () => {
    silent = createServer((socket) => sockets.push(socket));
    await new Promise<void>((listening) => silent.listen(0, '127.0.0.1', listening));
    silentPort = (silent.address() as { port: number }).port;
  });

  afterAll(async () => {
    for (const socket of sockets) socket.destroy();
    await new Promise((closed) => silent.close(closed));
  });

  it('says which address refused the connection, for reads and for writes', async () => {
    // Given a port nothing listens on
    const url = `http://127.0.0.1:${await freePort()}`;
    const hdfs = new WebHdfsClient({ url });

    // Then every call fails with unreachable, naming the address, the operation and the path
    const status = await rejection(hdfs.getFileStatus('/data/x.txt'));
    expect(status.code).toBe('unreachable');
    expect(status.message).toBe(
      `WebHDFS at ${url} refused the connection (GETFILESTATUS /data/x.txt)`,
    );
    const create = await rejection(hdfs.create('/data/y.txt', Buffer.from('y')));
    expect(create.code).toBe('unreachable');
    expect(create.message).toBe(`WebHDFS at ${url} refused the connection (CREATE /data/y.txt)`);
  });

  it('times out on a server that never answers', async () => {
    const url = `http://127.0.0.1:${silentPort}`;
    const hdfs = new WebHdfsClient({ url, timeoutMs: 300 });
    const error = await rejection(hdfs.listStatus('/'));
    expect(error.code).toBe('timeout');
    expect(error.message).toBe(`WebHDFS at ${url} did not answer LISTSTATUS / within 300 ms`);
  });

  it('stops when the caller aborts, with the client-wide or the call signal', async () => {
    const url = `http://127.0.0.1:${silentPort}`;
    const stopAll = new AbortController();
    const hdfs = new WebHdfsClient({ url, signal: stopAll.signal });
    const stopOne = new AbortController();

    const pendingCall = rejection(hdfs.mkdirs('/a', { signal: stopOne.signal }));
    stopOne.abort();
    const pendingClient = rejection(hdfs.getFileStatus('/b'));
    stopAll.abort();

    expect(await pendingCall).toMatchObject({ code: 'aborted', operation: 'MKDIRS', path: '/a' });
    expect(await pendingClient).toMatchObject({ code: 'aborted', operation: 'GETFILESTATUS' });
  });

  it('refuses options that cannot work', () => {
    expect(() => new WebHdfsClient({ url: 'ftp://127.0.0.1:21' })).toThrow(
      expect.objectContaining({ code: 'invalid' }),
    );
    expect(() => new WebHdfsClient({ url: 'http://h', timeoutMs: 0 })).toThrow(WebHdfsError);
  });
});
