import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { pinoHttp } from 'pino-http';
import type { SluiceLogger } from './logger.js';

/** The header that carries a request's id, in and out (as nginx, Heroku and most proxies use). */
export const REQUEST_ID_HEADER = 'X-Request-Id';

/**
 * An incoming id is kept only if it is a short token of safe characters: it lands in logs and a
 * response header, so no spaces, quotes or control characters (log injection, header splitting).
 */
const SANE_REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** The id of a request: the caller's `X-Request-Id` if it is a sane token, else a new UUID. */
export function requestIdOf(req: IncomingMessage): string {
  const incoming = req.headers['x-request-id'];
  const value = Array.isArray(incoming) ? incoming[0] : incoming;
  return value !== undefined && SANE_REQUEST_ID.test(value) ? value : randomUUID();
}

/** Paths probed every few seconds: their successful answers are logged at debug, not info. */
const PROBES = /^\/(?:health(?:\/.*)?|metrics)$/;

/** The request fields a log line keeps; never headers such as Cookie or Authorization, nor the body. */
function serializeRequest(req: IncomingMessage & { id?: unknown; originalUrl?: string }) {
  // Express rewrites `url` inside mounted routers; `originalUrl` is what the caller asked.
  const url = req.originalUrl ?? req.url ?? '';
  const query = url.indexOf('?');
  return {
    id: req.id,
    method: req.method,
    // The query string is dropped: a tRPC query carries its whole input there.
    path: query < 0 ? url : url.slice(0, query),
    remoteAddress: req.socket?.remoteAddress,
    userAgent: req.headers['user-agent'],
  };
}

/** The response fields a log line keeps (never Set-Cookie). */
function serializeResponse(res: ServerResponse) {
  return {
    statusCode: res.statusCode,
    contentLength: res.getHeader?.('content-length'),
  };
}

/**
 * Logs every request once it is answered (method, path, status, time) with its request id, and
 * echoes the id as `X-Request-Id`. Handlers log through `req.log`, which carries the id too.
 * 5xx are errors, 4xx warnings, probes of `/health` and `/metrics` debug, the rest info.
 */
export function requestLogging(logger: SluiceLogger) {
  return pinoHttp({
    logger,
    genReqId: (req, res) => {
      const id = requestIdOf(req);
      res.setHeader(REQUEST_ID_HEADER, id);
      return id;
    },
    // The serializers get the raw request and response, not pino's default picks (all headers).
    wrapSerializers: false,
    serializers: { req: serializeRequest, res: serializeResponse },
    customLogLevel: (req, res, error) => {
      if (error || res.statusCode >= 500) return 'error';
      if (res.statusCode >= 400) return 'warn';
      return PROBES.test(serializeRequest(req).path) ? 'debug' : 'info';
    },
    customSuccessMessage: (req, res) =>
      `${req.method} ${serializeRequest(req).path} ${res.statusCode}`,
    customErrorMessage: (req, res) =>
      `${req.method} ${serializeRequest(req).path} failed with ${res.statusCode}`,
  });
}
