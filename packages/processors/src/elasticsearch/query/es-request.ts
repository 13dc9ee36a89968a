import { promisify } from 'node:util';
import { gunzip, inflate } from 'node:zlib';
import type { ElasticSearchClientService } from '../../services/elasticsearch-client-service.js';
import {
  classifyRequestError,
  type ElasticsearchRequestProblem,
} from '../../services/elasticsearch-request-error.js';

/** One request to Elasticsearch's REST API. */
export interface EsRequest {
  readonly method: 'GET' | 'POST' | 'DELETE';
  readonly path: string;
  readonly querystring?: Readonly<Record<string, string>>;
  /** The JSON body, sent as written. */
  readonly body?: string;
}

/** The answer's text (a 2xx), or why there is none, sorted as PutElasticsearchJson sorts it. */
export type EsResponse =
  | { readonly ok: true; readonly text: string }
  | { readonly ok: false; readonly problem: ElasticsearchRequestProblem };

/** HTTP statuses of a request the cluster may accept later (as elasticsearch-request-error.ts). */
const RETRYABLE_STATUSES = new Set([429, 502, 503, 504]);

/**
 * Sends a request and returns the response body as text, unparsed: the search processors cut
 * hits out of it with JsonSource, so documents come out byte for byte as Elasticsearch stored
 * them (the client's own parsing would round large numbers).
 */
export async function esRequest(
  service: ElasticSearchClientService,
  request: EsRequest,
  signal?: AbortSignal,
): Promise<EsResponse> {
  const cluster = service.hosts.join(', ');
  try {
    const response = await service.client.transport.request(
      {
        method: request.method,
        path: request.path,
        querystring: { ...request.querystring },
        ...(request.body !== undefined ? { body: request.body } : {}),
      },
      {
        asStream: true,
        meta: true,
        // A string body is sent as written, and would otherwise go as text/plain.
        headers: { 'content-type': 'application/json' },
        ...(signal ? { signal } : {}),
      },
    );
    const text = await bodyText(
      response.body as AsyncIterable<Buffer>,
      String(response.headers?.['content-encoding'] ?? ''),
    );
    if (response.statusCode !== null && response.statusCode >= 400) {
      return { ok: false, problem: statusProblem(response.statusCode, text, cluster) };
    }
    return { ok: true, text };
  } catch (error) {
    return { ok: false, problem: classifyRequestError(error, cluster) };
  }
}

async function bodyText(body: AsyncIterable<Buffer>, encoding: string): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of body) chunks.push(chunk);
  let bytes = Buffer.concat(chunks);
  if (encoding.includes('gzip')) bytes = await promisify(gunzip)(bytes);
  else if (encoding.includes('deflate')) bytes = await promisify(inflate)(bytes);
  return bytes.toString('utf8');
}

/** What an error status says, with Elasticsearch's own reason and its root cause. */
function statusProblem(status: number, text: string, cluster: string): ElasticsearchRequestProblem {
  const reason = errorReason(text) ?? `HTTP ${status}`;
  if (RETRYABLE_STATUSES.has(status)) {
    return {
      kind: 'retry',
      status,
      message: `Elasticsearch at ${cluster} cannot take the request now (HTTP ${status}): ${reason}`,
    };
  }
  return {
    kind: 'failure',
    status,
    message: `Elasticsearch at ${cluster} refused the request with HTTP ${status}: ${reason}`,
  };
}

interface EsError {
  readonly type?: unknown;
  readonly reason?: unknown;
  readonly root_cause?: unknown;
}

/**
 * `type: reason` of an Elasticsearch error body, with the root cause when it says more (a search
 * over several shards answers "all shards failed" and names the real problem there).
 */
export function errorReason(text: string): string | undefined {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return text.trim() === '' ? undefined : text.trim().slice(0, 500);
  }
  const error = (body as { error?: unknown } | null)?.error;
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
