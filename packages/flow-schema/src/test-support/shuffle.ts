import type { FlowDocument } from '../schema.js';

/** Arrays whose order carries no meaning in a flow document; the serializer sorts them. */
const ORDER_FREE = new Set([
  'processors',
  'connections',
  'labels',
  'controllerServices',
  'parameterContexts',
  'parameters',
  'relationships',
  'autoTerminatedRelationships',
  'sensitiveDynamicProperties',
]);

/** A small seeded PRNG (mulberry32), so a failing shuffle can be replayed from its seed. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function shuffle<T>(items: readonly T[], random: () => number): T[] {
  const result = [...items];
  for (let i = result.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    const a = result[i] as T;
    result[i] = result[j] as T;
    result[j] = a;
  }
  return result;
}

function shuffleDeep(value: unknown, random: () => number, key?: string): unknown {
  if (Array.isArray(value)) {
    const items = value.map((item) => shuffleDeep(item, random));
    return key !== undefined && ORDER_FREE.has(key) ? shuffle(items, random) : items;
  }
  if (typeof value === 'object' && value !== null) {
    const entries = shuffle(Object.entries(value), random);
    return Object.fromEntries(entries.map(([k, v]) => [k, shuffleDeep(v, random, k)]));
  }
  return value;
}

/**
 * The same flow with order-free arrays shuffled and every object's keys inserted in a shuffled
 * order; arrays whose order matters (prioritizers, bends) keep it.
 */
export function shuffleFlowDocument(doc: FlowDocument, seed: number): FlowDocument {
  return shuffleDeep(doc, seededRandom(seed)) as FlowDocument;
}
