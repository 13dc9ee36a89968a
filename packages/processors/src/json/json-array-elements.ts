import { JSONPathError, type JSONValue } from 'json-p3';
import type { CompiledJsonPath } from './json-path-query.js';
import type { JsonSource, JsonSpan } from './json-source.js';

/** What a JsonPath selected to split: the spans of the elements, or why there is nothing to split. */
export type ArraySelection =
  | { readonly ok: true; readonly elements: readonly JsonSpan[] }
  | { readonly ok: false; readonly reason: string };

/**
 * The elements a JsonPath selects for splitting, as NiFi's SplitJson reads them: a singular path
 * (only names and indexes, Jayway's definite path) must select an array, whose elements are the
 * pieces; any other path (wildcards, filters, `..`) selects a list of matches, which are the
 * pieces. Each element is returned as its span in the source text, so it can be written out
 * exactly as it came in.
 */
export function selectArrayElements(
  compiled: CompiledJsonPath,
  document: unknown,
  source: JsonSource,
): ArraySelection {
  let nodes;
  try {
    nodes = compiled.query.query(document as JSONValue).nodes;
  } catch (error) {
    if (!(error instanceof JSONPathError)) throw error;
    return { ok: false, reason: `${compiled.path} could not be evaluated: ${error.message}` };
  }
  if (!compiled.singular) {
    return { ok: true, elements: nodes.map((node) => locate(source, node.location)) };
  }
  const [node] = nodes;
  if (node === undefined) {
    return { ok: false, reason: `JsonPath ${compiled.path} could not be found in the content` };
  }
  if (!Array.isArray(node.value)) {
    return {
      ok: false,
      reason: `JsonPath ${compiled.path} selected ${describe(node.value)}, not an array, so it cannot be split`,
    };
  }
  return { ok: true, elements: source.elements(locate(source, node.location)) };
}

function locate(source: JsonSource, location: readonly (string | number)[]): JsonSpan {
  const span = source.find(location);
  // json-p3 found a value there in the parsed document, so the text has it too.
  if (span === undefined) throw new Error(`No value at ${JSON.stringify(location)} in the source`);
  return span;
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (typeof value === 'object') return 'an object';
  return `a ${typeof value} (${JSON.stringify(value).slice(0, 40)})`;
}

/**
 * The text of one piece, as NiFi's JsonPath processors write a result: a string as itself
 * (unquoted), null as `nullValue`, a number or boolean as written, an array of exactly one
 * element as that element, any other object or array as compact JSON with every number and
 * escape exactly as in the source.
 */
export function elementRepresentation(
  source: JsonSource,
  span: JsonSpan,
  nullValue: string,
): string {
  switch (source.text[span.start]) {
    case '"':
      return JSON.parse(source.slice(span)) as string;
    case 'n':
      return nullValue;
    case '[': {
      const elements = source.elements(span);
      return elements.length === 1
        ? elementRepresentation(source, elements[0]!, nullValue)
        : source.compact(span);
    }
    case '{':
      return source.compact(span);
    default:
      return source.slice(span);
  }
}
