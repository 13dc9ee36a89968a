import { promisify } from 'node:util';
import { gunzip, inflate } from 'node:zlib';
import type { ElasticSearchClientService } from '../../services/elasticsearch-client-service.js';
import {
  classifyRequestError,
  statusProblem,
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
