import { readFile, rename, writeFile } from 'node:fs/promises';
import { isNotFound } from '../repository/durable-files.js';
import { FRAME_HEADER_BYTES, scanFrames } from '../repository/record-framing.js';
import type { NewProvenanceEvent, ProvenanceEvent } from './provenance-event.js';
import { decodeProvenanceRecord } from './provenance-record.js';

/**
 * `<first event id>.prov` holds version 1 (JSON) records, written before binary records;
 * `<first event id>.v2.prov` holds version 2 records. The name tells an older Sluice to leave a
 * version 2 file alone (it would read its records as damage and cut them off).
 */
const FILE_NAME = /^(\d{16})(?:\.v2)?\.prov$/;

/** Name of the (version 2) provenance file whose first event is `firstEventId`; names sort by age. */
export function provenanceFileName(firstEventId: number): string {
  return `${String(firstEventId).padStart(16, '0')}.v2.prov`;
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

/** Counts and bounds of a run of events. */
export interface EventRange {
  count: number;
  minEventId: number;
  maxEventId: number;
  minTime: number;
  maxTime: number;
}

/**
 * About 1 MiB of consecutive records of a file, with their bounds: queries read only the
 * segments that can match, and newest-first queries start with the last segment instead of
 * parsing the whole file.
 */
export interface ProvenanceSegment extends EventRange {
  offset: number;
  bytes: number;
}

/** What is known about one provenance file without reading it: enough to skip it in a query. */
export interface ProvenanceFileStats extends EventRange {
  /** Valid bytes: readers never read past this (the writer may be mid-append). */
  bytes: number;
  segments: ProvenanceSegment[];
}

/** A byte range of a file to read. */
export interface ByteRange {
  readonly start: number;
  readonly end: number;
}

const SEGMENT_BYTES = 1024 * 1024;

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
    this.stats = stats ?? { ...emptyRange(), bytes: 0, segments: [] };
  }

  /** Records that `events` were appended at the end of the file as one record of `bytes` bytes. */
  add(events: readonly ProvenanceEvent[], bytes: number): void {
    let minEventId = Infinity;
    let maxEventId = -Infinity;
    for (const event of events) {
      if (event.eventId < minEventId) minEventId = event.eventId;
      if (event.eventId > maxEventId) maxEventId = event.eventId;
    }
    this.#add(minEventId, maxEventId, events, bytes);
  }

  /**
   * Records that events with ids `firstEventId`, `firstEventId + 1`... were appended as one
   * record of `bytes` bytes (the writer's case: ids are implicit until the events are read).
   */
  addRecord(firstEventId: number, events: readonly NewProvenanceEvent[], bytes: number): void {
    this.#add(firstEventId, firstEventId + events.length - 1, events, bytes);
  }

  #add(
    minEventId: number,
    maxEventId: number,
    events: readonly { readonly time: number }[],
    bytes: number,
  ): void {
    if (events.length === 0) return;
    const stats = this.stats;
    let segment = stats.segments.at(-1);
    if (segment === undefined || segment.bytes >= SEGMENT_BYTES) {
      segment = { ...emptyRange(), offset: stats.bytes, bytes: 0 };
      stats.segments.push(segment);
    }
    let minTime = Infinity;
    let maxTime = -Infinity;
    for (const event of events) {
      if (event.time < minTime) minTime = event.time;
      if (event.time > maxTime) maxTime = event.time;
    }
    for (const range of [segment, stats]) {
      range.minEventId = Math.min(range.minEventId, minEventId);
      range.maxEventId = Math.max(range.maxEventId, maxEventId);
      range.minTime = Math.min(range.minTime, minTime);
      range.maxTime = Math.max(range.maxTime, maxTime);
      range.count += events.length;
    }
    segment.bytes += bytes;
    stats.bytes += bytes;
  }

  /** True if an event in [from, to] (epoch millis, inclusive) could be in this file. */
  mayHoldTimes(from: number | undefined, to: number | undefined): boolean {
    return mayHold(this.stats, from, to);
  }

  /**
   * The byte ranges, below `end`, of the segments that may hold events in [from, to]. With
   * `merge`, adjacent ranges are joined so a full scan reads the file in one pass.
   */
  rangesFor(
    from: number | undefined,
    to: number | undefined,
    end: number,
    merge = true,
  ): ByteRange[] {
    const ranges: { start: number; end: number }[] = [];
    for (const segment of this.stats.segments) {
      if (segment.offset >= end || !mayHold(segment, from, to)) continue;
      const range = { start: segment.offset, end: Math.min(segment.offset + segment.bytes, end) };
      const last = ranges.at(-1);
      if (merge && last !== undefined && last.end === range.start) last.end = range.end;
      else ranges.push(range);
    }
    return ranges;
  }
}

function mayHold(range: EventRange, from: number | undefined, to: number | undefined): boolean {
  if (range.count === 0) return false;
  return (from === undefined || range.maxTime >= from) && (to === undefined || range.minTime <= to);
}

function emptyRange(): EventRange {
  return {
    count: 0,
    minEventId: Infinity,
    maxEventId: -Infinity,
    minTime: Infinity,
    maxTime: -Infinity,
  };
}

/**
 * Reads the events of a byte range of a provenance file, one written record at a time (records
 * of either format version, see provenance-record.ts). A torn
 * or damaged record ends the read: provenance is an audit trail, and what precedes the damage
 * is still worth reading. `accept` can skip a record from its raw bytes, before the costly parse.
 */
export async function readProvenanceFile(
  path: string,
  range: ByteRange,
  visit: (events: readonly ProvenanceEvent[]) => boolean | void,
  accept?: (payload: Buffer) => boolean,
): Promise<void> {
  await scanFrames(
    path,
    (payload) => {
      if (accept !== undefined && !accept(payload)) return true;
      return visit(decodeProvenanceRecord(payload));
    },
    { start: range.start, end: range.end, onCorrupt: 'stop' },
  );
}

/** Builds the index of a file by reading it whole (for a file without a valid index file). */
export async function indexProvenanceFile(path: string): Promise<ProvenanceFileStats> {
  const file = new ProvenanceFile('', path, 0);
  await scanFrames(
    path,
    (payload) => {
      file.add(decodeProvenanceRecord(payload), FRAME_HEADER_BYTES + payload.length);
    },
    { onCorrupt: 'stop' },
  );
  return file.stats;
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
    const value = JSON.parse(text, (_key, v: unknown) => (v === null ? undefined : v)) as unknown;
    // A damaged or stale index is only a cache: the caller rebuilds it from the file.
    if (!isStats(value) || value.bytes !== fileSize) return undefined;
    return value;
  } catch {
    return undefined;
  }
}

/** Writes the index file of a sealed provenance file (temp + rename, no fsync: it is a cache). */
export async function writeIndexFile(path: string, stats: ProvenanceFileStats): Promise<void> {
  const temp = `${path}.tmp`;
  // Bounds of an empty file are infinite, which JSON writes as null and the reader restores.
  await writeFile(temp, JSON.stringify(stats));
  await rename(temp, path);
}

function isStats(value: unknown): value is ProvenanceFileStats {
  if (!isRange(value)) return false;
  const stats = value as unknown as Record<string, unknown>;
  const segments = stats['segments'];
  if (typeof stats['bytes'] !== 'number' || !Array.isArray(segments)) return false;
  for (const segment of segments as unknown[]) {
    if (!isRange(segment)) return false;
    const fields = segment as unknown as Record<string, unknown>;
    if (typeof fields['offset'] !== 'number' || typeof fields['bytes'] !== 'number') return false;
  }
  return true;
}

function isRange(value: unknown): value is EventRange {
  if (typeof value !== 'object' || value === null) return false;
  const range = value as Record<string, unknown>;
  if (typeof range['count'] !== 'number') return false;
  const bounds: [string, number][] = [
    ['minEventId', Infinity],
    ['maxEventId', -Infinity],
    ['minTime', Infinity],
    ['maxTime', -Infinity],
  ];
  for (const [key, empty] of bounds) {
    if (range[key] === undefined) range[key] = empty;
    else if (typeof range[key] !== 'number') return false;
  }
  return true;
}
