import type { RequestSignal } from './request-signal.js';
import { WebHdfsError, type WebHdfsTarget } from './webhdfs-error.js';

/**
 * The error for a request that got no answer: refused, unresolvable, broken off, timed out or
 * aborted. fetch reports these as `TypeError('fetch failed')` with the system error as `cause`
 * (an AggregateError when it tried IPv4 and IPv6); node:http reports the system error itself.
 */
export function errorOfNetworkFailure(
  target: WebHdfsTarget,
  error: unknown,
  signal: Pick<RequestSignal, 'timedOut' | 'abortedByCaller'>,
  timeoutMs: number,
): WebHdfsError {
  if (error instanceof WebHdfsError) return error;
  const { operation, path, host } = target;
  const what = `${operation} ${path}`;
  if (signal.timedOut) {
    return new WebHdfsError(
      'timeout',
      target,
      `WebHDFS at ${host} did not answer ${what} within ${timeoutMs} ms`,
      { cause: error },
    );
  }
  if (signal.abortedByCaller) {
    return new WebHdfsError('aborted', target, `WebHDFS ${what} at ${host} was aborted`, {
      cause: error,
    });
  }
  const code = systemCodeOf(error);
  switch (code) {
    case 'ECONNREFUSED':
      return new WebHdfsError(
        'unreachable',
        target,
        `WebHDFS at ${host} refused the connection (${what})`,
        { cause: error },
      );
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return new WebHdfsError(
        'unreachable',
        target,
        `WebHDFS at ${host}: the host name does not resolve (${what})`,
        { cause: error },
      );
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
    case 'ETIMEDOUT':
    case 'UND_ERR_CONNECT_TIMEOUT':
      return new WebHdfsError(
        'unreachable',
        target,
        `WebHDFS at ${host} is unreachable (${code}, ${what})`,
        { cause: error },
      );
    default:
      return new WebHdfsError(
        'connection',
        target,
        `WebHDFS ${what} at ${host} failed: the connection broke (${code ?? messageOf(error)})`,
        { cause: error },
      );
  }
}

/** The first `code` (ECONNREFUSED, UND_ERR_SOCKET …) on the error, its cause, or their parts. */
function systemCodeOf(error: unknown): string | undefined {
  const seen = new Set<unknown>();
  const pending = [error];
  while (pending.length > 0) {
    const current = pending.shift();
    if (typeof current !== 'object' || current === null || seen.has(current)) continue;
    seen.add(current);
    const { code, cause, errors } = current as {
      code?: unknown;
      cause?: unknown;
      errors?: unknown;
    };
    if (typeof code === 'string') return code;
    pending.push(cause);
    if (Array.isArray(errors)) pending.push(...errors);
  }
  return undefined;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
