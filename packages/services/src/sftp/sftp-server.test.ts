import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import SftpClient from 'ssh2-sftp-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../process/free-port.js';
import { isAlive } from '../process/service-process.js';
import { testWorkDir } from '../test-work-dir.js';
import { startSftp, type SftpServer } from './sftp-server.js';

describe('startSftp', () => {
  let server: SftpServer;

  beforeAll(async () => {
    const started = Date.now();
    server = await startSftp({ workDir: await testWorkDir('sftp'), port: await freePort() });
    console.warn(`SFTP ready on 127.0.0.1:${server.port} in ${Date.now() - started} ms`);
  });

  afterAll(async () => {
    await server?.stop();
    // The log stays only when the start failed (the error quotes it); data never stays.
    if (server) await rm(server.workDir, { recursive: true, force: true });
  });

  it('puts, lists and gets a file with the password', async () => {
    // Given a session logged in with the password
    const client = new SftpClient();
    await client.connect({
      host: server.host,
      port: server.port,
      username: server.username,
      password: server.password,
    });
    try {
      // When a file with multi-line Korean text is put
      const body = '제목: 안녕\n"quoted"\tand \\ backslash\n';
      await client.put(Buffer.from(body, 'utf8'), `${server.remoteDir}/hello.txt`);

      // Then it is listed, reads back byte for byte, and sits in the local directory too
      const names = (await client.list(server.remoteDir)).map((entry) => entry.name);
      expect(names).toContain('hello.txt');
      const fetched = (await client.get(`${server.remoteDir}/hello.txt`)) as Buffer;
      expect(fetched.toString('utf8')).toBe(body);
      expect(await readFile(join(server.localDir, 'hello.txt'), 'utf8')).toBe(body);
    } finally {
      await client.end();
    }
  });

  it('accepts the private key and serves files placed on disk', async () => {
    await writeFile(join(server.localDir, 'local.txt'), 'from disk\n');
    const client = new SftpClient();
    await client.connect({
      host: server.host,
      port: server.port,
      username: server.username,
      privateKey: await server.privateKey(),
      // The host-key check a client such as ListSFTP makes against the published key.
      hostVerifier: (key: Buffer) => key.toString('base64') === server.hostPublicKey.split(' ')[1],
    });
    try {
      const fetched = (await client.get(`${server.remoteDir}/local.txt`)) as Buffer;
      expect(fetched.toString()).toBe('from disk\n');
    } finally {
      await client.end();
    }
  });

  it('refuses a wrong password', async () => {
    const client = new SftpClient();
    await expect(
      client.connect({
        host: server.host,
        port: server.port,
        username: server.username,
        password: 'wrong',
        retries: 0,
      }),
    ).rejects.toThrow(/authentication/i);
    await client.end().catch(() => undefined);
  });

  it('stops sshd cleanly on stop()', async () => {
    await server.stop();
    expect(isAlive(server.pid)).toBe(false);
  });
});
