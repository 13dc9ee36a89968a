import type { CatalogEntry } from '../api/types.js';

/**
 * How well one word of the query matches an entry (lower is better), or null if it does not:
 * the type's start, then anywhere in the type, then a tag, then the description.
 */
function wordScore(entry: CatalogEntry, word: string): number | null {
  const type = entry.type.toLowerCase();
  if (type.startsWith(word)) return 0;
  if (type.includes(word)) return 1;
  const tags = entry.tags.map((t) => t.toLowerCase());
  if (tags.includes(word)) return 2;
  if (tags.some((t) => t.includes(word))) return 3;
  if (entry.description.toLowerCase().includes(word)) return 4;
  return null;
}

/**
 * The palette's search: entries matching every word of the query in their type, tags or
 * description (case-insensitive), best matches first, then by type. An empty query lists all.
 */
export function searchCatalog(
  entries: readonly CatalogEntry[],
  query: string,
): readonly CatalogEntry[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  const scored: { entry: CatalogEntry; score: number }[] = [];
  for (const entry of entries) {
    let score = 0;
    let matches = true;
    for (const word of words) {
      const s = wordScore(entry, word);
      if (s === null) {
        matches = false;
        break;
      }
      score += s;
    }
    if (matches) scored.push({ entry, score });
  }
  scored.sort((a, b) => a.score - b.score || a.entry.type.localeCompare(b.entry.type));
  return scored.map((s) => s.entry);
}
