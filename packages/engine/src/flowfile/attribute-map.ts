/**
 * Copying and changing attribute maps on the per-flowfile path. An object spread (`{ ...map }`)
 * is cheap on its own, but V8 gives the copy a hidden class outside the transition tree: adding
 * a key to it then costs about 1 µs (a slow-mode object, measured on Node 20), and every later
 * `for...in` over it (WAL and provenance encoding, attribute comparison) is slow too. A copy
 * built key by key stays a fast-mode object, and costs about a tenth.
 */

/**
 * Sets `key` as an own data property of `map`. `__proto__` is an attribute name like any other:
 * a plain assignment would try to set the prototype instead and drop the value.
 */
export function setAttribute(map: Record<string, string>, key: string, value: string): void {
  if (key === '__proto__') {
    Object.defineProperty(map, key, {
      value,
      enumerable: true,
      writable: true,
      configurable: true,
    });
  } else {
    map[key] = value;
  }
}

/** A copy of `attributes` (own keys, in order) that stays fast when keys are added to it. */
export function copyAttributes(
  attributes: Readonly<Record<string, string>>,
): Record<string, string> {
  const copy: Record<string, string> = {};
  for (const key in attributes) setAttribute(copy, key, attributes[key]!);
  return copy;
}

/** A copy of `attributes` whose `uuid` is `id`: the attributes of a clone. */
export function withUuid(
  attributes: Readonly<Record<string, string>>,
  id: string,
): Record<string, string> {
  const copy = copyAttributes(attributes);
  copy['uuid'] = id;
  return copy;
}

/**
 * A copy of `attributes` without `key`. (A `delete` on a copy would also turn it into a
 * slow-mode object.)
 */
export function withoutAttribute(
  attributes: Readonly<Record<string, string>>,
  key: string,
): Record<string, string> {
  const copy: Record<string, string> = {};
  for (const k in attributes) if (k !== key) setAttribute(copy, k, attributes[k]!);
  return copy;
}
