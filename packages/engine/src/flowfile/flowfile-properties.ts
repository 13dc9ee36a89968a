import type { FlowFile } from './flowfile.js';

/**
 * The flowfile's own properties that the expression language reads as if they were attributes,
 * as NiFi's `${fileSize}`, `${entryDate}` and `${lineageStartDate}` (epoch milliseconds): a size
 * check such as `${fileSize:gt(1048576)}` must see the content size, not an empty value.
 *
 * As in NiFi (ValueLookup), these win over an attribute of the same name. NiFi's `flowFileId`,
 * `lastQueueDate` and `queueDateIndex` are left out: Sluice has no numeric flowfile id and does
 * not record a last queue date.
 */
export function flowFileProperty(flowFile: FlowFile, name: string): string | undefined {
  switch (name) {
    case 'fileSize':
      return String(flowFile.size);
    case 'entryDate':
      return String(flowFile.entryDate);
    case 'lineageStartDate':
      return String(flowFile.lineageStartDate);
    default:
      return undefined;
  }
}
