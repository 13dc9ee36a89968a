import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { errorOfNetworkFailure } from './network-error.js';
import { RequestSignal } from './request-signal.js';
import { errorOfResponse, type WebHdfsTarget } from './webhdfs-error.js';

/** Bytes to write: in memory, or streamed from any async iterable (a Node Readable is one). */
export type UploadBody = Uint8Array | AsyncIterable<Uint8Array> | Readable;

/** The second step of CREATE or APPEND: the bytes to the DataNode the NameNode named. */
export interface DataNodeUpload {
  operation: 'CREATE' | 'APPEND';
  path: string;
  location: URL;
  method: 'PUT' | 'POST';
  body: UploadBody;
  /** 201 for CREATE, 200 for APPEND. */
  expectedStatus: number;
  /** How long the DataNode may stay silent (no bytes either way) before the upload fails. */
  idleTimeoutMs: number;
  signals: readonly (AbortSignal | undefined)[];
}

/**
 * How long to wait for the DataNode's `100 Continue` before sending the bytes anyway (RFC 9110
 * lets a client go on; a server that ignores `Expect` would otherwise wait for ever).
 */
const CONTINUE_WAIT_MS = 1_000;

/** At most this much of an answer's body is kept for an error message. */
const MAX_ANSWER_BYTES = 64 * 1024;

/**
 * Sends the bytes with node:http, not fetch. Hadoop's DataNode answers every CREATE and APPEND
 * with an unsolicited `100 Continue` before its real answer, and undici (Node's fetch) destroys
 * the socket on a 100 ("bad response", undici issue #197). node:http reads the 100 as an
 * interim answer. The request asks `Expect: 100-continue`, so that a DataNode that cannot write
 * (the file exists, no space) answers before any byte of a large body is sent.
 */
export function uploadToDataNode(upload: DataNodeUpload): Promise<void> {
  const target: WebHdfsTarget = {
    operation: upload.operation,
    path: upload.path,
    host: upload.location.origin,
  };
  const signal = new RequestSignal(undefined, upload.signals);
  let idle = false;
  const failure = (error: unknown) =>
    errorOfNetworkFailure(
      target,
      error,
      { timedOut: idle, abortedByCaller: signal.abortedByCaller },
      upload.idleTimeoutMs,
    );

  return new Promise<void>((resolve, reject) => {
    let settled = false;
    // Sends the body after the DataNode's `100 Continue`, or after a while without one.
    const fallback = setTimeout(() => send(), CONTINUE_WAIT_MS);
    const settle = (outcome: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(fallback);
      signal.dispose();
      outcome();
    };

    const inMemory = upload.body instanceof Uint8Array;
    const request = upload.location.protocol === 'https:' ? httpsRequest : httpRequest;
    const req = request(upload.location, {
      method: upload.method,
      signal: signal.signal,
      headers: {
        'content-type': 'application/octet-stream',
        expect: '100-continue',
        ...(upload.body instanceof Uint8Array && { 'content-length': upload.body.byteLength }),
      },
    });
    req.setTimeout(upload.idleTimeoutMs, () => {
      idle = true;
      req.destroy(new Error(`no bytes moved for ${upload.idleTimeoutMs} ms`));
    });
    req.on('error', (error) => settle(() => reject(failure(error))));
    req.on('response', (response: IncomingMessage) => {
      readAnswer(response).then(
        (text) => {
          const status = response.statusCode ?? 0;
          settle(() =>
            status === upload.expectedStatus
              ? resolve()
              : reject(errorOfResponse(target, status, text)),
          );
          // An early refusal arrives before the body is sent: stop sending it.
          if (!req.writableFinished) req.destroy();
        },
        (error: unknown) => settle(() => reject(failure(error))),
      );
    });

    let sending = false;
    const send = () => {
      if (sending || settled) return;
      sending = true;
      clearTimeout(fallback);
      if (inMemory) {
        req.end(upload.body);
        return;
      }
      let sourceError: { error: unknown } | undefined;
      const source = upload.body as AsyncIterable<Uint8Array>;
      async function* guarded(): AsyncGenerator<Uint8Array> {
        try {
          for await (const chunk of source) yield chunk;
        } catch (error) {
          sourceError = { error };
          throw error;
        }
      }
      pipeline(guarded(), req).catch(() => {
        // The caller's stream failed: that error, as it is, not a WebHDFS one. A failure of the
        // request itself is reported by its own 'error' or 'response' event.
        if (sourceError) {
          req.destroy();
          settle(() => reject(sourceError!.error));
        }
      });
    };
    req.once('continue', send);
    req.flushHeaders();
  });
}

async function readAnswer(response: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of response as AsyncIterable<Buffer>) {
    if (size < MAX_ANSWER_BYTES) chunks.push(chunk);
    size += chunk.length;
  }
  return Buffer.concat(chunks).toString('utf8');
}
