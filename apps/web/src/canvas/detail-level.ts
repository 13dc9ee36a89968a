import { useStore } from '@xyflow/react';
import type { ConnectionStatusView } from '../api/types.js';
import { fillLevel, fillRatio, type FillLevel } from '../format.js';
import { isQueueFull } from '../graph/back-pressure.js';

/**
 * How much a card and a connection label show: everything (`full`), or at a zoom where their
 * text is too small to read only the name and state colour of a card and the fill bar of a
 * label (`overview`). A whole flow fitted on screen is hundreds of cards; drawing their live
 * figures at that size costs frames and shows nothing.
 */
export type DetailLevel = 'full' | 'overview';

/** Below this zoom the canvas draws its overview (text under ~5 px is unreadable). */
export const OVERVIEW_BELOW_ZOOM = 0.45;

/** The detail level for a zoom. */
export function detailFor(zoom: number): DetailLevel {
  return zoom < OVERVIEW_BELOW_ZOOM ? 'overview' : 'full';
}

/**
 * The canvas's detail level, from xyflow's viewport transform. The selector answers a string,
 * so a component using it renders again only when the level flips, not on each pan or zoom step.
 */
export function useDetailLevel(): DetailLevel {
  return useStore((s) => detailFor(s.transform[2]));
}

/** Steps the overview's fill bar is drawn in, so a label renders only when its bar moves a step. */
const FILL_STEPS = 10;

/** What a connection label shows in the overview: its fill level and its bar width in percent. */
export interface OverviewFill {
  readonly level: FillLevel;
  readonly percent: number;
}

/**
 * A connection's overview fill as one string (`level:percent`, percent rounded to a tenth of the
 * threshold), so a label subscribed to it renders again only when what it shows changes, not on
 * every queued-count change of a stats tick.
 */
export function overviewFillKey(
  status: ConnectionStatusView | undefined,
  objectThreshold: number,
): string {
  const count = status?.queued.count ?? 0;
  const threshold = status?.threshold ?? objectThreshold;
  const ratio = fillRatio(count, threshold);
  const full = isQueueFull(status);
  const percent = full ? 100 : Math.round(ratio * FILL_STEPS) * (100 / FILL_STEPS);
  return `${fillLevel(ratio, full)}:${percent}`;
}

/** Reads back an {@link overviewFillKey}. */
export function parseOverviewFill(key: string): OverviewFill {
  const [level, percent] = key.split(':');
  return { level: level as OverviewFill['level'], percent: Number(percent) };
}
