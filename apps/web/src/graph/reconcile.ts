/**
 * Structural sharing for lists of components from the server: an entry equal (as JSON) to the
 * one with the same id before keeps the old object, so memoized cards and edges whose component
 * did not change are not rendered again. Returns `previous` itself when nothing changed at all.
 */
export function reconcileById<T extends { readonly id: string }>(
  previous: readonly T[],
  next: readonly T[],
): readonly T[] {
  const before = new Map(previous.map((item) => [item.id, item]));
  let same = previous.length === next.length;
  const result = next.map((item, index) => {
    const old = before.get(item.id);
    const kept = old !== undefined && sameJson(old, item) ? old : item;
    if (kept !== previous[index]) same = false;
    return kept;
  });
  return same ? previous : result;
}

/** Deep equality of plain JSON values (what the API returns). */
export function sameJson(a: unknown, b: unknown): boolean {
  return a === b || JSON.stringify(a) === JSON.stringify(b);
}
