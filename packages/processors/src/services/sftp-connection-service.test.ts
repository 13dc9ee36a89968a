import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFile, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { TestRunner, type AnyProcessorDefinition } from '@sluice/engine';
import { freePort, type SftpConnectionInfo } from '@sluice/services';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  eventually,
  remoteDir,
  sftpService,
  sharedSftp,
  startPrivateSftp,
  type PrivateSftp,
} from '../../test/support/sftp-fixtures.js';
import { FetchSFTP } from '../fetch-sftp.js';
import { ListSFTP } from '../list-sftp.js';
import type { SftpConnectionService } from './sftp-connection-service.js';
import { SftpConnectionError } from './sftp-errors.js';

const run = promisify(execFile);
const runners: TestRunner[] = [];

afterEach(async () => {
  await Promise.all(runners.splice(0).map((r) => r.close()));
});

/** Enables the service (through a runner, as the engine does) and returns it with its runner. */
async function enabled(
  properties: Record<string, string>,
  server: SftpConnectionInfo = sharedSftp(),
  processor: AnyProcessorDefinition = ListSFTP,
): Promise<{ runner: TestRunner; service: SftpConnectionService }> {
  const runner = await TestRunner.create(processor, {
    properties: {
      sftp: 'sftp',
      ...(processor === ListSFTP ? { remotePath: server.remoteDir } : {}),
    },
    services: { sftp: sftpService(server, properties) },
  });
  runners.push(runner);
  const service = runner.engine.controllerServices.get('sftp')!.instance() as SftpConnectionService;
  return { runner, service };
}

/** Why enabling the service fails. */
async function enableProblem(properties: Record<string, string>): Promise<string> {
  try {
    await enabled(properties);
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error('the service was enabled');
}

/** What `withSession` fails with. */
async function connectProblem(service: SftpConnectionService): Promise<SftpConnectionError> {
  try {
    await service.withSession((sftp) => sftp.list('.'));
  } catch (error) {
    expect(error).toBeInstanceOf(SftpConnectionError);
    return error as SftpConnectionError;
  }
  throw new Error('the connection was made');
}

/** OpenSSH's SHA256 fingerprint of a public key line. */
function fingerprintOf(publicKeyLine: string): string {
  const blob = Buffer.from(publicKeyLine.split(' ')[1]!, 'base64');
  return `SHA256:${createHash('sha256').update(blob).digest('base64').replace(/=+$/, '')}`;
}

describe('StandardSftpConnectionService', () => {
  it('connects to a server presenting the configured Host Key, also given as a known_hosts line', async () => {
    const server = sharedSftp();
    const pub = await enabled({ hostKey: server.hostPublicKey });
    const knownHosts = await enabled({
      hostKey: `[127.0.0.1]:${server.port} ${server.hostPublicKey}`,
    });

    expect(await pub.service.withSession(async (sftp) => (await sftp.stat('.')).type)).toBe(
      'directory',
    );
    expect(await knownHosts.service.withSession(async (sftp) => (await sftp.stat('.')).type)).toBe(
      'directory',
    );
  });

  it('refuses a server presenting another host key, saying which keys', async () => {
    const server = sharedSftp();
    // Any other ed25519 key will do: the client's own public key.
    const otherKey = (await readFile(`${server.privateKeyFile}.pub`, 'utf8')).trim();
    const { service } = await enabled({ hostKey: otherKey });

    const error = await connectProblem(service);

    expect(error.problem).toBe('host-key');
    expect(error.message).toBe(
      `SFTP server at 127.0.0.1:${server.port} presented host key ${fingerprintOf(server.hostPublicKey)}, not the configured Host Key ssh-ed25519 ${fingerprintOf(otherKey)}; refusing to connect`,
    );
  });

  it('says the login was rejected, naming the login and never the password', async () => {
    const server = sharedSftp();
    const wrong = 'wrong-password-0815';
    const { service } = await enabled({ password: wrong });

    const error = await connectProblem(service);

    expect(error.problem).toBe('authentication');
    expect(error.message).toBe(
      `SFTP login to sluice-sftp@127.0.0.1:${server.port} failed: authentication rejected`,
    );
    expect(error.message).not.toContain(wrong);
  });

  it('says the server refused the connection when nothing listens on the port', async () => {
    const port = await freePort();
    const { service } = await enabled({ port: String(port) });

    const error = await connectProblem(service);

    expect(error.problem).toBe('refused');
    expect(error.message).toBe(`SFTP server at 127.0.0.1:${port} refused the connection`);
  });

  it('logs in with a private key, also with a passphrase-protected one', async () => {
    const server = sharedSftp();
    const privateKey = await readFile(server.privateKeyFile, 'utf8');
    const dir = await mkdtemp(path.join(tmpdir(), 'sluice-sftp-key-'));
    try {
      const protectedFile = path.join(dir, 'key');
      await copyFile(server.privateKeyFile, protectedFile);
      await run('ssh-keygen', ['-q', '-p', '-P', '', '-N', 'open sesame', '-f', protectedFile]);
      const protectedKey = await readFile(protectedFile, 'utf8');
      const plain = await enabled({ password: '', privateKey });
      const withPassphrase = await enabled({
        password: '',
        privateKey: protectedKey,
        privateKeyPassphrase: 'open sesame',
      });

      for (const { service } of [plain, withPassphrase]) {
        expect(await service.withSession(async (sftp) => (await sftp.stat('.')).type)).toBe(
          'directory',
        );
      }
      expect(
        await enableProblem({ privateKey: protectedKey, privateKeyPassphrase: 'wrong' }),
      ).toMatch(/^Could not enable service 'sftp': The Private Key cannot be read: .*Passphrase/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('cannot be enabled without a password or private key, or with a Host Key that is no key', async () => {
    expect(await enableProblem({ password: '' })).toBe(
      "Could not enable service 'sftp': Password: Either 'Password' or 'Private Key' is required",
    );
    expect(await enableProblem({ hostKey: 'not a key' })).toMatch(
      /^Could not enable service 'sftp': Host Key: 'Host Key' is not a public key line/,
    );
    expect(await enableProblem({ privateKey: 'not a key either' })).toMatch(
      /^Could not enable service 'sftp': Private Key: 'Private Key' cannot be read/,
    );
  });
});

describe('StandardSftpConnectionService pool', () => {
  let privateSftp: PrivateSftp;

  beforeAll(async () => {
    privateSftp = await startPrivateSftp();
  });

  afterAll(async () => {
    await privateSftp?.stop();
  });

  it('reuses one connection across fetch runs, and disabling closes it on the server', async () => {
    const { server } = privateSftp;
    const dir = await remoteDir(server);
    const logins = await privateSftp.logins();
    const { runner, service } = await enabled({ maxConnections: '2' }, server, FetchSFTP);

    for (let i = 0; i < 6; i++) {
      await dir.file(`f${i}.txt`, `content ${i}`);
      await runner.enqueue('', { path: dir.remote, filename: `f${i}.txt` });
      await runner.run();
    }

    expect((await runner.flowFiles('success')).map((f) => f.text)).toEqual(
      [0, 1, 2, 3, 4, 5].map((i) => `content ${i}`),
    );
    expect((await privateSftp.logins()) - logins).toBe(1);
    expect(await privateSftp.connections()).toBeLessThanOrEqual(2);
    expect(await runner.engine.disableService('sftp')).toEqual({ ok: true });
    expect(service.stats()).toEqual({ open: 0, idle: 0, waiting: 0 });
    await eventually(
      'the server holds no connection',
      async () => (await privateSftp.connections()) === 0,
    );
  });

  it('never opens more than Max Connections, however many borrow at once', async () => {
    const logins = await privateSftp.logins();
    const { service } = await enabled({ maxConnections: '2' }, privateSftp.server);
    let busy = 0;
    let mostBusy = 0;
    const serverCounts: number[] = [];

    await Promise.all(
      Array.from({ length: 8 }, () =>
        service.withSession(async (sftp) => {
          mostBusy = Math.max(mostBusy, ++busy);
          await sftp.list('.');
          serverCounts.push(await privateSftp.connections());
          // Hold the session a little so the borrowers overlap.
          await new Promise((resolve) => setTimeout(resolve, 50));
          busy--;
        }),
      ),
    );

    expect(mostBusy).toBe(2);
    expect(Math.max(...serverCounts)).toBeLessThanOrEqual(2);
    expect((await privateSftp.logins()) - logins).toBe(2);
    expect(service.stats()).toEqual({ open: 2, idle: 2, waiting: 0 });
  });

  it('keeps a connection after a "no such file" answer, and drops one the server closed', async () => {
    const logins = await privateSftp.logins();
    const { service } = await enabled({}, privateSftp.server);
    await expect(service.withSession((sftp) => sftp.stat('./no-such-file'))).rejects.toMatchObject({
      code: 2,
    });
    expect(service.stats()).toEqual({ open: 1, idle: 1, waiting: 0 });

    await privateSftp.dropConnections();
    await eventually('the pool dropped the closed connection', () => service.stats().open === 0);
    expect(await service.withSession(async (sftp) => (await sftp.stat('.')).type)).toBe(
      'directory',
    );

    expect((await privateSftp.logins()) - logins).toBe(2);
  });

  it('closes a connection left idle for the Idle Timeout', async () => {
    const { service } = await enabled({ idleTimeout: '200 millis' }, privateSftp.server);
    await service.withSession((sftp) => sftp.list('.'));

    await eventually('the idle connection is closed', () => service.stats().open === 0);
    await eventually(
      'the server holds no connection',
      async () => (await privateSftp.connections()) === 0,
    );
  });
});
