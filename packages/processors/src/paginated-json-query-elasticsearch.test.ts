import type { Client } from '@elastic/elasticsearch';
import { TestRunner, type OutputFlowFile } from '@sluice/engine';
import { freePort } from '@sluice/services';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { checkingClient, uniqueIndex } from '../test/support/elasticsearch-fixtures.js';
import {
  esService,
  failingProxy,
  indexNumbered,
  openSearchContexts,
} from '../test/support/elasticsearch-query-fixtures.js';
import { closedAfterEach } from '../test/support/runners.js';
import {
  PaginatedJsonQueryElasticsearch,
  QUERY_ERROR_ATTRIBUTE,
} from './paginated-json-query-elasticsearch.js';

const { url } = inject('services').elasticsearch!;
const track = closedAfterEach();
let es: Client;
/** One index of 2,500 numbered documents, shared by the tests, which only read it. */
const index = uniqueIndex('paginated-query');

beforeAll(async () => {
  es = checkingClient(url);
  await indexNumbered(es, index);
});
afterAll(async () => {
  await es.indices.delete({ index, ignore_unavailable: true });
  await es.close();
});

async function query(
  properties: Record<string, string>,
  attributes: Record<string, string> = {},
  content = '',
  serviceUrl = url,
): Promise<TestRunner> {
  const run = track(
    await TestRunner.create(PaginatedJsonQueryElasticsearch, {
      properties: { clientService: 'es', index, ...properties },
      services: { es: esService(serviceUrl) },
    }),
  );
  await run.enqueue(content, attributes);
  await run.run();
  return run;
}

/** The `n` of every document in per-response hits flowfiles, in order. */
function numbersOfPages(pages: readonly OutputFlowFile[]): number[] {
  return pages.flatMap((page) =>
    (JSON.parse(page.text) as { _source: { n: number } }[]).map((hit) => hit._source.n),
  );
}

const range = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => from + i);

/** Documents 100 to 2099 (2,000 hits), 300 a page, sorted by n: 7 pages. */
const RANGE_QUERY = JSON.stringify({
  size: 300,
  query: { range: { n: { gte: 100, lt: 2100 } } },
  sort: [{ n: 'asc' }],
});

describe('PaginatedJsonQueryElasticsearch — paging', () => {
  it.each([
    ['SCROLL', 'pagination-scroll'],
    ['SEARCH_AFTER', 'pagination-search_after'],
    ['POINT_IN_TIME', 'pagination-pit'],
  ])('gets every hit of the range across pages with %s, one flowfile per page', async (_, type) => {
    const run = await query({ query: RANGE_QUERY, paginationType: type });

    const pages = await run.flowFiles('hits');
    expect(pages.map((p) => p.attributes['page.number'])).toEqual([
      '1',
      '2',
      '3',
      '4',
      '5',
      '6',
      '7',
    ]);
    expect(pages.map((p) => p.attributes['hit.count'])).toEqual([
      '300',
      '300',
      '300',
      '300',
      '300',
      '300',
      '200',
    ]);
    expect(numbersOfPages(pages)).toEqual(range(100, 2100));
    expect(pages[0]?.attributes).toMatchObject({
      'mime.type': 'application/json',
      'es.index': index,
    });
    expect(await run.flowFiles('original')).toHaveLength(1);
    expect(await run.flowFiles('failure')).toEqual([]);
    // The scroll or point in time was freed, not left to expire.
    expect(await openSearchContexts(es, index)).toBe(0);
  });

  it('writes one flowfile per hit with PER_HIT, each with its index, id and page', async () => {
    const run = await query({
      query: JSON.stringify({
        size: 40,
        query: { bool: { filter: [{ term: { group: 'b' } }, { range: { n: { lt: 500 } } }] } },
      }),
      searchResultsSplit: 'splitUp-yes',
    });

    const hits = await run.flowFiles('hits');
    expect(hits).toHaveLength(100);
    const numbers = hits.map((h) => (JSON.parse(h.text) as { _source: { n: number } })._source.n);
    expect(numbers.sort((a, b) => a - b)).toEqual(range(0, 500).filter((n) => n % 5 === 1));
    const first = hits[0]!;
    expect(first.attributes).toMatchObject({
      'hit.count': '1',
      'es.index': index,
      'es.id': `doc-${(JSON.parse(first.text) as { _source: { n: number } })._source.n}`,
      'mime.type': 'application/json',
    });
    expect(new Set(hits.map((h) => h.attributes['page.number']))).toEqual(new Set(['1', '2', '3']));
  });

  it('combines every page into one NDJSON flowfile with PER_QUERY', async () => {
    const run = await query({
      query: RANGE_QUERY,
      paginationType: 'pagination-search_after',
      searchResultsSplit: 'splitUp-query',
      searchResultsFormat: 'SOURCE_ONLY',
    });

    const [combined] = await run.flowFiles('hits');
    const lines = combined!.text.split('\n');
    expect(lines).toHaveLength(2000);
    expect(lines.map((line) => (JSON.parse(line) as { n: number }).n)).toEqual(range(100, 2100));
    expect(combined?.attributes).toMatchObject({ 'hit.count': '2000', 'page.number': '7' });
  });

  it('runs the query of the flowfile: expression language in Query and Index, or the content itself', async () => {
    const fromAttributes = await query(
      {
        index: '${target.index}',
        query: '{"size": 500, "query": {"range": {"n": {"gte": ${low}, "lt": ${high}}}}}',
        queryAttribute: 'es.query',
      },
      { 'target.index': index, low: '10', high: '15' },
    );
    const [page] = await fromAttributes.flowFiles('hits');
    expect(numbersOfPages([page!]).sort((a, b) => a - b)).toEqual([10, 11, 12, 13, 14]);
    expect(page?.attributes['es.query']).toBe(
      '{"size": 500, "query": {"range": {"n": {"gte": 10, "lt": 15}}}}',
    );

    const fromContent = await query({}, {}, '{"query": {"term": {"n": 2499}}}');
    expect(numbersOfPages(await fromContent.flowFiles('hits'))).toEqual([2499]);
  });

  it('formats hits as NiFi: the source only, or everything but the source', async () => {
    // "Document 7" is analysed into "document" and "7": only one title matches.
    const one = JSON.stringify({ query: { match: { title: '7' } } });
    const source = await query({ query: one, searchResultsFormat: 'SOURCE_ONLY' });
    expect(JSON.parse((await source.flowFiles('hits'))[0]!.text)).toEqual([
      { n: 7, group: 'c', title: 'Document 7' },
    ]);
    const metadata = await query({ query: one, searchResultsFormat: 'METADATA_ONLY' });
    const [hit] = JSON.parse((await metadata.flowFiles('hits'))[0]!.text) as Record<
      string,
      unknown
    >[];
    expect(hit).toMatchObject({ _index: index, _id: 'doc-7' });
    expect(hit).not.toHaveProperty('_source');
  });

  it('sends a document exactly as stored: big numbers, decimals, escapes, compacted to one line', async () => {
    const exact = uniqueIndex('paginated-exact');
    const document =
      '{\n  "id": 9007199254740993,\n  "price": 2.50,\n  "text": "줄\\n\\"q\\" \\u00e9"\n}';
    const put = await fetch(`${url}/${exact}/_doc/1?refresh=true`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: document,
    });
    expect(put.ok).toBe(true);
    try {
      const run = await query({ index: exact, searchResultsFormat: 'SOURCE_ONLY' });
      expect((await run.flowFiles('hits'))[0]?.text).toBe(
        '[{"id":9007199254740993,"price":2.50,"text":"줄\\n\\"q\\" \\u00e9"}]',
      );
    } finally {
      await es.indices.delete({ index: exact });
    }
  });
});

describe('PaginatedJsonQueryElasticsearch — aggregations', () => {
  const AGGREGATING = JSON.stringify({
    size: 1000,
    query: { range: { n: { lt: 1000 } } },
    aggs: { groups: { terms: { field: 'group' } }, numbers: { stats: { field: 'n' } } },
  });

  it('sends the aggregations of the first page in one flowfile, and every hit', async () => {
    const run = await query({ query: AGGREGATING, paginationType: 'pagination-scroll' });

    const [aggregations, ...more] = await run.flowFiles('aggregations');
    expect(more).toEqual([]);
    const parsed = JSON.parse(aggregations!.text) as {
      groups: { buckets: { key: string; doc_count: number }[] };
      numbers: { count: number; min: number; max: number };
    };
    expect(parsed.groups.buckets.map((b) => [b.key, b.doc_count])).toEqual([
      ['a', 200],
      ['b', 200],
      ['c', 200],
      ['d', 200],
      ['e', 200],
    ]);
    expect(parsed.numbers).toMatchObject({ count: 1000, min: 0, max: 999 });
    expect(aggregations?.attributes['mime.type']).toBe('application/json');
    expect(numbersOfPages(await run.flowFiles('hits'))).toHaveLength(1000);
  });

  it('splits aggregations one per flowfile, named and numbered, buckets only', async () => {
    const run = await query({
      query: AGGREGATING,
      aggregationResultsSplit: 'splitUp-yes',
      aggregationResultsFormat: 'BUCKETS_ONLY',
    });

    const aggregations = await run.flowFiles('aggregations');
    expect(
      aggregations.map((a) => [
        a.attributes['aggregation.name'],
        a.attributes['aggregation.number'],
      ]),
    ).toEqual([
      ['groups', '1'],
      ['numbers', '2'],
    ]);
    expect((JSON.parse(aggregations[0]!.text) as unknown[]).length).toBe(5);
    expect(aggregations[1]?.text).toBe('null');
  });
});

describe('PaginatedJsonQueryElasticsearch — problems', () => {
  it('sends a query Elasticsearch refuses to failure with its reason, and no hits', async () => {
    const run = await query({ query: '{"query": {"matchx": {"n": 1}}}' });

    const [failed] = await run.flowFiles('failure');
    expect(failed?.attributes[QUERY_ERROR_ATTRIBUTE]).toBe(
      `Elasticsearch at ${url} refused the request with HTTP 400: parsing_exception: unknown query [matchx] did you mean any of [match, match_all]?`,
    );
    expect(failed?.flowFile.penalizedUntil).toBeGreaterThan(Date.now());
    expect(await run.flowFiles('hits')).toEqual([]);
    expect(await run.flowFiles('original')).toEqual([]);
    expect(run.bulletins()[0]?.message).toContain('parsing_exception');
  });

  it('names the root cause when every shard failed', async () => {
    const run = await query({ query: '{"query": {"range": {"n": {"gte": "abc"}}}}' });
    expect((await run.flowFiles('failure'))[0]?.attributes[QUERY_ERROR_ATTRIBUTE]).toContain(
      'search_phase_execution_exception: all shards failed (caused by query_shard_exception: failed to create query: For input string: "abc")',
    );
  });

  it('sends a query of an unknown index to failure, as NiFi does, unless told to ignore it', async () => {
    const missing = uniqueIndex('no-such-index');
    const run = await query({ index: missing });
    expect((await run.flowFiles('failure'))[0]?.attributes[QUERY_ERROR_ATTRIBUTE]).toBe(
      `Elasticsearch at ${url} refused the request with HTTP 404: index_not_found_exception: no such index [${missing}]`,
    );

    const ignoring = await query({
      index: missing,
      ignore_unavailable: 'true',
      outputNoHits: 'true',
    });
    expect(await ignoring.flowFiles('failure')).toEqual([]);
    expect(await ignoring.flowFiles('original')).toHaveLength(1);
    const [empty] = await ignoring.flowFiles('hits');
    expect(empty?.attributes['hit.count']).toBe('0');
    expect(empty?.text).toBe('');
  });

  it('sends invalid query JSON to failure without asking Elasticsearch, saying where', async () => {
    const run = await query({}, {}, '{"query": {"match_all": {}}');
    expect((await run.flowFiles('failure'))[0]?.attributes[QUERY_ERROR_ATTRIBUTE]).toBe(
      "the query is not valid JSON: expected ',' or '}' after a property value, found the end of the content (at column 28)",
    );
  });

  it('needs a sort for Search After and Point in Time: refused when configured, failed when it comes with the flowfile', async () => {
    const invalid = track(
      await TestRunner.create(PaginatedJsonQueryElasticsearch, {
        properties: {
          clientService: 'es',
          index,
          paginationType: 'pagination-pit',
          query: '{"query": {"match_all": {}}}',
        },
        services: { es: esService(url) },
      }),
    );
    expect(invalid.validationErrors()).toEqual([
      'query: Query using pit/search_after must contain a "sort" field',
    ]);

    const run = await query({ paginationType: 'pagination-search_after' }, {}, '{"size": 5}');
    expect((await run.flowFiles('failure'))[0]?.attributes[QUERY_ERROR_ATTRIBUTE]).toBe(
      'Query using pit/search_after must contain a "sort" field',
    );
  });

  it('keeps the flowfile queued and yields when Elasticsearch cannot be reached', async () => {
    const down = `http://127.0.0.1:${await freePort()}`;
    const run = await query({ query: RANGE_QUERY }, {}, '', down);

    expect(run.inputQueueSize()).toBe(1);
    expect(await run.flowFiles('failure')).toEqual([]);
    expect(await run.flowFiles('hits')).toEqual([]);
    expect(run.bulletins()[0]?.message).toContain(`Elasticsearch at ${down} is unreachable`);
  });

  it('discards the pages already received when a later page fails, and sends the input to retry', async () => {
    const proxy = await failingProxy(url, 3);
    try {
      const run = await query(
        { query: RANGE_QUERY, paginationType: 'pagination-search_after' },
        {},
        '',
        proxy.url,
      );

      expect(proxy.searches()).toBe(3);
      expect(await run.flowFiles('hits')).toEqual([]);
      expect(await run.flowFiles('original')).toEqual([]);
      const [retry] = await run.flowFiles('retry');
      expect(retry?.attributes[QUERY_ERROR_ATTRIBUTE]).toContain(
        'cannot take the request now (HTTP 503): unavailable: proxy says no',
      );
      // The two pages made before the failure never left the session.
      const drops = (await run.provenanceEvents()).filter((e) => e.type === 'DROP');
      expect(drops).toHaveLength(2);
    } finally {
      await proxy.close();
    }
  });
});
