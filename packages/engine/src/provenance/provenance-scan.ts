import { isNotFound } from '../repository/durable-files.js';
import type { ProvenanceEvent } from './provenance-event.js';
import type { ProvenanceFile } from './provenance-file.js';
import { readProvenanceFile } from './provenance-file.js';
import { matcher, requiredFragments, type ProvenanceQuery } from './provenance-query.js';

/** The events a query or lineage scan reads, fixed at the moment the scan starts. */
export interface EventSource {
  /** Files oldest first, each to be read up to `end` (its size when the scan started). */
  readonly files: readonly { readonly file: ProvenanceFile; readonly end: number }[];
  /** Events not yet in a file, in id order; all newer than the files' events. */
  readonly unwritten: readonly ProvenanceEvent[];
  /** Visits every event, oldest first. */
  forEach(visit: (event: ProvenanceEvent) => void): Promise<void>;
}

/**
 * Runs a query over a snapshot of the repository: files whose time range cannot match are
 * skipped, and records whose raw bytes lack a searched id are skipped without being parsed.
 * Oldest first stops at `limit`; newest first reads files from the newest and keeps only the
 * last `limit` matches of each, so memory stays bounded by the limit.
 */
export async function scanEvents(
  source: EventSource,
  query: ProvenanceQuery,
  limit: number,
): Promise<ProvenanceEvent[]> {
  const matches = matcher(query);
  const fragments = requiredFragments(query);
  const files = source.files.filter(({ file }) => file.mayHoldTimes(query.from, query.to));
  const results: ProvenanceEvent[] = [];
  if (limit <= 0) return results;
  const readFile = async (
    path: string,
    end: number,
    visit: (event: ProvenanceEvent) => boolean,
  ): Promise<void> => {
    await readFileTolerant(path, end, (events, payload) => {
      if (fragments.some((fragment) => !payload.includes(fragment))) return true;
      for (const event of events) if (matches(event) && !visit(event)) return false;
      return true;
    });
  };

  if (!query.newestFirst) {
    const add = (event: ProvenanceEvent): boolean => {
      results.push(event);
      return results.length < limit;
    };
    for (const { file, end } of files) {
      await readFile(file.path, end, add);
      if (results.length >= limit) return results;
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
  for (let i = files.length - 1; i >= 0 && results.length < limit; i--) {
    const { file, end } = files[i]!;
    const wanted = limit - results.length;
    let newest: ProvenanceEvent[] = [];
    await readFile(file.path, end, (event) => {
      newest.push(event);
      // Trim in bulk so the cost stays linear.
      if (newest.length >= wanted * 2) newest = newest.slice(-wanted);
      return true;
    });
    newest = newest.slice(-wanted);
    for (let j = newest.length - 1; j >= 0; j--) results.push(newest[j]!);
  }
  return results;
}

/** Reads a file, treating one deleted by retention since the scan started as empty. */
export async function readFileTolerant(
  path: string,
  end: number,
  visit: (events: readonly ProvenanceEvent[], payload: Buffer) => boolean | void,
): Promise<void> {
  try {
    await readProvenanceFile(path, end, visit);
  } catch (error) {
    if (!isNotFound(error)) throw error;
  }
}
