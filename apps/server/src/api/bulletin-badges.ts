import type { BulletinSummary, FlowEngine } from '@sluice/engine';

/** A card's badge counts the bulletins of the last five minutes, as NiFi's bulletin indicator. */
export const RECENT_BULLETINS_MS = 5 * 60_000;

/** What the cards' badges show: recent bulletins per component, and the newest bulletin's id. */
export interface BulletinBadges {
  /** The id of the newest bulletin of the flow (0 for none): an unread count is lastId − seen. */
  readonly lastId: number;
  readonly components: readonly BulletinSummary[];
}

/** What changed in the badges between two ticks of the live stream. */
export interface BulletinBadgesDelta {
  readonly lastId: number;
  readonly changed: readonly BulletinSummary[];
  /** Components whose recent bulletins all aged out (their badge goes away). */
  readonly removed: readonly string[];
}

/** The badges of a flow now. */
export function bulletinBadgesOf(engine: FlowEngine, now = Date.now()): BulletinBadges {
  return {
    lastId: engine.bulletins.lastId,
    components: engine.bulletins.summary(now - RECENT_BULLETINS_MS),
  };
}

/** The badges that changed, or undefined when none did (so a quiet tick sends nothing). */
export function bulletinBadgesDelta(
  before: BulletinBadges | undefined,
  after: BulletinBadges,
): BulletinBadgesDelta | undefined {
  const old = new Map(before?.components.map((c) => [c.componentId, JSON.stringify(c)]));
  const ids = new Set(after.components.map((c) => c.componentId));
  const changed = after.components.filter((c) => old.get(c.componentId) !== JSON.stringify(c));
  const removed = [...old.keys()].filter((id) => !ids.has(id));
  if (changed.length === 0 && removed.length === 0 && before?.lastId === after.lastId) {
    return undefined;
  }
  return { lastId: after.lastId, changed, removed };
}
