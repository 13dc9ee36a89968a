import type { ConnectionChange } from './connection-panel.js';

/** A queue prioritizer, as flow-schema's `prioritizerSchema` names them. */
export type Prioritizer = NonNullable<ConnectionChange['prioritizers']>[number];

/** One prioritizer a person can choose, with what it does. */
export interface PrioritizerKind {
  readonly value: Prioritizer;
  readonly label: string;
  readonly description: string;
}

/** Every prioritizer kind, in the order the "Add" menu offers them (NiFi's names). */
export const PRIORITIZERS = [
  {
    value: 'FIFO',
    label: 'First in, first out',
    description: 'Flowfiles leave in the order they entered the queue (the default)',
  },
  {
    value: 'OLDEST_FIRST',
    label: 'Oldest flowfile first',
    description: 'The flowfile whose lineage started earliest leaves first',
  },
  {
    value: 'NEWEST_FIRST',
    label: 'Newest flowfile first',
    description: 'The flowfile whose lineage started latest leaves first',
  },
  {
    value: 'PRIORITY_ATTRIBUTE',
    label: 'Priority attribute',
    description: "The flowfile with the lowest 'priority' attribute leaves first",
  },
] as const satisfies readonly PrioritizerKind[];

// Fails to compile when flow-schema adds a prioritizer this list does not offer.
type Missing = Exclude<Prioritizer, (typeof PRIORITIZERS)[number]['value']>;
const _allOffered: Missing extends never ? true : never = true;
void _allOffered;

/** The kind of a prioritizer value. */
export function prioritizerKind(value: Prioritizer): PrioritizerKind {
  return PRIORITIZERS.find((p) => p.value === value)!;
}

/** Kinds not yet in the list: the schema refuses a prioritizer named twice. */
export function availablePrioritizers(list: readonly Prioritizer[]): PrioritizerKind[] {
  return PRIORITIZERS.filter((p) => !list.includes(p.value));
}

/** The list with `value` added last (applied after the others), unless it is already there. */
export function addPrioritizer(list: readonly Prioritizer[], value: Prioritizer): Prioritizer[] {
  return list.includes(value) ? [...list] : [...list, value];
}

/** The list without the item at `index`. */
export function removePrioritizer(list: readonly Prioritizer[], index: number): Prioritizer[] {
  return list.filter((_, i) => i !== index);
}

/** The list with the item at `index` swapped with its neighbour `by` places away (-1 up, 1 down). */
export function movePrioritizer(
  list: readonly Prioritizer[],
  index: number,
  by: -1 | 1,
): Prioritizer[] {
  const target = index + by;
  if (index < 0 || index >= list.length || target < 0 || target >= list.length) return [...list];
  const moved = [...list];
  [moved[index], moved[target]] = [moved[target]!, moved[index]!];
  return moved;
}
