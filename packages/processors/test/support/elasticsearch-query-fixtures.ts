import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Client } from '@elastic/elasticsearch';
import { ElasticSearchClientServiceImpl } from '../../src/services/elasticsearch-client-service.js';

/** Number of documents in a {@link indexNumbered} index. */
export const NUMBERED_DOCS = 2500;

/** The groups documents are spread over, by `n % 5`. */
export const GROUPS = ['a', 'b', 'c', 'd', 'e'] as const;

/**
 * Creates `index` with {@link NUMBERED_DOCS} documents `{ n, group, title }` (`n` from 0, `group`
 * by `n % 5`), searchable when this resolves.
 */
export async function indexNumbered(es: Client, index: string): Promise<void> {
  await es.indices.create({
    index,
    mappings: {
      properties: {
        n: { type: 'integer' },
        group: { type: 'keyword' },
        title: { type: 'text' },
      },
    },
  });
  const operations = Array.from({ length: NUMBERED_DOCS }, (_, n) => [
    { index: { _index: index, _id: `doc-${n}` } },
    { n, group: GROUPS[n % 5], title: `Document ${n}` },
  ]).flat();
  const response = await es.bulk({ operations, refresh: true });
  if (response.errors) throw new Error(`indexing ${index} failed`);
}

/** The service configuration of an ElasticSearchClientServiceImpl talking to `url`. */
export function esService(url: string, properties: Record<string, string> = {}) {
  return {
    definition: ElasticSearchClientServiceImpl,
    properties: { httpHosts: url, authorizationScheme: 'NONE', ...properties },
  };
}

/** Search contexts (scrolls, points in time) Elasticsearch holds open on `index`. */
export async function openSearchContexts(es: Client, index: string): Promise<number> {
  const stats = await es.indices.stats({ index, metric: 'search' });
  return stats._all.total?.search?.open_contexts ?? 0;
}

/**
 * A proxy in front of Elasticsearch that answers HTTP 503 to the `failAt`-th search request
 * (counting from 1) and forwards everything else: a cluster that fails in the middle of a query.
 */
export async function failingProxy(
  target: string,
  failAt: number,
): Promise<{ url: string; searches: () => number; close: () => Promise<void> }> {
  let searches = 0;
  const server: Server = createServer((request, response) => {
    void (async () => {
      const body = await readAll(request);
      if ((request.url ?? '').includes('_search')) {
        searches++;
        if (searches === failAt) {
          response.writeHead(503, {
            'content-type': 'application/json',
            'x-elastic-product': 'Elasticsearch',
          });
          response.end('{"error":{"type":"unavailable","reason":"proxy says no"},"status":503}');
          return;
        }
      }
      const forwarded = await fetch(`${target}${request.url ?? ''}`, {
        method: request.method ?? 'GET',
        headers: { 'content-type': String(request.headers['content-type'] ?? 'application/json') },
        ...(body.length > 0 ? { body } : {}),
      });
      const headers: Record<string, string> = {};
      forwarded.headers.forEach((value, key) => {
        if (key !== 'content-encoding' && key !== 'content-length' && key !== 'transfer-encoding')
          headers[key] = value;
      });
      response.writeHead(forwarded.status, headers);
      response.end(Buffer.from(await forwarded.arrayBuffer()));
    })().catch((error: unknown) => {
      response.writeHead(500);
      response.end(String(error));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    searches: () => searches,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

async function readAll(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}
