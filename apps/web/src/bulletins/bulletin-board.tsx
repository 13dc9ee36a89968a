import { useEffect } from 'react';
import { Modal } from '../chrome/modal.js';
import { useStatsStore } from '../stores/stats-store.js';
import { useBulletinBoard } from './bulletin-board-store.js';
import { BulletinFilters } from './bulletin-filters.js';
import { formatTime } from './format-time.js';
import type { BulletinView } from './types.js';
import { useFocusComponent } from './use-focus-component.js';
import '../chrome/dialog.css';
import './bulletins.css';

/** The bulletin board when it is open (mounted once in the editor). */
export function BulletinBoardHost() {
  const open = useBulletinBoard((s) => s.open);
  return open ? <BulletinBoard /> : null;
}

/**
 * The bulletin board: every kept bulletin of the flow, newest first, searchable by text, level
 * and component, paged with "Load older". Bulletins posted while it is open appear on top. A
 * row selects its component on the canvas and centres the view on it.
 */
function BulletinBoard() {
  const board = useBulletinBoard();
  const lastId = useStatsStore((s) => s.lastBulletinId);
  const focus = useFocusComponent();

  useEffect(() => {
    void useBulletinBoard.getState().pullNewer();
  }, [lastId]);

  const select = (bulletin: BulletinView) => {
    if (focus(bulletin.componentId)) board.hide();
  };
  const filtered = board.filter.text.trim() !== '' || board.filter.minLevel !== 'ALL';
  const scoped = board.filter.componentId !== '';

  return (
    <Modal
      className="dialog bulletin-board"
      labelledBy="bulletin-board-title"
      testId="bulletin-board"
      data-loading={board.loading}
      onClose={board.hide}
    >
      <h2 id="bulletin-board-title">Bulletin board</h2>
      <p className="dialog-subtitle">
        Warnings and errors of this flow, newest first, kept across restarts. Pick one to find its
        processor on the canvas.
      </p>
      <BulletinFilters filter={board.filter} onChange={board.setFilter} />
      {board.error && (
        <p className="dialog-error" role="alert">
          Could not read the bulletins: {board.error}
        </p>
      )}
      <ol className="bulletin-list" aria-label="Bulletins" aria-busy={board.loading}>
        {board.rows.map((bulletin) => (
          <li key={bulletin.id}>
            <BulletinRow bulletin={bulletin} onSelect={select} />
          </li>
        ))}
      </ol>
      {!board.loading && board.rows.length === 0 && !board.error && (
        <p className="bulletin-empty" data-testid="bulletin-empty">
          {filtered || scoped ? 'No bulletin matches.' : 'No bulletins: nothing went wrong.'}
        </p>
      )}
      <div className="dialog-actions">
        {board.more && (
          <button
            type="button"
            className="btn"
            disabled={board.loading}
            onClick={() => void board.loadOlder()}
          >
            Load older
          </button>
        )}
        <button type="button" className="btn primary" autoFocus onClick={board.hide}>
          Close
        </button>
      </div>
    </Modal>
  );
}

function BulletinRow({
  bulletin,
  onSelect,
}: {
  readonly bulletin: BulletinView;
  onSelect(bulletin: BulletinView): void;
}) {
  return (
    <button
      type="button"
      className="bulletin-row"
      data-testid="bulletin-row"
      data-level={bulletin.level}
      data-component-id={bulletin.componentId}
      title={`Show ${bulletin.componentName} on the canvas`}
      onClick={() => onSelect(bulletin)}
    >
      <time dateTime={new Date(bulletin.time).toISOString()}>{formatTime(bulletin.time)}</time>
      <span className={`bulletin-level level-${bulletin.level.toLowerCase()}`}>
        {bulletin.level}
      </span>
      <span className="bulletin-component">{bulletin.componentName}</span>
      <span className="bulletin-message" title={bulletin.message}>
        {bulletin.message}
      </span>
    </button>
  );
}
