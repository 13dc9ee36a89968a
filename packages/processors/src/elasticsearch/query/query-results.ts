import type { FlowFile, ProcessSession } from '@sluice/engine';
import type { SearchPage } from './search-page.js';
import {
  PER_RESPONSE,
  type AggregationFormat,
  type HitFormat,
  type PER_HIT,
} from './query-properties.js';
import { formatAggregations, formatHit, hitMetadata, jsonObject } from './result-format.js';

/** NiFi's attributes of result flowfiles. */
export const HIT_COUNT = 'hit.count';
export const PAGE_NUMBER = 'page.number';
export const AGGREGATION_NAME = 'aggregation.name';
export const AGGREGATION_NUMBER = 'aggregation.number';
/** Sluice's additions (NiFi 1's QueryElasticsearchHttp names): where the hits come from. */
export const ES_INDEX = 'es.index';
export const ES_TYPE = 'es.type';
export const ES_ID = 'es.id';

/** Where result flowfiles go and what they carry. */
export interface ResultTarget {
  readonly session: ProcessSession;
  /** The incoming flowfile the results are children of (PaginatedJsonQueryElasticsearch). */
  readonly parent: FlowFile | undefined;
  /** What every result gets: mime.type, es.index, es.type, the Query Attribute. */
  readonly attributes: Readonly<Record<string, string>>;
  readonly transitUri: string;
  /**
   * Every result made so far, sent on only when the query has succeeded ({@link sendResults}),
   * so that a failure later in the query can remove them all ({@link discardResults}).
   */
  readonly results: Result[];
  /** Bytes of result content made so far. */
  bufferedBytes: number;
}

/** A result flowfile and where it goes. */
export interface Result {
  readonly flowFile: FlowFile;
  readonly relationship: 'hits' | 'aggregations';
}

/** A target collecting results for `session`, children of `parent` when there is one. */
export function resultTarget(
  session: ProcessSession,
  parent: FlowFile | undefined,
  attributes: Readonly<Record<string, string>>,
  transitUri: string,
): ResultTarget {
  return { session, parent, attributes, transitUri, results: [], bufferedBytes: 0 };
}

/** Sends every result on, each with a RECEIVE from the cluster. */
export function sendResults(target: ResultTarget): void {
  for (const { flowFile, relationship } of target.results.splice(0)) {
    target.session.provenance.receive(flowFile, target.transitUri);
    target.session.transfer(flowFile, relationship);
  }
}

/** Removes every result: the query failed, and will run again from its first page. */
export function discardResults(target: ResultTarget): void {
  for (const { flowFile } of target.results.splice(0)) target.session.remove(flowFile);
}

/** Creates a result flowfile, without content yet, as a child of the target's parent. */
export function createResult(target: ResultTarget, relationship: Result['relationship']): FlowFile {
  const { session, parent } = target;
  const flowFile = parent ? session.create(parent) : session.create();
  target.results.push({ flowFile, relationship });
  return flowFile;
}

/** How hits and aggregations are written out (NiFi's Split and Format properties). */
export interface ResultOptions {
  readonly hitFormat: HitFormat;
  readonly aggregationSplit: typeof PER_HIT | typeof PER_RESPONSE;
  readonly aggregationFormat: AggregationFormat;
  readonly outputNoHits: boolean;
}

/**
 * Results of one query held in memory until commit (the session buffers small contents); past
 * this, each is streamed to the content repository, so a query of a million hits stays bounded.
 */
const MAX_BUFFERED_BYTES = 16 * 1024 * 1024;

/** Makes a result flowfile with `content` and its attributes, for `relationship`. */
export async function emitResult(
  target: ResultTarget,
  relationship: Result['relationship'],
  content: string,
  attributes: Readonly<Record<string, string>>,
): Promise<void> {
  const { session } = target;
  const bytes = Buffer.from(content, 'utf8');
  target.bufferedBytes += bytes.length;
  const written = await session.write(
    createResult(target, relationship),
    target.bufferedBytes <= MAX_BUFFERED_BYTES ? bytes : chunk(bytes),
  );
  session.putAllAttributes(written, { ...target.attributes, ...attributes });
}

async function* chunk(bytes: Buffer): AsyncGenerator<Buffer> {
  yield bytes;
}

/** The first page's aggregations, all in one flowfile or one per aggregation. */
export async function emitAggregations(
  target: ResultTarget,
  page: SearchPage,
  options: ResultOptions,
): Promise<void> {
  if (page.aggregations === undefined) return;
  const aggregations = formatAggregations(
    page.source,
    page.aggregations,
    options.aggregationFormat,
  );
  if (aggregations.length === 0) return;
  if (options.aggregationSplit === PER_RESPONSE) {
    await emitResult(target, 'aggregations', jsonObject(aggregations), {});
    return;
  }
  for (const [i, [name, json]] of aggregations.entries()) {
    await emitResult(target, 'aggregations', json, {
      [AGGREGATION_NAME]: name,
      [AGGREGATION_NUMBER]: String(i + 1),
    });
  }
}

/**
 * One page's hits: a JSON array of them in one flowfile (PER_RESPONSE), or one flowfile each
 * (PER_HIT, with the hit's index and id). An empty first page gives an empty flowfile when Output
 * No Hits is set.
 */
export async function emitPageHits(
  target: ResultTarget,
  page: SearchPage,
  pageNumber: number,
  split: typeof PER_HIT | typeof PER_RESPONSE,
  options: ResultOptions,
): Promise<void> {
  const { source, hits } = page;
  const pageAttributes = { [PAGE_NUMBER]: String(pageNumber) };
  if (hits.length === 0) {
    if (pageNumber === 1 && options.outputNoHits) {
      await emitResult(target, 'hits', '', { ...pageAttributes, [HIT_COUNT]: '0' });
    }
    return;
  }
  if (split === PER_RESPONSE) {
    const json = `[${hits.map((hit) => formatHit(source, hit, options.hitFormat)).join(',')}]`;
    await emitResult(target, 'hits', json, { ...pageAttributes, [HIT_COUNT]: String(hits.length) });
    return;
  }
  for (const hit of hits) {
    const { index, id } = hitMetadata(source, hit);
    await emitResult(target, 'hits', formatHit(source, hit, options.hitFormat), {
      ...pageAttributes,
      [HIT_COUNT]: '1',
      ...(index !== undefined ? { [ES_INDEX]: index } : {}),
      ...(id !== undefined ? { [ES_ID]: id } : {}),
    });
  }
}

/** A page's hits as lines of NDJSON, for PER_QUERY. */
export function ndjsonLines(page: SearchPage, format: HitFormat): string {
  return page.hits.map((hit) => formatHit(page.source, hit, format)).join('\n');
}
