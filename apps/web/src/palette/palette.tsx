import { useCallback, useDeferredValue, useMemo, useState } from 'react';
import { addProcessorAt } from '../actions/add.js';
import { SearchIcon } from '../chrome/icons.js';
import { cardCornerAt, freeSpot, useViewportCentre } from '../canvas/viewport.js';
import { useCatalogStore } from '../stores/catalog-store.js';
import { useGraphStore } from '../stores/graph-store.js';
import { PaletteItem } from './palette-item.js';
import { searchCatalog } from './search.js';
import './palette.css';

/**
 * The palette: the processor types of `catalog.list`, searchable by type, tags and
 * description. Enter in the search field adds the best match; Arrow Down moves into the list.
 */
export function Palette() {
  const entries = useCatalogStore((s) => s.entries);
  const loaded = useCatalogStore((s) => s.loaded);
  const [query, setQuery] = useState('');
  const deferred = useDeferredValue(query);
  const results = useMemo(() => searchCatalog(entries, deferred), [entries, deferred]);
  const centre = useViewportCentre();

  const onAdd = useCallback(
    (type: string) => {
      const taken = useGraphStore.getState().processors.map((p) => p.position);
      void addProcessorAt(type, freeSpot(cardCornerAt(centre()), taken));
    },
    [centre],
  );

  return (
    <aside className="palette" data-testid="palette" aria-label="Processor palette">
      <div className="palette-search">
        <SearchIcon className="palette-search-icon" />
        <input
          type="search"
          data-testid="palette-search"
          placeholder="Search processors"
          aria-label="Search processors"
          value={query}
          onChange={(event) => setQuery(event.target.value)}
          onKeyDown={(event) => {
            if (event.key === 'ArrowDown') {
              event.preventDefault();
              event.currentTarget
                .closest('.palette')
                ?.querySelector<HTMLElement>('.palette-item')
                ?.focus();
            } else if (event.key === 'Enter' && results[0]) {
              event.preventDefault();
              onAdd(results[0].type);
            } else if (event.key === 'Escape') {
              setQuery('');
            }
          }}
        />
      </div>
      <ul className="palette-list" aria-label="Processor types">
        {results.map((entry) => (
          <PaletteItem key={entry.type} entry={entry} onAdd={onAdd} />
        ))}
      </ul>
      {loaded && results.length === 0 && (
        <p className="palette-empty">No processor type matches “{query}”.</p>
      )}
      <p className="palette-footer">
        {results.length} of {entries.length} types · drag onto the canvas
      </p>
    </aside>
  );
}
