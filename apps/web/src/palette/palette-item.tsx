import { memo, type KeyboardEvent } from 'react';
import type { CatalogEntry } from '../api/types.js';
import { PROCESSOR_DRAG_TYPE } from '../canvas/use-canvas-handlers.js';

/** Props of one palette item. */
export interface PaletteItemProps {
  readonly entry: CatalogEntry;
  /** Adds the type at the centre of the visible canvas (double-click, Enter). */
  onAdd(type: string): void;
}

/**
 * One processor type in the palette: its name, description and tags. Dragged onto the canvas
 * (HTML5 drag and drop) it is added where it is dropped; double-click or Enter adds it at the
 * centre of the view; arrow keys move between items.
 */
function PaletteItemView({ entry, onAdd }: PaletteItemProps) {
  const onKeyDown = (event: KeyboardEvent<HTMLLIElement>) => {
    const item = event.currentTarget;
    if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      onAdd(entry.type);
    } else if (event.key === 'ArrowDown') {
      event.preventDefault();
      (item.nextElementSibling as HTMLElement | null)?.focus();
    } else if (event.key === 'ArrowUp') {
      event.preventDefault();
      const previous = item.previousElementSibling as HTMLElement | null;
      if (previous) previous.focus();
      else item.closest('.palette')?.querySelector<HTMLInputElement>('input')?.focus();
    }
  };
  return (
    <li
      className="palette-item"
      data-testid={`palette-item-${entry.type}`}
      tabIndex={0}
      draggable
      aria-label={entry.type}
      aria-description={entry.description}
      title={`${entry.description}\n\nDrag onto the canvas, or double-click to add.`}
      onDragStart={(event) => {
        event.dataTransfer.setData(PROCESSOR_DRAG_TYPE, entry.type);
        event.dataTransfer.setData('text/plain', entry.type);
        event.dataTransfer.effectAllowed = 'copy';
      }}
      onDoubleClick={() => onAdd(entry.type)}
      onKeyDown={onKeyDown}
    >
      <div className="palette-type">{entry.type}</div>
      <div className="palette-description">{entry.description}</div>
      {entry.tags.length > 0 && (
        <div className="palette-tags">
          {entry.tags.slice(0, 5).map((tag) => (
            <span key={tag} className="palette-tag">
              {tag}
            </span>
          ))}
        </div>
      )}
    </li>
  );
}

/** A palette item, memoized: the list re-renders on each keystroke of the search. */
export const PaletteItem = memo(PaletteItemView);
