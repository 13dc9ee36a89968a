import type { BulletinBadgeView } from './types.js';

/**
 * The tooltip of a card's bulletin badge: how many in the last five minutes and the worst
 * level, then the latest messages, newest first.
 */
export function badgeTitle(badge: BulletinBadgeView): string {
  const noun = badge.count === 1 ? 'bulletin' : 'bulletins';
  const head = `${badge.count} ${noun} in the last 5 minutes (worst: ${badge.level})`;
  return [head, ...badge.latest.map((message) => `• ${message}`)].join('\n');
}
