import type { LogLevel } from '../processor/process-context.js';
import type { Bulletin } from './bulletin.js';

/** What a processor card's badge shows: a component's recent bulletins, counted. */
export interface BulletinSummary {
  readonly componentId: string;
  readonly count: number;
  /** The most severe level among them. */
  readonly level: LogLevel;
  /** The newest messages first, a few of them, each cut to a readable length. */
  readonly latest: readonly string[];
}

/** Levels from least to most severe, as NiFi orders bulletin levels. */
export const LEVEL_ORDER: Readonly<Record<LogLevel, number>> = {
  DEBUG: 0,
  INFO: 1,
  WARN: 2,
  ERROR: 3,
};

/** How many messages a summary keeps, and how long each may be (a tooltip, not a log). */
export const SUMMARY_MESSAGES = 3;
const MESSAGE_LENGTH = 200;

function shorten(message: string): string {
  return message.length > MESSAGE_LENGTH ? `${message.slice(0, MESSAGE_LENGTH - 1)}…` : message;
}

/**
 * Counts the bulletins posted at or after `since`, per component, from a list in posting order
 * (oldest first). Walks backwards and stops at the first older one, so the cost is the number
 * of recent bulletins, not the size of the board.
 */
export function summarize(bulletins: readonly Bulletin[], since: number): BulletinSummary[] {
  const byComponent = new Map<string, { count: number; level: LogLevel; latest: string[] }>();
  for (let i = bulletins.length - 1; i >= 0; i--) {
    const bulletin = bulletins[i]!;
    if (bulletin.time < since) break;
    const entry = byComponent.get(bulletin.componentId);
    if (!entry) {
      byComponent.set(bulletin.componentId, {
        count: 1,
        level: bulletin.level,
        latest: [shorten(bulletin.message)],
      });
      continue;
    }
    entry.count++;
    if (LEVEL_ORDER[bulletin.level] > LEVEL_ORDER[entry.level]) entry.level = bulletin.level;
    if (entry.latest.length < SUMMARY_MESSAGES) entry.latest.push(shorten(bulletin.message));
  }
  return [...byComponent].map(([componentId, entry]) => ({ componentId, ...entry }));
}
