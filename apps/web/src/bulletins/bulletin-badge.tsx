import { memo } from 'react';
import { BellIcon } from '../chrome/icons.js';
import { useStatsStore } from '../stores/stats-store.js';
import { badgeTitle } from './badge-title.js';
import { useBulletinBoard } from './bulletin-board-store.js';
import './bulletins.css';

/**
 * A processor card's bulletin badge: the count of the last five minutes in the colour of the
 * worst level, the latest messages as its tooltip. It reads its own entry of the live stats
 * store, so a new bulletin renders this badge and nothing else of the card. A click opens the
 * bulletin board on this component.
 */
function BulletinBadgeView({ id }: { readonly id: string }) {
  const badge = useStatsStore((s) => s.bulletins[id]);
  if (!badge) return null;
  return (
    <button
      type="button"
      // nodrag/nopan: a click on the badge must not start dragging the card or the canvas.
      className={`bulletin-badge level-${badge.level.toLowerCase()} nodrag nopan`}
      data-testid="card-bulletins"
      data-level={badge.level}
      data-count={badge.count}
      title={badgeTitle(badge)}
      aria-label={`${badge.count} ${badge.level} bulletins in the last 5 minutes; open the bulletin board`}
      onClick={(event) => {
        event.stopPropagation();
        useBulletinBoard.getState().show({ componentId: id });
      }}
    >
      <BellIcon size={12} />
      {badge.count > 99 ? '99+' : badge.count}
    </button>
  );
}

/** The badge, memoized: it renders again only when its processor id or its own badge changes. */
export const BulletinBadge = memo(BulletinBadgeView);
