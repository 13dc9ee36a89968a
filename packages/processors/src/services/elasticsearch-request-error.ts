import { errors } from '@elastic/elasticsearch';
import { displayUrl } from './elasticsearch-client-options.js';

/**
 * Why a request to Elasticsearch got no usable answer, sorted by what a processor should do:
 * - `unreachable`: no answer at all (refused, reset, timed out): nothing is wrong with the data,
 *   so keep it queued and wait (roll back and yield). After a timeout the cluster may still
 *   apply the request: sending again is at-least-once, idempotent only for documents with ids;
 * - `retry`: the cluster answered that it cannot take the request now (HTTP 429, 502, 503, 504),
 *   worth sending again later (NiFi's `retry` relationship);
 * - `failure`: the cluster refused the request itself (bad parameter, authentication, too
 *   large), which sending again will not fix;
 * - `aborted`: the processor was stopped while waiting.
 */
export type ElasticsearchRequestProblem =
  | { readonly kind: 'unreachable'; readonly message: string }
  | { readonly kind: 'retry'; readonly status: number; readonly message: string }
  | { readonly kind: 'failure'; readonly status?: number; readonly message: string }
  | { readonly kind: 'aborted'; readonly message: string };

/** HTTP statuses of a request the cluster may accept later: overloaded or briefly unavailable. */
const RETRYABLE_STATUSES = new Set([429, 502, 503, 504]);

/**
 * Sorts an error of `@elastic/elasticsearch` (or anything thrown around a request) into an
 * {@link ElasticsearchRequestProblem} whose message says what happened and where. `fallbackUrl`
 * names the cluster when the error does not say which node it talked to.
 */
export function classifyRequestError(
  error: unknown,
  fallbackUrl: string,
): ElasticsearchRequestProblem {
  const where = nodeUrlOf(error) ?? fallbackUrl;
  if (error instanceof errors.RequestAbortedError) {
    return { kind: 'aborted', message: `The request to Elasticsearch at ${where} was aborted` };
  }
  if (error instanceof errors.TimeoutError) {
    return {
      kind: 'unreachable',
      message: `Elasticsearch at ${where} is unreachable: no answer within the Read Timeout (${error.message}); it may still apply the request, so a document sent again without an id can be indexed twice`,
    };
  }
  if (error instanceof errors.ConnectionError || error instanceof errors.NoLivingConnectionsError) {
    return {
      kind: 'unreachable',
      message: `Elasticsearch at ${where} is unreachable: ${error.message}`,
    };
  }
  if (error instanceof errors.ResponseError) {
    return statusProblem(error.statusCode ?? error.meta.statusCode ?? 0, error.meta.body, where, {
      fallback: error.message,
    });
  }
  if (error instanceof errors.ProductNotSupportedError) {
    return {
      kind: 'failure',
      message: `The server at ${where} is not Elasticsearch (or not a supported version): ${error.message}`,
    };
  }
  const message = error instanceof Error ? error.message : String(error);
  return { kind: 'failure', message: `A request to Elasticsearch at ${where} failed: ${message}` };
}

/** The URL of the node an error came from, without credentials, when the error carries it. */
function nodeUrlOf(error: unknown): string | undefined {
  const meta = (error as { meta?: { meta?: { connection?: { url?: unknown } | null } } } | null)
    ?.meta?.meta;
  const url = meta?.connection?.url;
  return url instanceof URL ? displayUrl(url) : undefined;
}

/**
 * What an error status from `where` means for a processor: `retry` for a cluster that cannot
 * take the request now (429, 502, 503, 504), `failure` otherwise, with Elasticsearch's reason
 * read from `body` (parsed, or the raw text) or else `fallback`.
 */
export function statusProblem(
  status: number,
  body: unknown,
  where: string,
  { fallback = `HTTP ${status}` }: { fallback?: string } = {},
): ElasticsearchRequestProblem {
  const reason = errorReason(body) ?? fallback;
  if (RETRYABLE_STATUSES.has(status)) {
    return {
      kind: 'retry',
      status,
      message: `Elasticsearch at ${where} cannot take the request now (HTTP ${status}): ${reason}`,
    };
  }
  return {
    kind: 'failure',
    status,
    message: `Elasticsearch at ${where} refused the request with HTTP ${status}: ${reason}`,
  };
}

interface EsError {
  readonly type?: unknown;
  readonly reason?: unknown;
  readonly root_cause?: unknown;
}

/**
 * `type: reason` of an Elasticsearch error body (parsed, or its text), with the root cause when it
 * says more (a search over several shards answers "all shards failed" and names the real problem
 * there); undefined when the body has none.
 */
export function errorReason(body: unknown): string | undefined {
  if (typeof body === 'string') {
    const text = body.trim();
    try {
      body = JSON.parse(text);
    } catch {
      return text === '' ? undefined : text.slice(0, 500);
    }
  }
  const error = (body as { error?: unknown } | null | undefined)?.error;
  if (typeof error === 'string') return error;
  if (typeof error !== 'object' || error === null) return undefined;
  const top = describe(error as EsError);
  const roots = (error as EsError).root_cause;
  const root = Array.isArray(roots) ? describe(roots[0] as EsError) : undefined;
  if (root === undefined || root === top) return top;
  return top === undefined ? root : `${top} (caused by ${root})`;
}

function describe(error: EsError | undefined): string | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const { type, reason } = error;
  if (typeof type === 'string' && typeof reason === 'string') return `${type}: ${reason}`;
  if (typeof reason === 'string') return reason;
  return typeof type === 'string' ? type : undefined;
}
