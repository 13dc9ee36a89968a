import { BellIcon } from '../chrome/icons.js';
import { useGraphStore } from '../stores/graph-store.js';
import { useBulletinBoard } from './bulletin-board-store.js';
import { unreadLabel, useUnreadCount } from './unread.js';
import './bulletins.css';

/** The toolbar's button to the bulletin board, with the count of bulletins not yet seen. */
export function BulletinButton() {
  const hasFlow = useGraphStore((s) => s.flowId !== null);
  const unread = useUnreadCount();
  const open = useBulletinBoard((s) => s.open);
  return (
    <button
      type="button"
      className="btn bulletin-button"
      aria-label={unread > 0 ? `Bulletins, ${unread} unread` : 'Bulletins'}
      title="Bulletin board: warnings and errors of this flow"
      aria-pressed={open}
      disabled={!hasFlow}
      data-testid="bulletin-button"
      onClick={() => useBulletinBoard.getState().show()}
    >
      <BellIcon />
      <span>Bulletins</span>
      {unread > 0 && (
        <span className="bulletin-unread" data-testid="bulletin-unread">
          {unreadLabel(unread)}
        </span>
      )}
    </button>
  );
}
