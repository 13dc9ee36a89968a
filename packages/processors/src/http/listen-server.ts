import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ComponentLog } from '@sluice/engine';
import type { ReceivedRequest, ResponseHeaders } from './received-request.js';
import type { RequestInbox } from './request-inbox.js';

/** What a listening server accepts and where it puts what it read. */
export interface ListenServerOptions {
  readonly host: string;
  readonly port: number;
  /** The base path without leading or trailing slashes; '' for the root. */
  readonly basePath: string;
  /** Largest body accepted, in bytes; a larger one gets 413. */
  readonly maxRequestSize: number;
  /** Most requests held (waiting in the inbox or being read) before new ones get 503. */
  readonly maxHeldRequests: number;
  /** Most body bytes held (waiting or being read) before new ones get 503. */
  readonly maxHeldBytes: number;
  /** Checks the Authorization header; undefined when no token is required. */
  readonly authorized: ((authorization: string | undefined) => boolean) | undefined;
  /** False while the processor cannot take more: its outgoing connection is full, or it stops. */
  readonly accepting: () => boolean;
  readonly inbox: RequestInbox;
  readonly log: ComponentLog;
}

/** Seconds a client is asked to wait before retrying a 503. */
export const RETRY_AFTER_SECONDS = 1;
/** A request waiting longer than this for a trigger is answered 503, so its client can retry. */
const WAIT_LIMIT_MS = 30_000;
/** How often waiting requests are checked against back-pressure and the wait limit. */
const SWEEP_MS = 100;
/** How long closing waits for connections to finish before cutting them. */
const CLOSE_GRACE_MS = 2_000;

const ACCEPTED_METHODS = ['POST', 'PUT'];
const RETRY_HEADERS = { 'Retry-After': String(RETRY_AFTER_SECONDS) };

/**
 * ListenHTTP's HTTP server: checks path, token, method and size, reads each accepted body whole
 * (within bounded memory) and puts it in the inbox, where the request waits, unanswered, until a
 * trigger committed it. Whatever it cannot take now gets 503 with Retry-After.
 */
export class ListenServer {
  readonly #options: ListenServerOptions;
  readonly #server: Server;
  readonly #base: string;
  readonly #health: string;
  readonly #sweep: NodeJS.Timeout;
  #readingCount = 0;
  #readingBytes = 0;
  #closing = false;

  private constructor(options: ListenServerOptions, server: Server) {
    this.#options = options;
    this.#server = server;
    this.#base = options.basePath === '' ? '' : `/${options.basePath}`;
    this.#health = `${this.#base}/healthcheck`;
    this.#sweep = setInterval(() => this.#sweepWaiting(), SWEEP_MS).unref();
  }

  /** Starts listening; rejects with a message naming the address when it cannot. */
  static async start(options: ListenServerOptions): Promise<ListenServer> {
    const server = createServer();
    await new Promise<void>((resolve, reject) => {
      server.once('error', (error) =>
        reject(new Error(`Cannot listen on ${options.host}:${options.port}: ${error.message}`)),
      );
      server.listen(options.port, options.host, () => resolve());
    });
    const listener = new ListenServer(options, server);
    server.on('request', (req, res) => listener.#handle(req, res));
    server.on('error', (error) => options.log.error(`HTTP server error: ${error.message}`));
    return listener;
  }

  /** The address actually bound. */
  get address(): AddressInfo {
    return this.#server.address() as AddressInfo;
  }

  /** Stops listening, answers every waiting request 503, and waits for connections to end. */
  async close(): Promise<void> {
    this.#closing = true;
    clearInterval(this.#sweep);
    for (const request of this.#options.inbox.takeAll()) {
      request.respond(503, 'ListenHTTP is stopping; retry later', RETRY_HEADERS);
    }
    await new Promise<void>((resolve) => {
      const cut = setTimeout(() => this.#server.closeAllConnections(), CLOSE_GRACE_MS).unref();
      this.#server.close(() => {
        clearTimeout(cut);
        resolve();
      });
      this.#server.closeIdleConnections();
    });
  }

  #handle(req: IncomingMessage, res: ServerResponse): void {
    const reply = (status: number, message?: string, headers?: ResponseHeaders): void =>
      send(req, res, status, message, headers);
    const method = req.method ?? '';
    const uri = (req.url ?? '/').split('?')[0]!;
    if (this.#closing) return reply(503, 'ListenHTTP is stopping; retry later', RETRY_HEADERS);
    if (uri === this.#health && (method === 'GET' || method === 'HEAD')) return reply(200, 'OK');
    const underBase = this.#base === '' || uri === this.#base || uri.startsWith(`${this.#base}/`);
    if (!underBase) return reply(404, `Nothing at ${uri}; this listener takes ${this.#base}`);
    if (this.#options.authorized && !this.#options.authorized(req.headers.authorization)) {
      return reply(401, 'A valid Authorization: Bearer token is required', {
        'WWW-Authenticate': 'Bearer',
      });
    }
    if (method === 'HEAD') return reply(200);
    if (!ACCEPTED_METHODS.includes(method)) {
      return reply(405, `${method} is not allowed; send the data with POST or PUT`, {
        Allow: 'POST, PUT, HEAD',
      });
    }
    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > this.#options.maxRequestSize) return this.#tooLarge(req, res);
    if (!this.#options.accepting() || !this.#hasRoom(declared)) return this.#busy(req, res);
    this.#read(req, res, method, uri);
  }

  /** Reads the body whole, then hands the request to the inbox (or answers why not). */
  #read(req: IncomingMessage, res: ServerResponse, method: string, uri: string): void {
    const chunks: Buffer[] = [];
    let size = 0;
    let refused = false;
    this.#readingCount++;
    const release = (): void => {
      this.#readingCount--;
      this.#readingBytes -= size;
    };
    const refuse = (answer: () => void): void => {
      refused = true;
      release();
      chunks.length = 0;
      answer();
    };
    req.on('data', (chunk: Buffer) => {
      if (refused) return;
      size += chunk.length;
      this.#readingBytes += chunk.length;
      if (size > this.#options.maxRequestSize) return refuse(() => this.#tooLarge(req, res));
      if (!this.#withinHeldBytes()) return refuse(() => this.#busy(req, res));
      chunks.push(chunk);
    });
    req.on('end', () => {
      if (refused) return;
      release();
      if (this.#closing || !this.#options.accepting()) return this.#busy(req, res);
      this.#options.inbox.add(this.#received(req, res, method, uri, Buffer.concat(chunks, size)));
    });
    // The client went away before sending everything: nothing to answer, nothing to keep.
    req.on('close', () => {
      if (!refused && !req.complete) refuse(() => undefined);
    });
  }

  #received(
    req: IncomingMessage,
    res: ServerResponse,
    method: string,
    uri: string,
    body: Buffer,
  ): ReceivedRequest {
    const headers = new Map<string, string>();
    const lowerCase = new Map<string, string>();
    for (let i = 0; i + 1 < req.rawHeaders.length; i += 2) {
      const name = req.rawHeaders[i]!;
      const value = req.rawHeaders[i + 1]!;
      // One attribute per header, named as the client first wrote it; repeated values joined.
      const known = lowerCase.get(name.toLowerCase());
      if (known === undefined) {
        lowerCase.set(name.toLowerCase(), name);
        headers.set(name, value);
      } else {
        headers.set(known, `${headers.get(known)}, ${value}`);
      }
    }
    const { address, port } = this.address;
    const host = req.headers.host ?? `${address}:${port}`;
    return {
      method,
      uri,
      url: `http://${host}${req.url ?? uri}`,
      remoteHost: (req.socket.remoteAddress ?? '').replace(/^::ffff:/, ''),
      headers,
      body,
      receivedAt: Date.now(),
      respond: (status, message, extra) => send(req, res, status, message, extra),
    };
  }

  #hasRoom(more: number): boolean {
    const { inbox, maxHeldRequests } = this.#options;
    if (inbox.count === 0 && this.#readingCount === 0) return true;
    return inbox.count + this.#readingCount < maxHeldRequests && this.#withinHeldBytes(more);
  }

  /** Whether what is held fits; a single request alone always fits (it passed the size limit). */
  #withinHeldBytes(more = 0): boolean {
    const { inbox, maxHeldBytes } = this.#options;
    if (inbox.count === 0 && this.#readingCount <= 1) return true;
    return inbox.bytes + this.#readingBytes + more <= maxHeldBytes;
  }

  #tooLarge(req: IncomingMessage, res: ServerResponse): void {
    send(req, res, 413, `The body is larger than ${this.#options.maxRequestSize} bytes`);
  }

  #busy(req: IncomingMessage, res: ServerResponse): void {
    send(req, res, 503, 'ListenHTTP cannot take more data now; retry later', RETRY_HEADERS);
  }

  /** Waiting requests get 503 when the processor will not be triggered soon enough for them. */
  #sweepWaiting(): void {
    const { inbox, accepting } = this.#options;
    if (inbox.count === 0) return;
    const expired = accepting() ? inbox.takeOlderThan(Date.now() - WAIT_LIMIT_MS) : inbox.takeAll();
    for (const request of expired) {
      request.respond(503, 'ListenHTTP cannot take more data now; retry later', RETRY_HEADERS);
    }
  }
}

/** Answers once with a short text; a body still unread closes the connection after the answer. */
function send(
  req: IncomingMessage,
  res: ServerResponse,
  status: number,
  message: string | undefined,
  headers: ResponseHeaders = {},
): void {
  if (res.headersSent || res.writableEnded || res.destroyed) return;
  const bodyless = status === 204 || status === 304 || (status >= 100 && status < 200);
  const body = message === undefined || bodyless ? '' : `${message}\n`;
  res.writeHead(status, {
    ...(bodyless
      ? {}
      : {
          'Content-Type': 'text/plain; charset=utf-8',
          'Content-Length': String(Buffer.byteLength(body)),
        }),
    ...(req.complete ? {} : { Connection: 'close' }),
    ...headers,
  });
  res.end(body);
}
