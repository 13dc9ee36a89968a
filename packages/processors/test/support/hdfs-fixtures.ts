/**
 * Helpers for the HDFS tests: the shared real cluster from the global setup, a directory of its
 * own per test, and a gate that sits between a WebHDFS client and the cluster to hold or cut an
 * upload part-way, so a test can look at HDFS while a file is being written.
 */
import { randomUUID } from 'node:crypto';
import {
  createServer,
  request,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http';
import type { AddressInfo } from 'node:net';
import { Transform, type TransformCallback } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { TestRunnerService } from '@sluice/engine';
import { WebHdfsClient } from '@sluice/webhdfs';
import { inject } from 'vitest';
import { StandardHdfsConnectionService } from '../../src/services/hdfs-connection-service.js';

/** The user the tests act as (permissions are off on the test cluster; ownership is recorded). */
export const HDFS_TEST_USER = 'sluice-test';

/** The NameNode URL of the shared HDFS cluster the global setup started. */
export function sharedHdfsUrl(): string {
  const { hdfs } = inject('services');
  if (!hdfs) throw new Error('The global setup did not start HDFS');
  return hdfs.webHdfsUrl;
}

/** A StandardHdfsConnectionService for the test runner. */
export function hdfsService(
  url: string = sharedHdfsUrl(),
  properties: Record<string, string> = {},
): TestRunnerService {
  return {
    definition: StandardHdfsConnectionService,
    properties: { webHdfsUrl: url, user: HDFS_TEST_USER, ...properties },
  };
}

/** A client straight to the shared cluster, for a test's own checks. */
export function checkingHdfsClient(): WebHdfsClient {
  return new WebHdfsClient({ url: sharedHdfsUrl(), user: HDFS_TEST_USER });
}

/** A fresh directory path for one test (not created). */
export function uniqueHdfsDir(prefix = 'put-hdfs'): string {
  return `/sluice-test/${prefix}/${randomUUID()}`;
}

/** The names in an HDFS directory, sorted. */
export async function namesIn(client: WebHdfsClient, directory: string): Promise<string[]> {
  return (await client.listStatus(directory)).map((s) => s.pathSuffix).sort();
}

/**
 * The names in `directory` once something is in it. An upload held by a {@link WebHdfsGate} has
 * passed bytes to the DataNode's socket, but the DataNode may not have created the file yet.
 */
export async function namesOnceWritten(
  client: WebHdfsClient,
  directory: string,
  timeoutMs = 15_000,
): Promise<string[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const names = await namesIn(client, directory).catch(() => []);
    if (names.length > 0) return names;
    if (Date.now() > deadline) throw new Error(`Nothing appeared in ${directory} in HDFS`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/**
 * A WebHDFS proxy for one test: NameNode requests pass through, with the DataNode address in
 * CREATE's answer pointed at a second proxy that forwards the upload and holds it once
 * `holdAfterBytes` bytes have passed, until released or cut.
 */
export interface WebHdfsGate {
  /** The NameNode URL to configure instead of the cluster's. */
  readonly url: string;
  /** Resolves once an upload is held. */
  held(): Promise<void>;
  /** Lets the held upload go on. */
  release(): void;
  /** Breaks the held upload's connections on both sides. */
  cut(): void;
  close(): Promise<void>;
}

/** Starts a {@link WebHdfsGate} in front of the NameNode at `nameNodeUrl`. */
export async function startWebHdfsGate(
  nameNodeUrl: string,
  holdAfterBytes: number,
): Promise<WebHdfsGate> {
  let dataNodeOrigin: string | undefined;
  let gateOrigin = '';
  let onHeld: () => void = () => {};
  const heldOnce = new Promise<void>((resolve) => (onHeld = resolve));
  let resume: (() => void) | undefined;
  let released = false;
  const uploads = new Set<{ incoming: IncomingMessage; upstream: ReturnType<typeof request> }>();

  const nameNode = createServer((incoming, response) => {
    const upstream = request(new URL(incoming.url!, nameNodeUrl), {
      method: incoming.method,
      headers: forwardedHeaders(incoming),
    });
    upstream.on('response', (answer) => {
      void readAll(answer).then((body) => {
        let text = body.toString('utf8');
        const location = /"Location"\s*:\s*"([^"]+)"/.exec(text)?.[1];
        if (location) {
          const url = new URL(location);
          dataNodeOrigin = url.origin;
          text = text.replace(location, `${gateOrigin}${url.pathname}${url.search}`);
        }
        const headers = { ...answer.headers };
        delete headers['content-length'];
        delete headers['transfer-encoding'];
        response.writeHead(answer.statusCode ?? 502, headers);
        response.end(text);
      });
    });
    upstream.on('error', () => response.destroy());
    incoming.pipe(upstream);
  });

  const dataNode = createServer((incoming: IncomingMessage, response: ServerResponse) => {
    if (!dataNodeOrigin) {
      response.writeHead(502).end('no DataNode seen yet');
      return;
    }
    const upstream = request(new URL(incoming.url!, dataNodeOrigin), {
      method: incoming.method,
      headers: forwardedHeaders(incoming),
    });
    const upload = { incoming, upstream };
    uploads.add(upload);
    upstream.on('response', (answer) => {
      response.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(response);
    });
    upstream.on('error', () => response.destroy());
    let passed = 0;
    const gate = new Transform({
      transform(chunk: Buffer, _encoding, callback: TransformCallback) {
        passed += chunk.length;
        if (!released && resume === undefined && passed >= holdAfterBytes) {
          this.push(chunk);
          resume = () => callback();
          onHeld();
          return;
        }
        callback(null, chunk);
      },
    });
    pipeline(incoming, gate, upstream)
      .catch(() => undefined)
      .finally(() => uploads.delete(upload));
  });

  await Promise.all([listen(nameNode), listen(dataNode)]);
  gateOrigin = `http://127.0.0.1:${(dataNode.address() as AddressInfo).port}`;
  return {
    url: `http://127.0.0.1:${(nameNode.address() as AddressInfo).port}`,
    held: () => heldOnce,
    release: () => {
      released = true;
      resume?.();
    },
    cut: () => {
      released = true;
      for (const { incoming, upstream } of uploads) {
        upstream.destroy();
        incoming.socket.destroy();
      }
    },
    close: async () => {
      await Promise.all([close(nameNode), close(dataNode)]);
    },
  };
}

function forwardedHeaders(incoming: IncomingMessage): Record<string, string | string[]> {
  const headers: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(incoming.headers)) {
    // Hop-by-hop, or answered here already (Node's server sends the 100 Continue itself).
    if (['host', 'connection', 'keep-alive', 'expect'].includes(name)) continue;
    if (value !== undefined) headers[name] = value;
  }
  return headers;
}

async function readAll(stream: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

function listen(server: Server): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
}

function close(server: Server): Promise<void> {
  server.closeAllConnections();
  return new Promise((resolve) => server.close(() => resolve()));
}
