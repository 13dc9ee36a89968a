import { randomUUID } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { Client } from '@elastic/elasticsearch';
import { TestRunner } from '@sluice/engine';
import { PutElasticsearchJson } from '../../src/put-elasticsearch-json.js';
import { ElasticSearchClientServiceImpl } from '../../src/services/elasticsearch-client-service.js';

/** A fresh index name per test, so tests sharing one node never see each other's documents. */
export function uniqueIndex(prefix = 'put-es-json'): string {
  return `${prefix}-${randomUUID()}`;
}

/**
 * A PutElasticsearchJson runner whose client service (id `es`) talks to `url` without
 * authentication; `service` overrides the service's properties.
 */
export function putElasticsearchRunner(
  url: string,
  properties: Readonly<Record<string, string>>,
  service: Readonly<Record<string, string>> = {},
  options: {
    penaltyDuration?: string;
    autoTerminate?: readonly string[];
    concurrentTasks?: number;
  } = {},
): Promise<TestRunner> {
  return TestRunner.create(PutElasticsearchJson, {
    properties: { clientService: 'es', ...properties },
    services: {
      es: {
        definition: ElasticSearchClientServiceImpl,
        properties: { httpHosts: url, authorizationScheme: 'NONE', ...service },
      },
    },
    ...options,
  });
}

/** A client for checking what arrived (never `ping`/`info`: this distribution has no `GET /`). */
export function checkingClient(url: string): Client {
  return new Client({ node: url, maxRetries: 0 });
}

/** The document's `_source` exactly as Elasticsearch stored it (the bytes that were sent). */
export async function storedSourceText(url: string, index: string, id: string): Promise<string> {
  const response = await fetch(
    `${url}/${encodeURIComponent(index)}/_source/${encodeURIComponent(id)}`,
  );
  if (!response.ok) {
    throw new Error(
      `GET ${index}/_source/${id} answered HTTP ${response.status}: ${await response.text()}`,
    );
  }
  return response.text();
}

/** How many `_bulk` requests the node has answered so far (its HTTP route statistics). */
export async function bulkRequestCount(client: Client): Promise<number> {
  const stats = (await client.nodes.stats({ metric: 'http' })) as unknown as {
    nodes: Record<
      string,
      { http?: { routes?: Record<string, { requests?: { count?: number } }> } }
    >;
  };
  return Object.values(stats.nodes).reduce(
    (sum, node) => sum + (node.http?.routes?.['/_bulk']?.requests?.count ?? 0),
    0,
  );
}

/** `pid` and all its descendants (from /proc), e.g. the server JVM under Elasticsearch's launcher. */
export async function processTree(pid: number): Promise<number[]> {
  const parents = new Map<number, number[]>();
  for (const entry of await readdir('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    let stat: string;
    try {
      stat = await readFile(`/proc/${entry}/stat`, 'utf8');
    } catch {
      continue; // exited meanwhile
    }
    // The command name in parentheses may hold spaces; the parent pid follows it.
    const parent = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
    parents.set(parent, [...(parents.get(parent) ?? []), Number(entry)]);
  }
  const tree = [pid];
  for (let i = 0; i < tree.length; i++) tree.push(...(parents.get(tree[i]!) ?? []));
  return tree;
}
