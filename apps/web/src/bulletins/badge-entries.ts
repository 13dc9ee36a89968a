import { sameJson } from '../graph/reconcile.js';
import type { BulletinBadgeView, BulletinBadgesDeltaView, BulletinBadgesView } from './types.js';

/** The badges by component id, as the stats store keeps them. */
export type BadgeEntries = Readonly<Record<string, BulletinBadgeView>>;

/**
 * The badges of a snapshot, keeping the old object of every badge that did not change (and the
 * old record when none did), so a card renders again only when its own badge changes.
 */
export function badgesFromSnapshot(
  previous: BadgeEntries,
  badges: BulletinBadgesView | undefined,
): BadgeEntries {
  const next = badges?.components ?? [];
  const result: Record<string, BulletinBadgeView> = {};
  let same = Object.keys(previous).length === next.length;
  for (const badge of next) {
    const old = previous[badge.componentId];
    const kept = old !== undefined && sameJson(old, badge) ? old : badge;
    if (kept !== old) same = false;
    result[badge.componentId] = kept;
  }
  return same ? previous : result;
}

/** The badges with a delta's changed ones replaced and its aged-out ones dropped. */
export function badgesWithDelta(
  previous: BadgeEntries,
  delta: BulletinBadgesDeltaView | undefined,
): BadgeEntries {
  if (!delta) return previous;
  if (delta.changed.length === 0 && delta.removed.every((id) => !(id in previous))) return previous;
  const result: Record<string, BulletinBadgeView> = { ...previous };
  for (const badge of delta.changed) result[badge.componentId] = badge;
  for (const id of delta.removed) delete result[id];
  return result;
}
