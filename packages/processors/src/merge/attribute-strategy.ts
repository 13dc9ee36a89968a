/** NiFi's MergeContent Attribute Strategy values. */
export const ATTRIBUTE_STRATEGIES = [
  'Keep Only Common Attributes',
  'Keep All Unique Attributes',
  'Keep First Attributes',
] as const;

/** One of {@link ATTRIBUTE_STRATEGIES}. */
export type AttributeStrategy = (typeof ATTRIBUTE_STRATEGIES)[number];

/**
 * The attributes a merged flowfile gets from the flowfiles merged into it, as NiFi's
 * KeepCommonAttributeStrategy, KeepUniqueAttributeStrategy and KeepFirstAttributeStrategy. The
 * uuid is never copied: the merged flowfile has its own.
 */
export function mergedAttributes(
  strategy: AttributeStrategy,
  all: readonly Readonly<Record<string, string>>[],
): Record<string, string> {
  // A Map, not an object: attribute names such as __proto__ are plain names here.
  const result = new Map<string, string>();
  switch (strategy) {
    case 'Keep Only Common Attributes': {
      const [first] = all;
      if (first === undefined) break;
      for (const [name, value] of Object.entries(first)) {
        if (
          all.every((attributes) => Object.hasOwn(attributes, name) && attributes[name] === value)
        ) {
          result.set(name, value);
        }
      }
      break;
    }
    case 'Keep All Unique Attributes': {
      const conflicting = new Set<string>();
      for (const attributes of all) {
        for (const [name, value] of Object.entries(attributes)) {
          const kept = result.get(name);
          if (kept !== undefined && kept !== value) conflicting.add(name);
          else result.set(name, value);
        }
      }
      for (const name of conflicting) result.delete(name);
      break;
    }
    case 'Keep First Attributes':
      for (const attributes of all) {
        for (const [name, value] of Object.entries(attributes)) {
          if (!result.has(name)) result.set(name, value);
        }
      }
      break;
    default: {
      const exhaustive: never = strategy;
      throw new Error(`Unknown Attribute Strategy ${String(exhaustive)}`);
    }
  }
  result.delete('uuid');
  return Object.fromEntries(result);
}
