/**
 * NiFi's timestamp tracking strategy for listing processors (ListFile, ListSFTP): the state holds
 * the newest modification time listed and the ids of every entity listed at exactly that time,
 * so an entity written later with the same (coarse) time is still listed and none is listed
 * twice. The state is plain strings, committed in the same session as the listed flowfiles.
 */

/** State keys, as NiFi's timestamp tracking strategy names them. */
const STATE_TIMESTAMP = 'listing.timestamp';
const STATE_ID_PREFIX = 'id.';
/** The settings the state was made with; when they change the listing starts over, as in NiFi. */
const STATE_CONFIGURATION = 'listing.configuration';

/** What has been listed: the latest modification time and the entities listed at exactly that time. */
export interface ListingState {
  readonly timestamp: number;
  readonly ids: ReadonlySet<string>;
}

/** How a listing processor identifies an entity: a unique id and its modification time (ms). */
export interface ListedEntity {
  readonly id: string;
  readonly timestamp: number;
}

/** The state before anything was listed. */
export const NOTHING_LISTED: ListingState = {
  timestamp: Number.NEGATIVE_INFINITY,
  ids: new Set(),
};

/**
 * Reads the committed listing state; a state made with another `configuration` (or none) means
 * nothing was listed yet.
 */
export function readListingState(
  state: Readonly<Record<string, string>> | undefined,
  configuration: string,
): ListingState {
  if (!state || state[STATE_CONFIGURATION] !== configuration) return NOTHING_LISTED;
  const timestamp = Number(state[STATE_TIMESTAMP]);
  if (!Number.isFinite(timestamp)) return NOTHING_LISTED;
  const ids = Object.entries(state)
    .filter(([key]) => key.startsWith(STATE_ID_PREFIX))
    .map(([, id]) => id);
  return { timestamp, ids: new Set(ids) };
}

/** The component state that records `listing`, made with `configuration`. */
export function writeListingState(
  listing: ListingState,
  configuration: string,
): Record<string, string> {
  const state: Record<string, string> = {
    [STATE_CONFIGURATION]: configuration,
    [STATE_TIMESTAMP]: String(listing.timestamp),
  };
  [...listing.ids].sort().forEach((id, i) => (state[`${STATE_ID_PREFIX}${i}`] = id));
  return state;
}

/**
 * The entries not listed yet — newer than the state's time, or at that time but not among its
 * ids — oldest first, ties ordered by id, which is the order they are emitted in.
 */
export function unlisted<T>(
  entries: readonly T[],
  listed: ListingState,
  key: (entry: T) => ListedEntity,
): T[] {
  return entries
    .map((entry) => ({ entry, ...key(entry) }))
    .filter(
      ({ id, timestamp }) =>
        timestamp > listed.timestamp || (timestamp === listed.timestamp && !listed.ids.has(id)),
    )
    .sort((a, b) => a.timestamp - b.timestamp || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
    .map(({ entry }) => entry);
}

/**
 * The state after emitting `emitted` (in the order {@link unlisted} gave, and not empty): the
 * newest time and every id listed at exactly that time, including earlier ones at that time.
 */
export function afterListing<T>(
  listed: ListingState,
  emitted: readonly T[],
  key: (entry: T) => ListedEntity,
): ListingState {
  const keys = emitted.map(key);
  const timestamp = keys[keys.length - 1]!.timestamp;
  const ids = new Set(timestamp === listed.timestamp ? listed.ids : []);
  for (const entry of keys) if (entry.timestamp === timestamp) ids.add(entry.id);
  return { timestamp, ids };
}
