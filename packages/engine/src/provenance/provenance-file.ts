import { readFile, rename, writeFile } from 'node:fs/promises';
import { isNotFound } from '../repository/durable-files.js';
import { decodeJsonPayload, scanFrames } from '../repository/record-framing.js';
import type { ProvenanceEvent } from './provenance-event.js';

const FILE_NAME = /^(\d{16})\.prov$/;

/** Name of the provenance file whose first event is `firstEventId`; names sort by age. */
export function provenanceFileName(firstEventId: number): string {
  return `${String(firstEventId).padStart(16, '0')}.prov`;
}

/** The first event id of a provenance file name, or undefined for any other name. */
export function provenanceFileFirstId(name: string): number | undefined {
  const match = FILE_NAME.exec(name);
  return match === null ? undefined : Number(match[1]);
}

/** Name of the small index file kept beside a sealed provenance file. */
export function indexFileName(name: string): string {
  return `${name}.idx`;
}

/** What is known about one provenance file without reading it: enough to skip it in a query. */
export interface ProvenanceFileStats {
  count: number;
  /** Valid bytes: readers never read past this (the writer may be mid-append). */
  bytes: number;
  minEventId: number;
  maxEventId: number;
  minTime: number;
  maxTime: number;
}

/** A provenance file with its in-memory index. */
export class ProvenanceFile {
  readonly firstEventId: number;
  readonly stats: ProvenanceFileStats;

  constructor(
    readonly name: string,
    readonly path: string,
    /** Epoch millis the file was started (drives the hourly roll). */
    readonly createdAt: number,
    stats?: ProvenanceFileStats,
  ) {
    this.firstEventId = provenanceFileFirstId(name) ?? 0;
    this.stats = stats ?? emptyStats();
  }

  /** Records that `events` were appended as `bytes` bytes. */
  add(events: readonly ProvenanceEvent[], bytes: number): void {
    const stats = this.stats;
    for (const event of events) {
      stats.minEventId = Math.min(stats.minEventId, event.eventId);
      stats.maxEventId = Math.max(stats.maxEventId, event.eventId);
      stats.minTime = Math.min(stats.minTime, event.time);
      stats.maxTime = Math.max(stats.maxTime, event.time);
    }
    stats.count += events.length;
    stats.bytes += bytes;
  }

  /** True if an event in [from, to] (epoch millis, inclusive) could be in this file. */
  mayHoldTimes(from: number | undefined, to: number | undefined): boolean {
    if (this.stats.count === 0) return false;
    return (
      (from === undefined || this.stats.maxTime >= from) &&
      (to === undefined || this.stats.minTime <= to)
    );
  }
}

function emptyStats(): ProvenanceFileStats {
  return {
    count: 0,
    bytes: 0,
    minEventId: Infinity,
    maxEventId: -Infinity,
    minTime: Infinity,
    maxTime: -Infinity,
  };
}

/**
 * Reads the events of a provenance file up to `end` bytes, one written batch at a time. A torn or
 * damaged record ends the file: provenance is an audit trail, and what precedes the damage is
 * still worth reading. Returns where the readable part ends.
 */
export async function readProvenanceFile(
  path: string,
  end: number | undefined,
  visit: (events: readonly ProvenanceEvent[], payload: Buffer) => boolean | void,
): Promise<number> {
  const result = await scanFrames(
    path,
    (payload) => {
      const events = decodeJsonPayload(payload);
      if (!Array.isArray(events)) throw new Error('a provenance record is not an array of events');
      return visit(events as ProvenanceEvent[], payload);
    },
    end === undefined ? { onCorrupt: 'stop' } : { end, onCorrupt: 'stop' },
  );
  return result.validEnd;
}

/** Builds the index of a file by reading it whole (for a file without a valid index file). */
export async function indexProvenanceFile(path: string): Promise<ProvenanceFileStats> {
  const stats = emptyStats();
  const file = new ProvenanceFile('', path, 0, stats);
  stats.bytes = await readProvenanceFile(path, undefined, (events) => {
    file.add(events, 0);
  });
  return stats;
}

/** Reads an index file; undefined if it is missing, damaged or does not match the file's size. */
export async function readIndexFile(
  path: string,
  fileSize: number,
): Promise<ProvenanceFileStats | undefined> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if (isNotFound(error)) return undefined;
    throw error;
  }
  try {
    const value = JSON.parse(text) as Partial<Record<keyof ProvenanceFileStats, unknown>>;
    const keys = ['count', 'bytes', 'minEventId', 'maxEventId', 'minTime', 'maxTime'] as const;
    if (keys.some((key) => typeof value[key] !== 'number' && value[key] !== null)) return undefined;
    if (value.bytes !== fileSize) return undefined;
    const number = (key: (typeof keys)[number], empty: number): number =>
      typeof value[key] === 'number' ? value[key] : empty;
    return {
      count: number('count', 0),
      bytes: number('bytes', 0),
      minEventId: number('minEventId', Infinity),
      maxEventId: number('maxEventId', -Infinity),
      minTime: number('minTime', Infinity),
      maxTime: number('maxTime', -Infinity),
    };
  } catch {
    // A damaged index is only a cache: the caller rebuilds it from the file.
    return undefined;
  }
}

/**
 * Writes the index file of a sealed provenance file (temp + rename, no fsync: it is a cache that
 * is rebuilt when missing or stale). Infinite bounds of an empty file are stored as null.
 */
export async function writeIndexFile(path: string, stats: ProvenanceFileStats): Promise<void> {
  const temp = `${path}.tmp`;
  await writeFile(temp, JSON.stringify(stats));
  await rename(temp, path);
}
