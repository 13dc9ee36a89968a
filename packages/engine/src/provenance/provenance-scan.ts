import { isNotFound } from '../repository/durable-files.js';
import type { ProvenanceEvent } from './provenance-event.js';
import { readProvenanceFile, type ByteRange, type ProvenanceFile } from './provenance-file.js';
import { matcher, recordFilter, type ProvenanceQuery } from './provenance-query.js';
import { recordEventIds } from './provenance-record.js';

/** The events a query or lineage scan reads, fixed at the moment the scan starts. */
export interface EventSource {
  /** Files oldest first, each to be read up to `end` (its size when the scan started). */
  readonly files: readonly { readonly file: ProvenanceFile; readonly end: number }[];
  /** Events not yet in a file, in id order; all newer than the files' events. */
  readonly unwritten: readonly ProvenanceEvent[];
}

/** Visits every event of `source`, oldest first. */
export async function forEachEvent(
  source: EventSource,
  visit: (event: ProvenanceEvent) => void,
): Promise<void> {
  for (const { file, end } of source.files) {
    for (const range of file.rangesFor(undefined, undefined, end)) {
      await readRange(file.path, range, (events) => {
        for (const event of events) visit(event);
      });
    }
  }
  for (const event of source.unwritten) visit(event);
}

/**
 * Runs a query over a snapshot of the repository. Only the segments of files whose time bounds
 * can match are read, and records whose raw bytes lack a searched id are skipped unparsed.
 * Oldest first stops at `limit`; newest first reads segments from the newest and keeps only the
 * last `limit` matches of each, so memory stays bounded by the limit.
 */
export async function scanEvents(
  source: EventSource,
  query: ProvenanceQuery,
  limit: number,
): Promise<ProvenanceEvent[]> {
  const matches = matcher(query);
  const accept = recordFilter(query);
  const results: ProvenanceEvent[] = [];
  if (limit <= 0) return results;
  const read = (path: string, range: ByteRange, visit: (event: ProvenanceEvent) => boolean) =>
    readRange(
      path,
      range,
      (events) => {
        for (const event of events) if (matches(event) && !visit(event)) return false;
        return true;
      },
      accept,
    );

  if (!query.newestFirst) {
    const add = (event: ProvenanceEvent): boolean => {
      results.push(event);
      return results.length < limit;
    };
    for (const { file, end } of source.files) {
      for (const range of file.rangesFor(query.from, query.to, end)) {
        await read(file.path, range, add);
        if (results.length >= limit) return results;
      }
    }
    for (const event of source.unwritten) {
      if (matches(event) && !add(event)) break;
    }
    return results;
  }

  for (let i = source.unwritten.length - 1; i >= 0 && results.length < limit; i--) {
    const event = source.unwritten[i]!;
    if (matches(event)) results.push(event);
  }
  for (let i = source.files.length - 1; i >= 0 && results.length < limit; i--) {
    const { file, end } = source.files[i]!;
    const ranges = file.rangesFor(query.from, query.to, end, false);
    for (let r = ranges.length - 1; r >= 0 && results.length < limit; r--) {
      const wanted = limit - results.length;
      let newest: ProvenanceEvent[] = [];
      await read(file.path, ranges[r]!, (event) => {
        newest.push(event);
        // Trim in bulk so the cost stays linear.
        if (newest.length >= wanted * 2) newest = newest.slice(-wanted);
        return true;
      });
      newest = newest.slice(-wanted);
      for (let j = newest.length - 1; j >= 0; j--) results.push(newest[j]!);
    }
  }
  return results;
}

/**
 * The event with id `eventId`, or undefined when retention deleted it (or it never existed). Only
 * the segments whose id bounds hold it are read, and only the record holding it is parsed.
 */
export async function findEvent(
  source: EventSource,
  eventId: number,
): Promise<ProvenanceEvent | undefined> {
  const unwritten = source.unwritten.find((event) => event.eventId === eventId);
  if (unwritten !== undefined) return unwritten;
  const holds = (payload: Buffer): boolean => {
    const ids = recordEventIds(payload);
    return ids === undefined || (eventId >= ids.first && eventId < ids.first + ids.count);
  };
  for (const { file, end } of source.files) {
    if (eventId < file.stats.minEventId || eventId > file.stats.maxEventId) continue;
    for (const segment of file.stats.segments) {
      if (segment.offset >= end) break;
      if (eventId < segment.minEventId || eventId > segment.maxEventId) continue;
      let found: ProvenanceEvent | undefined;
      const range = { start: segment.offset, end: Math.min(segment.offset + segment.bytes, end) };
      await readRange(
        file.path,
        range,
        (events) => {
          found = events.find((event) => event.eventId === eventId);
          return found === undefined;
        },
        holds,
      );
      if (found !== undefined) return found;
    }
  }
  return undefined;
}

/** Reads a range of a file, treating a file deleted by retention since the scan started as empty. */
async function readRange(
  path: string,
  range: ByteRange,
  visit: (events: readonly ProvenanceEvent[]) => boolean | void,
  accept?: (payload: Buffer) => boolean,
): Promise<void> {
  try {
    await readProvenanceFile(path, range, visit, accept);
  } catch (error) {
    if (!isNotFound(error)) throw error;
  }
}
