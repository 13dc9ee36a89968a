import { Readable } from 'node:stream';
import type { Client, FileEntryWithStats, SFTPWrapper, Stats } from 'ssh2';
import { SftpConnectionError, SFTP_STATUS } from './sftp-errors.js';
import { readAhead } from './sftp-read-ahead.js';
import { SftpWatchdog } from './sftp-watchdog.js';

/** What a directory entry or a path is, from its mode bits. */
export type SftpEntryType = 'file' | 'directory' | 'symlink' | 'other';

/** A remote file's attributes, as the SFTP server reports them. */
export interface SftpAttributes {
  readonly type: SftpEntryType;
  readonly size: number;
  /** Modification time in epoch millis (SFTP v3 keeps whole seconds). */
  readonly mtimeMs: number;
  readonly atimeMs: number;
  readonly uid: number;
  readonly gid: number;
  /** Permission bits (and file type bits), as `stat`'s `st_mode`. */
  readonly mode: number;
}

/** One entry of a remote directory. */
export interface SftpEntry extends SftpAttributes {
  readonly name: string;
}

const S_IFMT = 0o170000;

function typeOf(mode: number): SftpEntryType {
  switch (mode & S_IFMT) {
    case 0o100000:
      return 'file';
    case 0o040000:
      return 'directory';
    case 0o120000:
      return 'symlink';
    default:
      return 'other';
  }
}

function attributesOf(stats: Stats | SftpStatsLike): SftpAttributes {
  return {
    type: typeOf(stats.mode),
    size: stats.size,
    mtimeMs: stats.mtime * 1000,
    atimeMs: stats.atime * 1000,
    uid: stats.uid,
    gid: stats.gid,
    mode: stats.mode,
  };
}

/** The fields of ssh2's attributes this wrapper reads. */
interface SftpStatsLike {
  readonly mode: number;
  readonly size: number;
  readonly mtime: number;
  readonly atime: number;
  readonly uid: number;
  readonly gid: number;
}

/** Whether an error is the server's "no such file" answer. */
const isNoSuchFile = (error: unknown): boolean =>
  error instanceof Error && (error as Error & { code?: unknown }).code === SFTP_STATUS.noSuchFile;

/**
 * One logged-in SFTP session (an SSH connection with its SFTP channel), with the few requests the
 * SFTP processors make, as promises. Errors are ssh2's: a server answer carries the SFTP status
 * in `code` (see {@link classifySftpFailure}).
 */
export class SftpSession {
  #usable = true;
  readonly #onBroken: (() => void)[] = [];
  readonly #watchdog: SftpWatchdog;

  /**
   * `dataTimeoutMs`: while requests are outstanding, the server must answer one within it (NiFi's
   * Data Timeout); otherwise they fail with an {@link SftpConnectionError} `timeout` and the
   * connection is closed.
   */
  constructor(
    private readonly client: Client,
    private readonly sftp: SFTPWrapper,
    dataTimeoutMs: number,
  ) {
    const broken = (): void => {
      if (!this.#usable) return;
      this.#usable = false;
      this.#watchdog.dispose();
      for (const listener of this.#onBroken.splice(0)) listener();
    };
    this.#watchdog = new SftpWatchdog(dataTimeoutMs, (outstanding) => {
      const error = new SftpConnectionError(
        'timeout',
        `The SFTP server sent nothing for ${outstanding} outstanding request(s) within the Data Timeout of ${dataTimeoutMs} ms; the connection was closed`,
      );
      broken();
      client.destroy();
      return error;
    });
    // A session the server closed (restart, idle limit) or whose socket failed is never reused;
    // the error listener also keeps a late socket error from crashing the process.
    client.on('close', broken);
    client.on('end', broken);
    client.on('error', broken);
    sftp.on('close', broken);
    sftp.on('error', broken);
  }

  /** False once the connection or its SFTP channel closed or failed. */
  get usable(): boolean {
    return this.#usable;
  }

  /** Calls `listener` once, when the connection closes or fails (at once if it already has). */
  onBroken(listener: () => void): void {
    if (this.#usable) this.#onBroken.push(listener);
    else listener();
  }

  /** The entries of a directory, without `.` and `..`. */
  list(directory: string): Promise<SftpEntry[]> {
    return this.#watchdog
      .request<FileEntryWithStats[]>((done) => this.sftp.readdir(directory, done))
      .then((entries) =>
        entries
          .filter((e) => e.filename !== '.' && e.filename !== '..')
          .map((e) => ({ name: e.filename, ...attributesOf(e.attrs) })),
      );
  }

  /** The attributes of a path, following symbolic links. */
  stat(path: string): Promise<SftpAttributes> {
    return this.#watchdog.request<Stats>((done) => this.sftp.stat(path, done)).then(attributesOf);
  }

  /**
   * Opens a file for reading and streams it, with several reads in flight (see
   * {@link readAhead}). The file is opened before the stream is returned, so "no such file" and
   * "permission denied" come from here, before any content; errors while reading reach the
   * reader, and closing the handle afterwards never fails the stream.
   */
  async openReadStream(path: string): Promise<Readable> {
    const handle = await this.#watchdog.request<Buffer>((done) => this.sftp.open(path, 'r', done));
    const file = {
      read: async (position: number, length: number): Promise<Buffer> => {
        const buffer = Buffer.allocUnsafe(length);
        const bytesRead = await this.#watchdog.request<number>((done) =>
          this.sftp.read(handle, buffer, 0, length, position, done),
        );
        return buffer.subarray(0, bytesRead);
      },
      close: (): void => {
        try {
          this.sftp.close(handle, () => undefined);
        } catch {
          // ssh2 throws when the channel is already gone; the handle went with it.
        }
      },
    };
    return Readable.from(readAhead(file), { objectMode: false });
  }

  rename(from: string, to: string): Promise<void> {
    return this.#watchdog.request<void>((done) => this.sftp.rename(from, to, done));
  }

  delete(path: string): Promise<void> {
    return this.#watchdog.request<void>((done) => this.sftp.unlink(path, done));
  }

  /** Creates a directory and its missing parents (an existing directory is fine). */
  async makeDirectories(directory: string): Promise<void> {
    const parts = directory.split('/').filter((p) => p !== '');
    let current = directory.startsWith('/') ? '' : '.';
    for (const part of parts) {
      current = `${current}/${part}`;
      const existing = await this.stat(current).catch((error: unknown) => {
        if (isNoSuchFile(error)) return undefined;
        throw error;
      });
      if (existing?.type === 'directory') continue;
      if (existing) throw new Error(`${current} exists and is not a directory`);
      await this.#watchdog.request<void>((done) => this.sftp.mkdir(current, done));
    }
  }

  /** Ends the SSH connection. */
  end(): void {
    this.#usable = false;
    this.#watchdog.dispose();
    this.#onBroken.length = 0;
    this.client.end();
  }
}
