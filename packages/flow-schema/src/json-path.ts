/** A segment of a path into a JSON value: an object key or an array index. */
export type JsonPathSegment = string | number;

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** The path that names the whole document, used when a problem concerns the input as a whole. */
export const ROOT_PATH = '$';

/**
 * Formats path segments as a JSON path string such as `flow.processors[2].scheduling.period`.
 *
 * Keys that are not plain identifiers (property keys like `Search Value`) are written in bracket
 * form with a JSON-quoted key, `properties["Search Value"]`, so the path stays unambiguous.
 * An empty path is the whole document, written {@link ROOT_PATH}.
 */
export function formatJsonPath(segments: readonly JsonPathSegment[]): string {
  let path = '';
  for (const segment of segments) {
    if (typeof segment === 'number') {
      path += `[${segment}]`;
    } else if (IDENTIFIER.test(segment)) {
      path += path === '' ? segment : `.${segment}`;
    } else {
      path += `[${JSON.stringify(segment)}]`;
    }
  }
  return path === '' ? ROOT_PATH : path;
}
