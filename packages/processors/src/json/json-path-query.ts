import { JSONPathEnvironment, JSONPathError, type JSONPathQuery, type JSONValue } from 'json-p3';
import { writeJson, type JsonValue } from './json-value.js';

/**
 * The JsonPath dialect: RFC 9535, through json-p3, which parses filters itself and never hands
 * them to `eval` (jsonpath-plus's RCEs, CVE-2024-21534 and CVE-2025-1302, came from evaluating
 * filters as script). Nesting under `..` is limited to 1000 levels, Jackson's default depth.
 */
const ENVIRONMENT = new JSONPathEnvironment({ maxRecursionDepth: 1000 });

/** json-p3 ends its messages with a snippet and offset, `('ore.book[':13)`; Sluice says it in words. */
const CONTEXT_SUFFIX = / \('[\s\S]{0,9}':\d+\)$/;

/** A compiled JsonPath, and whether it selects at most one value. */
export interface CompiledJsonPath {
  readonly path: string;
  readonly query: JSONPathQuery;
  /**
   * RFC 9535's singular query (only names and indexes, Jayway's "definite path"): it selects a
   * value or nothing, where other paths select a list, possibly empty.
   */
  readonly singular: boolean;
}

/** What a JsonPath selected in a document: the value (a list for a non-singular path), or nothing. */
export type JsonPathResult =
  { readonly kind: 'found'; readonly value: unknown } | { readonly kind: 'notFound' };

/**
 * Compiles a JsonPath such as `$.store.book[?@.price < 10].title`.
 *
 * @throws Error saying what is wrong and at which character.
 */
export function compileJsonPath(path: string): CompiledJsonPath {
  try {
    const query = ENVIRONMENT.compile(path);
    return { path, query, singular: query.singularQuery() };
  } catch (error) {
    if (!(error instanceof JSONPathError)) throw error;
    const message = error.message.replace(CONTEXT_SUFFIX, '');
    throw new Error(`${message} (at character ${error.token.index + 1})`, { cause: error });
  }
}

/** A property check: undefined when `path` is a usable JsonPath, else why not. */
export function jsonPathProblem(path: string): string | undefined {
  try {
    compileJsonPath(path);
    return undefined;
  } catch (error) {
    return `is not a valid JsonPath: ${error instanceof Error ? error.message : String(error)}`;
  }
}

/**
 * Evaluates a compiled JsonPath against a parsed document. A singular path that selects nothing
 * is not found (NiFi's PathNotFoundException); any other path is found, with the list of what
 * it selected, even when empty (as Jayway returns `[]`).
 *
 * @throws Error when evaluation fails (nesting deeper than the limit under `..`).
 */
export function evaluateJsonPath(compiled: CompiledJsonPath, document: unknown): JsonPathResult {
  let values: unknown[];
  try {
    values = compiled.query.query(document as JSONValue).values();
  } catch (error) {
    if (!(error instanceof JSONPathError)) throw error;
    throw new Error(`${compiled.path} could not be evaluated: ${error.message}`, { cause: error });
  }
  if (!compiled.singular) return { kind: 'found', value: values };
  return values.length === 0 ? { kind: 'notFound' } : { kind: 'found', value: values[0] };
}

/** True for a JSON scalar (string, number, boolean or null), NiFi's `isJsonScalar`. */
export function isJsonScalar(value: unknown): boolean {
  return value === null || typeof value !== 'object';
}

/**
 * The text of a result, as NiFi's EvaluateJsonPath writes it: a scalar as itself (a string
 * without quotes, null as `nullValue`), a list of exactly one element as that element, anything
 * else as compact JSON.
 */
export function resultRepresentation(value: unknown, nullValue: string): string {
  if (value === null || value === undefined) return nullValue;
  if (typeof value === 'string') return value;
  if (typeof value !== 'object') return String(value);
  if (Array.isArray(value) && value.length === 1) return resultRepresentation(value[0], nullValue);
  // writeJson, not JSON.stringify: a bigint (an integer beyond 2^53) keeps its digits.
  return writeJson(value as JsonValue);
}
