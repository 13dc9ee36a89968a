import { describeLocation } from '@sluice/expression-language';
import { JsonSource } from '../../json/json-source.js';
import { findJsonSyntaxError } from '../../json/json-syntax-error.js';

/** The query NiFi runs when none is given: an empty object, Elasticsearch's match_all. */
const DEFAULT_QUERY = '{}';

/** Members of the query a paged request sets itself, replacing any the query has. */
const PAGING_MEMBERS = new Set(['search_after', 'pit']);
/** Aggregations are computed on the first page only (over all hits); later pages leave them out. */
const AGGREGATION_MEMBERS = new Set(['aggs', 'aggregations']);

/** A query as Elasticsearch's JSON DSL text, or why it is not one. */
export type ParsedQuery =
  | { readonly ok: true; readonly query: QueryTemplate }
  | { readonly ok: false; readonly reason: string };

/**
 * A search request body as the user wrote it, from which each page's body is built by adding or
 * removing top-level members. Every other member is copied as written (compacted), so a number
 * such as 9007199254740993 in a range reaches Elasticsearch unrounded.
 */
export class QueryTemplate {
  readonly #source: JsonSource;
  readonly #members: ReadonlyMap<string, string>;

  private constructor(readonly text: string) {
    this.#source = new JsonSource(text);
    const members = new Map<string, string>();
    for (const [name, span] of this.#source.members(this.#source.root())) {
      members.set(name, this.#source.compact(span));
    }
    this.#members = members;
  }

  /** Reads query text: blank means match_all ({}), anything else must be one JSON object. */
  static parse(text: string): ParsedQuery {
    const problem = queryTextProblem(text);
    if (problem !== undefined) return { ok: false, reason: `the query ${problem}` };
    return { ok: true, query: new QueryTemplate(text.trim() === '' ? DEFAULT_QUERY : text.trim()) };
  }

  /** Whether the query sorts its hits, which Search After and Point in Time pagination need. */
  get hasSort(): boolean {
    return this.#members.has('sort');
  }

  /**
   * The body of one page's request: the query with `added` members set (raw JSON texts), its own
   * `search_after` and `pit` left out, and its aggregations too when `withoutAggregations`.
   */
  body(added: ReadonlyMap<string, string>, withoutAggregations = false): string {
    return this.#body(added, withoutAggregations ? AGGREGATION_MEMBERS : new Set());
  }

  #body(added: ReadonlyMap<string, string>, removed: ReadonlySet<string>): string {
    const parts: string[] = [];
    for (const [name, text] of this.#members) {
      if (PAGING_MEMBERS.has(name) || removed.has(name) || added.has(name)) continue;
      parts.push(`${JSON.stringify(name)}:${text}`);
    }
    for (const [name, text] of added) parts.push(`${JSON.stringify(name)}:${text}`);
    return `{${parts.join(',')}}`;
  }
}

/** A Query check: undefined when `text` is blank or one JSON object, else what is wrong and where. */
export function queryTextProblem(text: string): string | undefined {
  if (text.trim() === '') return undefined;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    const found = findJsonSyntaxError(text);
    return found
      ? `is not valid JSON: ${found.message} (at ${describeLocation(text, found.position)})`
      : 'is not valid JSON';
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return `is ${Array.isArray(value) ? 'a JSON array' : `JSON ${String(value === null ? 'null' : typeof value)}`}, not an object such as {"query":{"match_all":{}}}`;
  }
  return undefined;
}
