import { Readable } from 'node:stream';
import { z } from 'zod';
import { uploadToDataNode, type UploadBody } from './datanode-upload.js';
import {
  booleanAnswer,
  fileStatusAnswer,
  fileStatusesAnswer,
  locationAnswer,
  type FileStatus,
} from './file-status.js';
import { checkHdfsPath } from './hdfs-path.js';
import {
  callNameNode,
  parseAnswer,
  sendToNameNode,
  type ClientContext,
  type NameNodeCall,
} from './namenode-request.js';
import { errorOfNetworkFailure } from './network-error.js';
import type { RequestSignal } from './request-signal.js';
import { WebHdfsError, type WebHdfsTarget } from './webhdfs-error.js';

/** How to reach the NameNode. */
export interface WebHdfsClientOptions {
  /** The NameNode's HTTP address, e.g. `http://127.0.0.1:9870`; a trailing `/webhdfs/v1` is fine. */
  url: string;
  /** Sent as `user.name` (simple authentication); without it HDFS acts as its static web user. */
  user?: string;
  /**
   * How long a metadata request may take, and how long a transfer may wait for the server's
   * answer or, while bytes move, stay silent. Default 60 s. Bound a whole transfer with `signal`.
   */
  timeoutMs?: number;
  /** Aborts every request of this client (a processor being stopped). */
  signal?: AbortSignal;
}

/** Options every call takes. */
export interface CallOptions {
  /** Aborts this call. */
  signal?: AbortSignal;
}

/** Options of {@link WebHdfsClient.create}. */
export interface CreateOptions extends CallOptions {
  /** Replace an existing file; otherwise an existing file fails with code `exists`. */
  overwrite?: boolean;
  /** Octal permission of the new file, e.g. `640`; HDFS's default (644 less the umask) otherwise. */
  permission?: string;
  /** Block size of the new file in bytes; HDFS's dfs.blocksize otherwise. */
  blockSize?: number;
  /** Replication factor of the new file; HDFS's dfs.replication otherwise. */
  replication?: number;
}

/** Options of {@link WebHdfsClient.setOwner}: at least one of the two. */
export interface SetOwnerOptions extends CallOptions {
  owner?: string;
  group?: string;
}

/** Options of {@link WebHdfsClient.open} and {@link WebHdfsClient.read}. */
export interface OpenOptions extends CallOptions {
  /** First byte to read. */
  offset?: number;
  /** How many bytes to read at most. */
  length?: number;
}

const optionsSchema = z.object({
  url: z.url({ protocol: /^https?$/ }),
  user: z.string().min(1).optional(),
  timeoutMs: z.number().int().positive().optional(),
  signal: z.instanceof(AbortSignal).optional(),
});

const DEFAULT_TIMEOUT_MS = 60_000;

/**
 * A small WebHDFS client: files are written in WebHDFS's two steps (the NameNode names a
 * DataNode, the bytes go there, streamed) and read through the NameNode's redirect. Every failure
 * is a {@link WebHdfsError}.
 */
export class WebHdfsClient {
  /** The NameNode's HTTP address, without `/webhdfs/v1`. */
  readonly url: string;
  private readonly context: ClientContext;

  constructor(options: WebHdfsClientOptions) {
    const parsed = optionsSchema.safeParse(options);
    if (!parsed.success) {
      throw new WebHdfsError(
        'invalid',
        { operation: 'configure', path: '', host: String(options.url) },
        `WebHDFS client options are invalid: ${z.prettifyError(parsed.error)}`,
      );
    }
    this.url = parsed.data.url.replace(/\/+$/, '').replace(/\/webhdfs\/v1$/, '');
    this.context = {
      baseUrl: this.url,
      timeoutMs: parsed.data.timeoutMs ?? DEFAULT_TIMEOUT_MS,
      ...(parsed.data.user !== undefined && { user: parsed.data.user }),
      ...(options.signal && { signal: options.signal }),
    };
  }

  /** Writes a new file (or replaces one with `overwrite`), streaming `body` to the DataNode. */
  async create(path: string, body: UploadBody, options: CreateOptions = {}): Promise<void> {
    const location = await this.dataNodeLocation({
      operation: 'CREATE',
      method: 'PUT',
      path,
      params: {
        overwrite: options.overwrite ?? false,
        permission: options.permission,
        blocksize: options.blockSize,
        replication: options.replication,
      },
      signal: options.signal,
    });
    await uploadToDataNode({
      operation: 'CREATE',
      path,
      location,
      method: 'PUT',
      body,
      expectedStatus: 201,
      idleTimeoutMs: this.context.timeoutMs,
      signals: [this.context.signal, options.signal],
    });
  }

  /** Appends `body` to an existing file. */
  async append(path: string, body: UploadBody, options: CallOptions = {}): Promise<void> {
    const location = await this.dataNodeLocation({
      operation: 'APPEND',
      method: 'POST',
      path,
      signal: options.signal,
    });
    await uploadToDataNode({
      operation: 'APPEND',
      path,
      location,
      method: 'POST',
      body,
      expectedStatus: 200,
      idleTimeoutMs: this.context.timeoutMs,
      signals: [this.context.signal, options.signal],
    });
  }

  /**
   * A stream of the file's bytes (from `offset`, at most `length`), read from the DataNode the
   * NameNode redirects to. Fails before returning when the file cannot be opened; a failure
   * while reading is the stream's error (a {@link WebHdfsError}).
   */
  async open(path: string, options: OpenOptions = {}): Promise<Readable> {
    const { response, signal } = await sendToNameNode(
      this.context,
      {
        operation: 'OPEN',
        method: 'GET',
        path,
        params: { offset: options.offset, length: options.length },
        signal: options.signal,
      },
      'follow',
    );
    // The answer is here: from now on only the callers' signals (and undici's idle timeout)
    // limit the transfer, however large the file.
    signal.stopTimer();
    const target = { operation: 'OPEN', path, host: new URL(response.url).origin };
    return Readable.from(bodyOf(response, target, signal, this.context.timeoutMs), {
      objectMode: false,
    });
  }

  /** The whole file (or its range) in memory; for files known to be small. */
  async read(path: string, options: OpenOptions = {}): Promise<Buffer> {
    const chunks: Buffer[] = [];
    for await (const chunk of await this.open(path, options)) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks);
  }

  /** The status of a file or directory, or `undefined` when it does not exist. */
  async getFileStatus(path: string, options: CallOptions = {}): Promise<FileStatus | undefined> {
    try {
      const answer = await callNameNode(
        this.context,
        { operation: 'GETFILESTATUS', method: 'GET', path, signal: options.signal },
        fileStatusAnswer,
      );
      return answer.FileStatus;
    } catch (error) {
      // Only HDFS's own "no such file": a 404 from a wrong URL must not read as a missing file.
      if (error instanceof WebHdfsError && error.details.exception === 'FileNotFoundException') {
        return undefined;
      }
      throw error;
    }
  }

  /** The entries of a directory (`pathSuffix` is each one's name); a file lists itself. */
  async listStatus(path: string, options: CallOptions = {}): Promise<FileStatus[]> {
    const answer = await callNameNode(
      this.context,
      { operation: 'LISTSTATUS', method: 'GET', path, signal: options.signal },
      fileStatusesAnswer,
    );
    return answer.FileStatuses.FileStatus;
  }

  /** Creates a directory and its missing parents; true when it exists afterwards. */
  async mkdirs(
    path: string,
    options: CallOptions & { permission?: string } = {},
  ): Promise<boolean> {
    const answer = await callNameNode(
      this.context,
      {
        operation: 'MKDIRS',
        method: 'PUT',
        path,
        params: { permission: options.permission },
        signal: options.signal,
      },
      booleanAnswer,
    );
    return answer.boolean;
  }

  /**
   * Renames `from` to `to` (both absolute). False, as HDFS answers, when it could not: `from`
   * missing, `to` existing, or `to`'s parent missing.
   */
  async rename(from: string, to: string, options: CallOptions = {}): Promise<boolean> {
    checkHdfsPath(to, 'RENAME', this.url);
    const answer = await callNameNode(
      this.context,
      {
        operation: 'RENAME',
        method: 'PUT',
        path: from,
        params: { destination: to },
        signal: options.signal,
      },
      booleanAnswer,
    );
    return answer.boolean;
  }

  /**
   * Changes a file's or directory's owner and/or group (SETOWNER). HDFS allows it to its
   * superuser only, unless permissions are off (`dfs.permissions.enabled=false`).
   */
  async setOwner(path: string, options: SetOwnerOptions): Promise<void> {
    if (options.owner === undefined && options.group === undefined) {
      throw new WebHdfsError(
        'invalid',
        { operation: 'SETOWNER', path, host: this.url },
        `WebHDFS SETOWNER ${path} at ${this.url} needs an owner or a group`,
      );
    }
    const call = {
      operation: 'SETOWNER',
      method: 'PUT',
      path,
      params: { owner: options.owner, group: options.group },
      signal: options.signal,
    } as const;
    // SETOWNER answers 200 with an empty body.
    const { response, signal } = await sendToNameNode(this.context, call, 'manual');
    try {
      await response.arrayBuffer();
    } catch (error) {
      throw errorOfNetworkFailure(
        { operation: call.operation, path, host: this.url },
        error,
        signal,
        this.context.timeoutMs,
      );
    } finally {
      signal.dispose();
    }
  }

  /**
   * Deletes a file, or a directory (a non-empty one only with `recursive`, else code
   * `not-empty`). False when there was nothing to delete.
   */
  async delete(
    path: string,
    options: CallOptions & { recursive?: boolean } = {},
  ): Promise<boolean> {
    const answer = await callNameNode(
      this.context,
      {
        operation: 'DELETE',
        method: 'DELETE',
        path,
        params: { recursive: options.recursive ?? false },
        signal: options.signal,
      },
      booleanAnswer,
    );
    return answer.boolean;
  }

  /**
   * Step one of CREATE and APPEND: asks the NameNode which DataNode takes the bytes. With
   * `noredirect=true` it answers `{"Location": …}`; a server that ignores that answers 307.
   */
  private async dataNodeLocation(call: NameNodeCall): Promise<URL> {
    const { response, signal } = await sendToNameNode(
      this.context,
      { ...call, params: { ...call.params, noredirect: true } },
      'manual',
    );
    const target: WebHdfsTarget = { operation: call.operation, path: call.path, host: this.url };
    let location: string | null;
    try {
      location =
        response.status === 307
          ? response.headers.get('location')
          : parseAnswer(target, response.status, await response.text(), locationAnswer).Location;
    } catch (error) {
      throw errorOfNetworkFailure(target, error, signal, this.context.timeoutMs);
    } finally {
      signal.dispose();
    }
    // new URL() percent-encodes what the NameNode leaves raw (Korean text in the path).
    const url = location ? URL.parse(location) : null;
    if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:')) {
      throw new WebHdfsError(
        'protocol',
        target,
        `WebHDFS ${call.operation} ${call.path} at ${this.url} named no DataNode to write to ` +
          `(Location ${JSON.stringify(location)})`,
        { status: response.status },
      );
    }
    return url;
  }
}

async function* bodyOf(
  response: Response,
  target: WebHdfsTarget,
  signal: RequestSignal,
  timeoutMs: number,
): AsyncGenerator<Uint8Array> {
  try {
    if (!response.body) return;
    for await (const chunk of response.body) yield chunk;
  } catch (error) {
    throw errorOfNetworkFailure(target, error, signal, timeoutMs);
  } finally {
    signal.dispose();
  }
}
