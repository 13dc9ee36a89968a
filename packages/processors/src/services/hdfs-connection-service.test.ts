import { createServer, type AddressInfo, type Socket } from 'node:net';
import { TestRunner } from '@sluice/engine';
import { freePort } from '@sluice/services';
import { WebHdfsError } from '@sluice/webhdfs';
import { afterEach, describe, expect, it } from 'vitest';
import {
  checkingHdfsClient,
  hdfsService,
  sharedHdfsUrl,
  uniqueHdfsDir,
} from '../../test/support/hdfs-fixtures.js';
import { PutHDFS } from '../put-hdfs.js';
import type { HdfsConnectionService } from './hdfs-connection-service.js';

const runners: TestRunner[] = [];
const closers: (() => Promise<void>)[] = [];

afterEach(async () => {
  await Promise.all(runners.splice(0).map((r) => r.close()));
  await Promise.all(closers.splice(0).map((close) => close()));
});

/** Enables the service (through a runner, as the engine does) and returns it with its runner. */
async function enabled(
  url: string,
  properties: Record<string, string> = {},
): Promise<{ runner: TestRunner; service: HdfsConnectionService }> {
  const runner = await TestRunner.create(PutHDFS, {
    properties: { hdfsConnectionService: 'hdfs', directory: '/unused' },
    services: { hdfs: hdfsService(url, properties) },
  });
  runners.push(runner);
  const service = runner.engine.controllerServices.get('hdfs')!.instance() as HdfsConnectionService;
  return { runner, service };
}

/** Why enabling the service fails. */
async function enableProblem(url: string): Promise<string> {
  try {
    await enabled(url);
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error('the service was enabled');
}

/** A TCP server on 127.0.0.1 that accepts connections, counts them and never answers. */
async function silentServer(): Promise<{ url: string; connections: () => number }> {
  const sockets: Socket[] = [];
  const server = createServer((socket) => {
    sockets.push(socket);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  closers.push(async () => {
    sockets.forEach((s) => s.destroy());
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    connections: () => sockets.length,
  };
}

async function failure(promise: Promise<unknown>): Promise<WebHdfsError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof WebHdfsError) return error;
    throw error;
  }
  throw new Error('the call succeeded');
}

describe('StandardHdfsConnectionService', () => {
  it('acts as the configured User on the cluster and names files by their webhdfs:// URL', async () => {
    const dir = uniqueHdfsDir('hdfs-connection-service');
    const { service } = await enabled(sharedHdfsUrl(), { user: 'analyst' });

    await service.client.create(`${dir}/owned.txt`, Buffer.from('mine'));

    const status = await checkingHdfsClient().getFileStatus(`${dir}/owned.txt`);
    expect(status?.owner).toBe('analyst');
    expect(service.url).toBe(sharedHdfsUrl());
    expect(service.user).toBe('analyst');
    const { host } = new URL(sharedHdfsUrl());
    expect(service.fileUrl(`${dir}/파일 1.txt`)).toBe(`webhdfs://${host}${dir}/파일 1.txt`);
  });

  it('reads Hadoop’s webhdfs:// spelling of the URL as http://', async () => {
    const { host } = new URL(sharedHdfsUrl());
    const { service } = await enabled(`webhdfs://${host}/`);

    expect(service.url).toBe(`http://${host}`);
    expect((await service.client.getFileStatus('/'))?.type).toBe('DIRECTORY');
  });

  it('is enabled without contacting the server; the first request connects', async () => {
    const server = await silentServer();
    const { service } = await enabled(server.url, {
      connectionTimeout: '100 millis',
      readTimeout: '100 millis',
    });

    expect(server.connections()).toBe(0);
    const error = await failure(service.client.getFileStatus('/'));

    expect(server.connections()).toBe(1);
    expect(error.code).toBe('timeout');
  });

  it('fails a request the server leaves unanswered once Connection Timeout plus Read Timeout have passed', async () => {
    const server = await silentServer();
    const { service } = await enabled(server.url, {
      connectionTimeout: '100 millis',
      readTimeout: '150 millis',
    });

    const error = await failure(service.client.getFileStatus('/x'));

    expect(error.message).toBe(
      `WebHDFS at ${server.url} did not answer GETFILESTATUS /x within 250 ms`,
    );
  });

  it('says the server refused the connection, naming the URL', async () => {
    const url = `http://127.0.0.1:${await freePort()}`;
    const { service } = await enabled(url);

    const error = await failure(service.client.mkdirs('/a'));

    expect(error.code).toBe('unreachable');
    expect(error.message).toBe(`WebHDFS at ${url} refused the connection (MKDIRS /a)`);
  });

  it('aborts requests in flight when it is disabled', async () => {
    const server = await silentServer();
    const { runner, service } = await enabled(server.url);
    const pending = failure(service.client.listStatus('/'));

    expect(await runner.engine.disableService('hdfs')).toEqual({ ok: true });

    expect((await pending).code).toBe('aborted');
  });

  it('cannot be enabled with an RPC address, another scheme, credentials in the URL or no URL', async () => {
    expect(await enableProblem('hdfs://namenode:8020')).toBe(
      "Could not enable service 'hdfs': WebHDFS URL: 'WebHDFS URL' is the NameNode's RPC address (hdfs://namenode:8020); WebHDFS is served on its HTTP address, e.g. http://namenode:9870",
    );
    expect(await enableProblem('ftp://namenode')).toBe(
      "Could not enable service 'hdfs': WebHDFS URL: 'WebHDFS URL' is not an http(s) URL of a NameNode (ftp://namenode), e.g. http://namenode:9870",
    );
    expect(await enableProblem('http://hdfs:secret@namenode:9870')).toBe(
      "Could not enable service 'hdfs': WebHDFS URL: 'WebHDFS URL' must not hold a user or password; set the User property",
    );
    expect(await enableProblem('namenode:9870')).toMatch(
      /^Could not enable service 'hdfs': WebHDFS URL: /,
    );
  });
});
