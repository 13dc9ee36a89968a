import fc from 'fast-check';
import type { JsonPathSegment } from '../json-path.js';

/**
 * Random damage to a JSON document, for fuzzing what reads flow files: each mutation names the
 * place it changed, so a test can check that the errors point there.
 */

/** A JSON value as `JSON.parse` gives it. */
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** One change to a document, at `path` (array changes are located at the array). */
export interface JsonMutation {
  readonly kind: 'delete' | 'replace' | 'add-key' | 'duplicate' | 'dangle';
  readonly path: readonly JsonPathSegment[];
}

/** Stands for deeply nested arrays; {@link mutatedText} swaps it in after `JSON.stringify`. */
const DEEP_MARKER = '\u0000sluice-deep-nesting\u0000';

/** Keys that break naive object handling: prototype pollution, and inherited method names. */
export const hostileKeys = [
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'hasOwnProperty',
  'valueOf',
  '',
  ' ',
  'id',
  'flow',
] as const;

/** Values of every JSON type, many of them wrong for whatever field they land in. */
const replacementArbitrary: fc.Arbitrary<Json> = fc.oneof(
  fc.constantFrom<Json>(
    null,
    true,
    false,
    0,
    -1,
    1.5,
    1e308,
    -1e308,
    2 ** 53 + 1,
    '',
    ' ',
    'x',
    '0 sec',
    '-1 sec',
    '1.5 lightyears',
    '99999999999999999999 weeks',
    'CRON_DRIVEN',
    'RUNNING',
    '* * * * *',
    '#{missing}',
    '${filename}',
    [],
    {},
    [''],
    { id: '' },
    { x: 1, y: 'two' },
    DEEP_MARKER,
  ),
  fc.string({ maxLength: 8 }),
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  // Small random structures; larger ones only slow the run without finding more.
  fc.jsonValue({ maxDepth: 2 }).map((value) => value as Json),
);

/**
 * A path into a JSON value chosen by a random walk from the root: each step picks a child, until
 * the steps run out or a leaf is reached. Cheaper than listing every path of a large document for each case.
 */
export function walk(value: Json, steps: readonly number[]): JsonPathSegment[] {
  const path: JsonPathSegment[] = [];
  let current: Json = value;
  for (const step of steps) {
    if (current === null || typeof current !== 'object') break;
    const keys: JsonPathSegment[] = Array.isArray(current)
      ? current.map((_, index) => index)
      : Object.keys(current);
    // Three steps in four go into a child that is itself an object or array, so that the walk
    // reaches processors' properties rather than stopping at the top level's `schemaVersion`.
    const containers = keys.filter((k) => {
      const child = (current as Record<string | number, Json>)[k];
      return child !== null && typeof child === 'object';
    });
    const pool = containers.length > 0 && step % 4 !== 0 ? containers : keys;
    const key = pool[Math.floor(step / 4) % pool.length];
    if (key === undefined) break;
    path.push(key);
    current = (current as Record<string | number, Json>)[key] as Json;
  }
  return path;
}

/** The value at a path, or undefined when the path leaves the document. */
export function valueAt(value: unknown, path: readonly JsonPathSegment[]): unknown {
  let current = value;
  for (const segment of path) {
    if (current === null || typeof current !== 'object') return undefined;
    if (!Object.hasOwn(current, segment)) return undefined;
    current = (current as Record<string | number, unknown>)[segment];
  }
  return current;
}

/** Sets an own property, even `__proto__`, as `JSON.parse` would. */
function setOwn(target: Record<string, Json>, key: string, value: Json): void {
  Object.defineProperty(target, key, {
    value,
    enumerable: true,
    writable: true,
    configurable: true,
  });
}

/** A random mutation plan: where (as the steps of a {@link walk}) and what. */
interface MutationPlan {
  readonly steps: readonly number[];
  readonly kind: JsonMutation['kind'];
  readonly key: string;
  readonly value: Json;
}

const planArbitrary: fc.Arbitrary<MutationPlan> = fc.record({
  // Unbiased, else fast-check's preference for small values keeps hitting the first child.
  steps: fc.noBias(fc.array(fc.nat(), { maxLength: 7 })),
  kind: fc.constantFrom<JsonMutation['kind']>(
    'delete',
    'replace',
    'add-key',
    'duplicate',
    'dangle',
  ),
  key: fc.oneof(fc.constantFrom(...hostileKeys), fc.string({ maxLength: 6 })),
  value: replacementArbitrary,
});

/** Applies one plan to `doc` in place; returns what it did, or undefined when it did not apply. */
function applyPlan(doc: { root: Json }, plan: MutationPlan): JsonMutation | undefined {
  const path = walk(doc.root, plan.steps);
  const parentPath = path.slice(0, -1);
  const parent = valueAt(doc.root, parentPath) as Json | undefined;
  const last = path[path.length - 1];
  const target = valueAt(doc.root, path) as Json;
  switch (plan.kind) {
    case 'delete':
      if (last === undefined || parent === null || typeof parent !== 'object') return undefined;
      if (Array.isArray(parent)) {
        parent.splice(last as number, 1);
        return { kind: 'delete', path: parentPath };
      }
      delete parent[last as string];
      return { kind: 'delete', path };
    case 'replace': {
      // A copy: fast-check may hand the same value to two plans, and inserting one object twice
      // (into itself, say) would make the document circular.
      const value = structuredClone(plan.value);
      if (last === undefined) {
        doc.root = value;
      } else if (Array.isArray(parent)) {
        parent[last as number] = value;
      } else if (parent !== null && typeof parent === 'object') {
        setOwn(parent, last as string, value);
      }
      return { kind: 'replace', path };
    }
    case 'add-key':
      if (target === null || typeof target !== 'object' || Array.isArray(target)) return undefined;
      setOwn(target, plan.key, structuredClone(plan.value));
      return { kind: 'add-key', path: [...path, plan.key] };
    case 'duplicate':
      // Copying an element of an entity array repeats its id.
      if (!Array.isArray(parent) || last === undefined) return undefined;
      parent.push(structuredClone(parent[last as number]) as Json);
      return { kind: 'duplicate', path: parentPath };
    case 'dangle':
      // A reference to nothing: ids, connection ends and the parameter context id.
      if (typeof target !== 'string' || last !== 'id') return undefined;
      setOwn(parent as Record<string, Json>, 'id', `${target}-gone`);
      return { kind: 'dangle', path };
    default: {
      const unreachable: never = plan.kind;
      return unreachable;
    }
  }
}

/** A document after one to four random mutations, with the list of what was changed. */
export interface MutatedDocument {
  readonly value: Json;
  readonly mutations: readonly JsonMutation[];
  /** How deep the nested arrays standing in for {@link DEEP_MARKER} are. */
  readonly depth: number;
}

/** Mutates a copy of `base` one to four times. */
export function mutatedDocumentArbitrary(base: Json): fc.Arbitrary<MutatedDocument> {
  return fc
    .tuple(fc.array(planArbitrary, { minLength: 1, maxLength: 4 }), fc.constantFrom(1, 64, 10_000))
    .map(([plans, depth]) => {
      const doc = { root: structuredClone(base) };
      const mutations = plans.flatMap((plan) => applyPlan(doc, plan) ?? []);
      return { value: doc.root, mutations, depth };
    });
}

/** The JSON text of a mutated document, deep nesting included. */
export function mutatedText(doc: MutatedDocument): string {
  const deep = '['.repeat(doc.depth) + ']'.repeat(doc.depth);
  return JSON.stringify(doc.value).replaceAll(JSON.stringify(DEEP_MARKER), deep);
}

/** Whether one path is a prefix of the other: the two places are the same or nested. */
export function related(a: readonly JsonPathSegment[], b: readonly JsonPathSegment[]): boolean {
  const shorter = Math.min(a.length, b.length);
  for (let i = 0; i < shorter; i++) if (a[i] !== b[i]) return false;
  return true;
}

/**
 * Parses a path written by `formatJsonPath` back into segments: `$`, `a.b[2]["Search Value"]`.
 * Returns undefined for text that is not such a path.
 */
export function parseJsonPath(text: string): JsonPathSegment[] | undefined {
  if (text === '$') return [];
  const segments: JsonPathSegment[] = [];
  const token = /(?:^|\.)([A-Za-z_$][A-Za-z0-9_$]*)|\[(\d+)\]|\[("(?:[^"\\]|\\.)*")\]/y;
  let offset = 0;
  while (offset < text.length) {
    token.lastIndex = offset;
    const match = token.exec(text);
    // Sticky: `^` only matches at 0, so a later identifier needs its dot.
    if (match === null) return undefined;
    if (match[1] !== undefined) segments.push(match[1]);
    else if (match[2] !== undefined) segments.push(Number(match[2]));
    else segments.push(JSON.parse(match[3] ?? '""') as string);
    offset = token.lastIndex;
  }
  return segments;
}
