import { rm } from 'node:fs/promises';
import type { Client } from '@elastic/elasticsearch';
import {
  defineProcessor,
  FlowEngine,
  ProcessorRegistry,
  TestRunner,
  type OutputFlowFile,
} from '@sluice/engine';
import { freePort } from '@sluice/services';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { checkingClient, uniqueIndex } from '../test/support/elasticsearch-fixtures.js';
import {
  esService,
  indexNumbered,
  openSearchContexts,
} from '../test/support/elasticsearch-query-fixtures.js';
import { closedAfterEach } from '../test/support/runners.js';
import { SearchElasticsearch } from './search-elasticsearch.js';
import { ElasticSearchClientServiceImpl } from './services/elasticsearch-client-service.js';

const { url } = inject('services').elasticsearch!;
const track = closedAfterEach();
let es: Client;
/** One index of 2,500 numbered documents, shared by the tests, which only read it. */
const index = uniqueIndex('search-es');

beforeAll(async () => {
  es = checkingClient(url);
  await indexNumbered(es, index);
});
afterAll(async () => {
  await es.indices.delete({ index, ignore_unavailable: true });
  await es.close();
});

async function searcher(properties: Record<string, string>, serviceUrl = url): Promise<TestRunner> {
  return track(
    await TestRunner.create(SearchElasticsearch, {
      properties: { clientService: 'es', index, ...properties },
      services: { es: esService(serviceUrl) },
    }),
  );
}

function numbers(flowFiles: readonly OutputFlowFile[]): number[] {
  return flowFiles.flatMap((f) =>
    (JSON.parse(f.text) as { _source: { n: number } }[]).map((hit) => hit._source.n),
  );
}

const range = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => from + i);

/** Documents 0 to 999, 400 a page, sorted: pages of 400, 400, 200, then an empty one. */
const THOUSAND = JSON.stringify({
  size: 400,
  query: { range: { n: { lt: 1000 } } },
  sort: [{ n: 'asc' }],
});

describe('SearchElasticsearch — one page per trigger, as NiFi', () => {
  it.each([
    ['SCROLL', 'pagination-scroll'],
    ['SEARCH_AFTER', 'pagination-search_after'],
    ['POINT_IN_TIME', 'pagination-pit'],
  ])('pages through the query with %s, keeping its place in the state', async (_, type) => {
    const run = await searcher({ query: THOUSAND, paginationType: type, restartOnFinish: 'false' });

    await run.run();
    expect((await run.flowFiles('hits')).map((f) => f.attributes['page.number'])).toEqual(['1']);
    expect(run.state()).toMatchObject({ pageCount: '1', hitCount: '400', finished: 'false' });

    await run.run(3);
    const pages = await run.flowFiles('hits');
    expect(pages.map((f) => f.attributes['page.number'])).toEqual(['1', '2', '3']);
    expect(numbers(pages)).toEqual(range(0, 1000));
    expect(run.state()).toMatchObject({ finished: 'true', pageCount: '4', hitCount: '1000' });
    expect(await openSearchContexts(es, index)).toBe(0);

    // Finished, and not to restart: nothing more.
    await run.run();
    expect(await run.flowFiles('hits')).toHaveLength(3);
  });

  it('starts the query again once finished with Restart On Finish', async () => {
    const run = await searcher({
      query: JSON.stringify({ size: 600, query: { range: { n: { lt: 1000 } } } }),
    });
    await run.run(3);
    expect(run.state()).toMatchObject({ finished: 'true' });

    await run.run();

    const pages = await run.flowFiles('hits');
    expect(pages.map((f) => f.attributes['page.number'])).toEqual(['1', '2', '1']);
    expect(numbers(pages.slice(0, 2)).sort((a, b) => a - b)).toEqual(range(0, 1000));
  });

  it('starts over when the cursor expired between triggers', async () => {
    const run = await searcher({ query: THOUSAND, paginationKeepAlive: '1 sec' });
    await run.run();
    await new Promise((resolve) => setTimeout(resolve, 1500));

    await run.run();

    const pages = await run.flowFiles('hits');
    expect(pages.map((f) => f.attributes['page.number'])).toEqual(['1', '1']);
    expect(numbers(pages)).toEqual([...range(0, 400), ...range(0, 400)]);
  });

  it('emits the first page aggregations once, and one flowfile per hit with PER_HIT', async () => {
    const run = await searcher({
      query: JSON.stringify({
        size: 3,
        query: { range: { n: { lt: 5 } } },
        sort: [{ n: 'asc' }],
        aggs: { total: { sum: { field: 'n' } } },
      }),
      paginationType: 'pagination-search_after',
      searchResultsSplit: 'splitUp-yes',
      restartOnFinish: 'false',
    });

    await run.run(3);

    const hits = await run.flowFiles('hits');
    expect(
      hits.map((h) => [(JSON.parse(h.text) as { _id: string })._id, h.attributes['page.number']]),
    ).toEqual([
      ['doc-0', '1'],
      ['doc-1', '1'],
      ['doc-2', '1'],
      ['doc-3', '2'],
      ['doc-4', '2'],
    ]);
    const aggregations = await run.flowFiles('aggregations');
    expect(aggregations.map((a) => JSON.parse(a.text) as unknown)).toEqual([
      { total: { value: 10 } },
    ]);
  });

  it('continues after the last committed page when Sluice restarts', async () => {
    const run = await searcher({ query: THOUSAND, paginationType: 'pagination-pit' });
    await run.run(2);
    const document = run.engine.document;
    await run.engine.close();

    const engine = await FlowEngine.open({
      dataDir: run.dataDir,
      document,
      registry: new ProcessorRegistry(
        [SearchElasticsearch, TEST_SINK],
        [ElasticSearchClientServiceImpl],
      ),
      fsync: 'never',
      autoStart: false,
    });
    try {
      expect((await engine.enableService('es')).ok).toBe(true);
      expect(engine.state('under-test')).toMatchObject({ pageCount: '2', finished: 'false' });

      await engine.runOnce('under-test');

      const pages = engine.listQueue('hits', 0, 100);
      expect(pages.map((f) => f.attributes['page.number'])).toEqual(['1', '2', '3']);
      expect(engine.state('under-test')).toMatchObject({ pageCount: '3', hitCount: '1000' });
    } finally {
      await engine.close();
      await rm(run.dataDir, { recursive: true, force: true });
    }
  });
});

/** The sink type TestRunner connects each relationship to, for reopening its flow. */
const TEST_SINK = defineProcessor({
  type: 'TestRunnerSink',
  description: 'Holds what the processor under test sent to a relationship',
  tags: [],
  properties: {},
  relationships: {},
  async onTrigger() {},
});

describe('SearchElasticsearch — a cron batch of the day', () => {
  it("reads every document of the day in one trigger with PER_QUERY, the day's date from the expression language", async () => {
    const daily = uniqueIndex('search-es-daily');
    const today = new Date();
    const yesterday = new Date(today.getTime() - 24 * 60 * 60 * 1000);
    const day = (d: Date) => d.toISOString().slice(0, 10);
    const operations = Array.from({ length: 1200 }, (_, i) => [
      { index: { _index: daily } },
      {
        i,
        timestamp: i % 3 === 0 ? yesterday.toISOString() : today.toISOString(),
        day: day(i % 3 === 0 ? yesterday : today),
      },
    ]).flat();
    await es.indices.create({
      index: daily,
      mappings: { properties: { timestamp: { type: 'date' }, day: { type: 'keyword' } } },
    });
    await es.bulk({ operations, refresh: true });
    try {
      const byRange = await searcher({
        index: daily,
        query: '{"size": 250, "query": {"range": {"timestamp": {"gte": "now/d"}}}}',
        searchResultsSplit: 'splitUp-query',
        searchResultsFormat: 'SOURCE_ONLY',
      });
      // Run in UTC by Elasticsearch: documents stamped now are of "today" there too.
      await byRange.run();
      const [batch] = await byRange.flowFiles('hits');
      const lines = batch!.text.split('\n').map((l) => JSON.parse(l) as { i: number });
      expect(lines).toHaveLength(800);
      expect(lines.every(({ i }) => i % 3 !== 0)).toBe(true);
      expect(batch?.attributes['hit.count']).toBe('800');
      expect(byRange.state()).toMatchObject({ finished: 'true', hitCount: '800', pageCount: '5' });

      const byExpression = await searcher({
        index: daily,
        query: `{"size": 500, "query": {"term": {"day": "\${now():format('yyyy-MM-dd', 'GMT')}"}}}`,
        searchResultsSplit: 'splitUp-query',
        queryAttribute: 'es.query',
      });
      await byExpression.run();
      const [expressed] = await byExpression.flowFiles('hits');
      expect(expressed?.attributes['hit.count']).toBe('800');
      expect(expressed?.attributes['es.query']).toBe(
        `{"size": 500, "query": {"term": {"day": "${day(today)}"}}}`,
      );
    } finally {
      await es.indices.delete({ index: daily });
    }
  });
});

describe('SearchElasticsearch — problems', () => {
  it('reports a bad query as a bulletin, emits nothing and keeps its state', async () => {
    const run = await searcher({ query: '{"query": {"matchx": {}}}' });
    await run.run();
    expect(await run.flowFiles('hits')).toEqual([]);
    expect(run.state()).toBeUndefined();
    expect(run.bulletins()[0]?.message).toContain(
      'refused the request with HTTP 400: parsing_exception: unknown query [matchx]',
    );
  });

  it('reports an unknown index as NiFi does: an error, nothing emitted', async () => {
    const missing = uniqueIndex('no-such-index');
    const run = await searcher({ index: missing });
    await run.run();
    expect(await run.flowFiles('hits')).toEqual([]);
    expect(run.bulletins()[0]?.message).toContain(
      `index_not_found_exception: no such index [${missing}]`,
    );
  });

  it('keeps its place when Elasticsearch becomes unreachable in the middle of a query', async () => {
    const down = `http://127.0.0.1:${await freePort()}`;
    const run = await searcher({ query: THOUSAND }, down);
    await run.run();
    expect(await run.flowFiles('hits')).toEqual([]);
    expect(run.bulletins()[0]?.message).toContain(`Elasticsearch at ${down} is unreachable`);
  });

  it('refuses a Search After query without a sort before it starts', async () => {
    const run = await searcher({ paginationType: 'pagination-search_after' });
    expect(run.validationErrors()).toEqual([
      'query: Query using pit/search_after must contain a "sort" field',
    ]);
  });
});
