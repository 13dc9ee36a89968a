import { useEffect, useState } from 'react';
import { useGraphStore } from '../stores/graph-store.js';
import type { BulletinFilter } from './bulletin-query.js';

/** The level choices: the least severe level listed. */
const LEVELS: readonly { readonly value: BulletinFilter['minLevel']; readonly label: string }[] = [
  { value: 'ALL', label: 'All levels' },
  { value: 'INFO', label: 'Info and above' },
  { value: 'WARN', label: 'Warnings and errors' },
  { value: 'ERROR', label: 'Errors only' },
];

/** The engine posts its own bulletins (a processor that cannot start) as this component. */
const FLOW_COMPONENT = 'flow';

/** How long typing pauses before the search runs, so each key does not ask the server. */
const SEARCH_DELAY_MS = 250;

/** Props of {@link BulletinFilters}. */
export interface BulletinFiltersProps {
  readonly filter: BulletinFilter;
  onChange(change: Partial<BulletinFilter>): void;
}

/** The board's search row: text (debounced), minimum level and component. */
export function BulletinFilters({ filter, onChange }: BulletinFiltersProps) {
  const processors = useGraphStore((s) => s.processors);
  const [text, setText] = useState(filter.text);

  useEffect(() => {
    if (text === filter.text) return;
    const timer = setTimeout(() => onChange({ text }), SEARCH_DELAY_MS);
    return () => clearTimeout(timer);
  }, [text, filter.text, onChange]);

  const sorted = [...processors].sort((a, b) => a.name.localeCompare(b.name));
  return (
    <div className="bulletin-filters">
      <input
        type="search"
        aria-label="Search bulletins"
        placeholder="Search messages and component names"
        value={text}
        onChange={(event) => setText(event.target.value)}
      />
      <select
        aria-label="Level"
        value={filter.minLevel}
        onChange={(event) =>
          onChange({ minLevel: event.target.value as BulletinFilter['minLevel'] })
        }
      >
        {LEVELS.map((level) => (
          <option key={level.value} value={level.value}>
            {level.label}
          </option>
        ))}
      </select>
      <select
        aria-label="Component"
        value={filter.componentId}
        onChange={(event) => onChange({ componentId: event.target.value })}
      >
        <option value="">All components</option>
        {sorted.map((p) => (
          <option key={p.id} value={p.id}>
            {p.name}
          </option>
        ))}
        <option value={FLOW_COMPONENT}>The flow itself</option>
      </select>
    </div>
  );
}
