import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod, chown, mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import SftpClient from 'ssh2-sftp-client';
import { requireOpenSsh } from '../prerequisites.js';
import { awaitReady, exitedDuringStart } from '../process/await-ready.js';
import { isPortOpen } from '../process/free-port.js';
import {
  commandLineOf,
  descendantsOf,
  isAlive,
  spawnService,
  stopProcess,
  type ServiceProcess,
} from '../process/service-process.js';
import { ServiceError } from '../service-error.js';
import { waitUntil } from '../wait-until.js';
import { sshdConfig } from './sftp-config.js';
import { ensureSftpUser } from './sftp-user.js';

const run = promisify(execFile);

/** Default port: not 22 or the common 2222, so a developer's own sshd is left alone. */
export const SFTP_DEFAULT_PORT = 12222;
/** The dedicated login of the test server. */
export const SFTP_DEFAULT_USER = 'sluice-sftp';
/** A fixed, well-known password: this server only listens on 127.0.0.1 and holds test data. */
export const SFTP_DEFAULT_PASSWORD = 'sluice-sftp-test';
/** The user's writable directory, as the SFTP client sees it (the chroot is `/`). */
export const SFTP_REMOTE_DIR = '/upload';

/** Where and how to run the daemon. */
export interface SftpServerOptions {
  /** Holds keys, sshd_config, the chroot and `sshd.log`; must be root-owned like its parents. */
  workDir: string;
  port?: number;
  user?: string;
  password?: string;
  /** See {@link SpawnServiceOptions.detached}. */
  detached?: boolean;
  readyTimeoutMs?: number;
}

/** Everything a client needs to reach the running server. */
export interface SftpConnectionInfo {
  host: '127.0.0.1';
  port: number;
  username: string;
  password: string;
  /** OpenSSH-format ed25519 private key authorised for `username`. */
  privateKeyFile: string;
  /** The server's host public key (`ssh-ed25519 AAAA…`), for host-key checks. */
  hostPublicKey: string;
  /** The writable directory over SFTP, e.g. `/upload`. */
  remoteDir: string;
  /** The same directory on this machine's disk, to prepare or inspect files directly. */
  localDir: string;
}

/** A running private sshd serving SFTP. */
/** Just the connection details of a server or a saved entry (no pid, paths or handles). */
export function sftpConnectionInfo(from: SftpConnectionInfo): SftpConnectionInfo {
  const { host, port, username, password, privateKeyFile, hostPublicKey, remoteDir, localDir } =
    from;
  return { host, port, username, password, privateKeyFile, hostPublicKey, remoteDir, localDir };
}

export interface SftpServer extends SftpConnectionInfo {
  readonly kind: 'sftp';
  readonly pid: number;
  readonly workDir: string;
  readonly logFile: string;
  /** The private key's text, ready for ssh2's `privateKey` option. */
  privateKey(): Promise<string>;
  /** SIGTERM, then SIGKILL after `graceMs`; resolves when sshd and its sessions are gone. */
  stop(graceMs?: number): Promise<void>;
}

/**
 * Starts a private OpenSSH daemon that serves only SFTP (`internal-sftp`), chrooted, for one
 * dedicated user with a password and a key, on 127.0.0.1. Ready once an `ssh2-sftp-client`
 * session lists the user's directory.
 */
export async function startSftp(options: SftpServerOptions): Promise<SftpServer> {
  const { sshd, sshKeygen } = requireOpenSsh();
  const user = options.user ?? SFTP_DEFAULT_USER;
  const password = options.password ?? SFTP_DEFAULT_PASSWORD;
  const port = options.port ?? SFTP_DEFAULT_PORT;
  const ids = await ensureSftpUser(user, password);

  const workDir = options.workDir;
  await mkdir(workDir, { recursive: true, mode: 0o755 });
  await requireSafeChrootParents(workDir);
  const keysDir = join(workDir, 'keys');
  const chrootDir = join(workDir, 'chroot');
  const localDir = join(chrootDir, SFTP_REMOTE_DIR.slice(1));
  for (const dir of [workDir, keysDir, chrootDir]) {
    await mkdir(dir, { recursive: true });
    await chmod(dir, 0o755);
  }
  await mkdir(localDir, { recursive: true });
  await chown(localDir, ids.uid, ids.gid);
  await chmod(localDir, 0o755);
  // sshd's privilege separation directory; Debian creates it only when the service starts.
  await mkdir('/run/sshd', { recursive: true, mode: 0o755 });

  const hostKeyFile = join(workDir, 'host_ed25519_key');
  const privateKeyFile = join(workDir, 'client_ed25519_key');
  await ensureKey(sshKeygen, hostKeyFile, 'sluice-sftp-host');
  await ensureKey(sshKeygen, privateKeyFile, `${user}@sluice-test`);
  await writeFile(join(keysDir, user), await readFile(`${privateKeyFile}.pub`), { mode: 0o644 });

  const configFile = join(workDir, 'sshd_config');
  const pidFile = join(workDir, 'sshd.pid');
  await writeFile(
    configFile,
    sshdConfig({
      port,
      user,
      hostKeyFile,
      pidFile,
      authorizedKeysPattern: join(keysDir, '%u'),
      chrootDir,
      startDir: SFTP_REMOTE_DIR,
    }),
  );
  try {
    await run(sshd, ['-t', '-f', configFile]);
  } catch (error) {
    throw new ServiceError(
      'start-failed',
      `sshd rejects ${configFile}: ${(error as Error).message}`,
    );
  }

  const logFile = join(workDir, 'sshd.log');
  await writeFile(logFile, '');
  // -D: stay in the foreground (we track its pid); -e: log to stderr, i.e. the log file.
  const process_ = spawnService({
    command: sshd,
    args: ['-D', '-e', '-f', configFile],
    cwd: workDir,
    logFile,
    detached: options.detached ?? false,
  });
  const server = sftpServerHandle({
    process: process_,
    workDir,
    info: {
      host: '127.0.0.1',
      port,
      username: user,
      password,
      privateKeyFile,
      hostPublicKey: (await readFile(`${hostKeyFile}.pub`, 'utf8')).trim(),
      remoteDir: SFTP_REMOTE_DIR,
      localDir,
    },
  });
  await awaitReady({
    what: `The SFTP server on 127.0.0.1:${port}`,
    ready: () =>
      waitForSftp(server, {
        timeoutMs: options.readyTimeoutMs ?? 60_000,
        abortReason: exitedDuringStart(process_, 'sshd'),
      }),
    stop: () => server.stop(5_000),
    logFiles: [logFile],
  });
  return server;
}

/** Resolves once the port accepts connections and an SFTP session (key login) lists `remoteDir`. */
export async function waitForSftp(
  info: SftpConnectionInfo,
  wait: { timeoutMs: number; abortReason?: () => string | undefined },
): Promise<void> {
  const privateKey = await readFile(info.privateKeyFile, 'utf8');
  await waitUntil(
    async () => {
      if (!(await isPortOpen(info.port))) throw new Error(`nothing listens on port ${info.port}`);
      const client = new SftpClient('sluice-services-readiness');
      try {
        await client.connect({
          host: info.host,
          port: info.port,
          username: info.username,
          privateKey,
          readyTimeout: 5000,
          retries: 0,
        });
        await client.list(info.remoteDir);
        return true;
      } finally {
        await client.end().catch(() => undefined);
      }
    },
    { intervalMs: 250, ...wait },
  );
}

interface HandleParts {
  process: Pick<ServiceProcess, 'pid' | 'logFile'>;
  workDir: string;
  info: SftpConnectionInfo;
}

/** A handle on a daemon started earlier (possibly by another process, from the state file). */
export function sftpServerHandle(parts: HandleParts): SftpServer {
  const { pid, logFile } = parts.process;
  const configFile = join(parts.workDir, 'sshd_config');
  return {
    kind: 'sftp',
    ...parts.info,
    pid,
    workDir: parts.workDir,
    logFile,
    privateKey: () => readFile(parts.info.privateKeyFile, 'utf8'),
    async stop(graceMs = 10_000) {
      // Only signal the pid while it is still our sshd (pids get reused).
      if (!commandLineOf(pid).includes(configFile)) return;
      // sshd serves each connection in a child process that outlives the listener: a stopped
      // server must also cut the sessions clients hold, as a machine going down would.
      const sessions = descendantsOf(pid);
      try {
        await stopProcess(pid, graceMs);
        for (const child of sessions) if (isAlive(child)) await stopProcess(child, graceMs);
      } catch (error) {
        throw new ServiceError(
          'stop-failed',
          `Could not stop sshd (pid ${pid}): ${(error as Error).message}`,
        );
      }
    },
  };
}

async function ensureKey(sshKeygen: string, file: string, comment: string): Promise<void> {
  if (existsSync(file) && existsSync(`${file}.pub`)) return;
  await run(sshKeygen, ['-q', '-t', 'ed25519', '-N', '', '-C', comment, '-f', file]);
  await chmod(file, 0o600);
}

/**
 * sshd refuses a ChrootDirectory unless every directory from `/` down is owned by root and not
 * writable by group or others: say which one is wrong before sshd drops the session silently.
 */
async function requireSafeChrootParents(dir: string): Promise<void> {
  for (let current = dir; ; current = dirname(current)) {
    const info = await stat(current);
    if (info.uid !== 0 || (info.mode & 0o022) !== 0) {
      throw new ServiceError(
        'start-failed',
        `sshd needs every directory above its chroot to be owned by root and not group/world-writable, ` +
          `but ${current} is owned by uid ${info.uid} with mode ${(info.mode & 0o777).toString(8)}. ` +
          'Put the services directory elsewhere (SLUICE_SERVICES_DIR).',
      );
    }
    if (current === dirname(current)) return;
  }
}
