import type { ImportReportLine } from './transfer-store.js';

/**
 * What a report line is about, in words: `processor 'Call API'`, or the kind alone when the
 * component has no name. The NiFi id is left to a tooltip; it is long and rarely needed.
 */
export function reportSubject(line: ImportReportLine): string {
  return line.name === undefined ? line.kind : `${line.kind} '${line.name}'`;
}
