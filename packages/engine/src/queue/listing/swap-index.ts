import type { FlowFile } from '../../flowfile/flowfile.js';
import type { QueueSortField } from './listing-query.js';

/** The numeric fields a listing sorts by (position is implicit). */
export type SortColumn = Exclude<QueueSortField, 'position'>;

/**
 * What a listing needs of the records of one swap file, held without the records themselves:
 * ids and filenames for the rows, numbers in typed arrays for sorting. About a third of the
 * memory of the decoded records, which stay on disk.
 */
export interface SwapFileIndex {
  readonly count: number;
  readonly ids: readonly string[];
  readonly filenames: readonly string[];
  readonly columns: Readonly<Record<SortColumn, Float64Array>>;
  readonly penalizedUntil: Float64Array;
}

/** When a flowfile was queued here: its queue order is the enqueue time in microseconds. */
export function queuedDateOf(flowFile: FlowFile): number {
  return flowFile.queueOrder === undefined
    ? flowFile.entryDate
    : Math.floor(flowFile.queueOrder / 1000);
}

/** The value of a sort column of a flowfile. */
export function columnValue(flowFile: FlowFile, column: SortColumn): number {
  switch (column) {
    case 'size':
      return flowFile.size;
    case 'queuedDate':
      return queuedDateOf(flowFile);
    case 'entryDate':
      return flowFile.entryDate;
    case 'lineageStartDate':
      return flowFile.lineageStartDate;
    default: {
      const exhaustive: never = column;
      throw new Error(`unknown sort column ${String(exhaustive)}`);
    }
  }
}

/** Builds the index of a swap file's records, in file order. */
export function indexSwapFile(flowFiles: readonly FlowFile[]): SwapFileIndex {
  const count = flowFiles.length;
  const ids: string[] = new Array<string>(count);
  const filenames: string[] = new Array<string>(count);
  const size = new Float64Array(count);
  const queuedDate = new Float64Array(count);
  const entryDate = new Float64Array(count);
  const lineageStartDate = new Float64Array(count);
  const penalizedUntil = new Float64Array(count);
  for (let i = 0; i < count; i++) {
    const flowFile = flowFiles[i]!;
    ids[i] = flowFile.id;
    const filename = flowFile.attributes['filename'] ?? '';
    // The filename is often the id (GenerateFlowFile's are): keep one string, not two.
    filenames[i] = filename === flowFile.id ? flowFile.id : filename;
    size[i] = flowFile.size;
    queuedDate[i] = queuedDateOf(flowFile);
    entryDate[i] = flowFile.entryDate;
    lineageStartDate[i] = flowFile.lineageStartDate;
    penalizedUntil[i] = flowFile.penalizedUntil;
  }
  return {
    count,
    ids,
    filenames,
    columns: { size, queuedDate, entryDate, lineageStartDate },
    penalizedUntil,
  };
}
