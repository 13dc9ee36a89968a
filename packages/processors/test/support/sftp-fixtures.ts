/**
 * Helpers for the SFTP tests: the shared real server from the global setup, a fresh directory on
 * it per test, files placed directly on its disk, and a private server a test may stop.
 */
import { randomUUID } from 'node:crypto';
import { chown, mkdir, readdir, readFile, rm, stat, utimes, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { TestRunnerService } from '@sluice/engine';
import {
  freePort,
  servicesDir,
  startSftp,
  type SftpConnectionInfo,
  type SftpServer,
} from '@sluice/services';
import { inject } from 'vitest';
import { StandardSftpConnectionService } from '../../src/services/sftp-connection-service.js';

/** The shared SFTP server the global setup started. */
export function sharedSftp(): SftpConnectionInfo {
  const { sftp } = inject('services');
  if (!sftp) throw new Error('The global setup did not start the SFTP server');
  return sftp;
}

/** A StandardSftpConnectionService for the test runner, logging in with the password. */
export function sftpService(
  server: SftpConnectionInfo,
  properties: Record<string, string> = {},
): TestRunnerService {
  return {
    definition: StandardSftpConnectionService,
    properties: {
      hostname: server.host,
      port: String(server.port),
      username: server.username,
      password: server.password,
      ...properties,
    },
  };
}

/** A directory of its own on the server: its remote path and the same place on this disk. */
export interface RemoteDir {
  readonly remote: string;
  readonly local: string;
  /** Writes a file (owned by the SFTP user, so it may move or delete it) with a given mtime. */
  file(relative: string, content?: string | Uint8Array, mtime?: Date): Promise<string>;
  /** Creates a directory owned by the SFTP user. */
  dir(relative: string): Promise<string>;
}

/** A fixed modification time well in the past, so no age filter or clock matters. */
export const T = new Date('2024-01-02T03:04:05.000Z');

/** `T` plus some seconds (SFTP keeps whole seconds). */
export const later = (seconds: number): Date => new Date(T.getTime() + seconds * 1000);

/** Creates a fresh directory for one test on `server`, owned by the SFTP user. */
export async function remoteDir(server: SftpConnectionInfo): Promise<RemoteDir> {
  const name = `t-${randomUUID()}`;
  const local = path.join(server.localDir, name);
  const owner = await stat(server.localDir);
  const own = (target: string) => chown(target, owner.uid, owner.gid);
  await mkdir(local);
  await own(local);
  const dir = async (relative: string): Promise<string> => {
    let current = local;
    for (const part of relative.split('/')) {
      current = path.join(current, part);
      await mkdir(current, { recursive: true });
      await own(current);
    }
    return current;
  };
  return {
    remote: `${server.remoteDir}/${name}`,
    local,
    dir,
    async file(relative, content = 'x', mtime = T) {
      const parent = path.dirname(relative);
      const target = path.join(parent === '.' ? local : await dir(parent), path.basename(relative));
      await writeFile(target, content);
      await own(target);
      await utimes(target, mtime, mtime);
      return target;
    },
  };
}

/** A private SFTP server a test may stop, with where its data lives. */
export interface PrivateSftp {
  readonly server: SftpServer;
  /** Number of SSH connections the server holds now (its per-connection child processes). */
  connections(): Promise<number>;
  /** Number of successful logins in the server's log so far. */
  logins(): Promise<number>;
  /** Ends every open connection on the server side (as a server restart would). */
  dropConnections(): Promise<void>;
  /** Takes the server down: the listener and every open connection. */
  down(): Promise<void>;
  /** Takes the server down and removes its files. */
  stop(): Promise<void>;
}

/** Starts a private SFTP server on a free port, in its own work directory. */
export async function startPrivateSftp(): Promise<PrivateSftp> {
  const workDir = path.join(servicesDir(), 'test', `sftp-private-${randomUUID()}`);
  await mkdir(workDir, { recursive: true, mode: 0o755 });
  const server = await startSftp({ workDir, port: await freePort(), detached: false });
  // sshd's listener leaves established connections running when it stops; end those too.
  const dropConnections = async (): Promise<void> => {
    const children = await childrenOf(server.pid);
    for (const pid of children) process.kill(pid, 'SIGTERM');
    await eventually('the dropped connections are gone', async () => {
      const alive = await Promise.all(children.map((pid) => isAlive(pid)));
      return !alive.includes(true);
    });
  };
  const down = async (): Promise<void> => {
    const children = await childrenOf(server.pid);
    await server.stop(5_000);
    for (const pid of children) if (await isAlive(pid)) process.kill(pid, 'SIGTERM');
  };
  return {
    server,
    connections: async () => (await childrenOf(server.pid)).length,
    async logins() {
      const log = await readFile(server.logFile, 'utf8');
      return log.split('\n').filter((line) => /Accepted \S+ for /.test(line)).length;
    },
    dropConnections,
    down,
    async stop() {
      await down();
      await rm(workDir, { recursive: true, force: true });
    },
  };
}

async function isAlive(pid: number): Promise<boolean> {
  const text = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => '');
  return text !== '' && text.slice(text.lastIndexOf(')') + 2)[0] !== 'Z';
}

/** The live processes whose parent is `pid` (sshd forks one per connection). */
async function childrenOf(pid: number): Promise<number[]> {
  const children: number[] = [];
  for (const entry of await readdir('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const text = await readFile(`/proc/${entry}/stat`, 'utf8').catch(() => '');
    // Fields after the command name (which may hold spaces) are: state, ppid, …
    const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
    if (fields[0] !== 'Z' && Number(fields[1]) === pid) children.push(Number(entry));
  }
  return children;
}

/** Polls `condition` until it holds, failing with `what` after `timeoutMs`. */
export async function eventually(
  what: string,
  condition: () => Promise<boolean> | boolean,
  timeoutMs = 15_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
