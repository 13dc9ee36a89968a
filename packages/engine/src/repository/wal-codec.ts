import type { ContentClaim } from '../content/content-claim.js';
import type { FlowFile } from '../flowfile/flowfile.js';
import type { SwapFileSummary, WalOperation } from './wal-operation.js';

/**
 * Encoding of flowfiles and WAL operations as JSON tuples. Positional arrays instead of objects
 * keep records about a third smaller than keyed JSON and cost nothing extra to write, since
 * V8's JSON.stringify is native. The first element of an operation tuple is its kind:
 * 0 put, 1 delete, 2 swapOut, 3 swapIn, 4 state.
 */
type ClaimTuple = [file: string, offset: number, length: number];

/** A flowfile as a JSON tuple. */
export type FlowFileTuple = [
  id: string,
  attributes: Readonly<Record<string, string>>,
  claim: ClaimTuple | null,
  size: number,
  entryDate: number,
  lineageStartDate: number,
  penalizedUntil: number,
  queueOrder?: number,
];

/** A WAL operation as a JSON tuple. */
export type OperationTuple =
  | [0, string, FlowFileTuple]
  | [1, string]
  | [2, SwapFileSummary, readonly string[]]
  | [3, string, string]
  | [4, string, Readonly<Record<string, string>> | null];

/** Encodes a flowfile as a tuple. */
export function encodeFlowFile(flowFile: FlowFile): FlowFileTuple {
  const { claim } = flowFile;
  const tuple: FlowFileTuple = [
    flowFile.id,
    flowFile.attributes,
    claim === null ? null : [claim.file, claim.offset, claim.length],
    flowFile.size,
    flowFile.entryDate,
    flowFile.lineageStartDate,
    flowFile.penalizedUntil,
  ];
  // Optional last element: no spread on this per-flowfile hot path.
  if (flowFile.queueOrder !== undefined) tuple[7] = flowFile.queueOrder;
  return tuple;
}

/** Encodes one operation as a tuple. */
export function encodeOperation(operation: WalOperation): OperationTuple {
  switch (operation.op) {
    case 'put':
      return [0, operation.queue, encodeFlowFile(operation.flowFile)];
    case 'delete':
      return [1, operation.id];
    case 'swapOut':
      return [2, operation.swap, operation.ids];
    case 'swapIn':
      return [3, operation.queue, operation.file];
    case 'state':
      return [4, operation.component, operation.state];
    default: {
      const exhaustive: never = operation;
      throw new Error(`unknown WAL operation ${JSON.stringify(exhaustive)}`);
    }
  }
}

/** Encodes a record's operations; the result is what one WAL frame holds. */
export function encodeOperations(operations: readonly WalOperation[]): OperationTuple[] {
  const tuples = new Array<OperationTuple>(operations.length);
  for (let i = 0; i < operations.length; i++) tuples[i] = encodeOperation(operations[i]!);
  return tuples;
}

/** Decodes what {@link encodeOperations} produced, checking its shape. */
export function decodeOperations(value: unknown): WalOperation[] {
  if (!Array.isArray(value)) throw new Error('a record is not an array of operations');
  return value.map(decodeOperation);
}

/** Decodes one operation tuple, checking its shape. */
export function decodeOperation(value: unknown): WalOperation {
  if (!Array.isArray(value)) throw new Error('an operation is not an array');
  switch (value[0]) {
    case 0:
      return { op: 'put', queue: str(value[1]), flowFile: decodeFlowFile(value[2]) };
    case 1:
      return { op: 'delete', id: str(value[1]) };
    case 2: {
      const ids = value[2];
      if (!Array.isArray(ids)) throw new Error('swapOut ids are not an array');
      return { op: 'swapOut', swap: decodeSwapSummary(value[1]), ids: ids.map(str) };
    }
    case 3:
      return { op: 'swapIn', queue: str(value[1]), file: str(value[2]) };
    case 4:
      return {
        op: 'state',
        component: str(value[1]),
        state: value[2] === null ? null : stringRecord(value[2]),
      };
    default:
      throw new Error(`unknown operation kind ${JSON.stringify(value[0])}`);
  }
}

/** Decodes a flowfile tuple, checking its shape. */
export function decodeFlowFile(value: unknown): FlowFile {
  if (!Array.isArray(value) || (value.length !== 7 && value.length !== 8)) {
    throw new Error('a flowfile is not a 7- or 8-tuple');
  }
  const flowFile: FlowFile = {
    id: str(value[0]),
    attributes: stringRecord(value[1]),
    claim: value[2] === null ? null : decodeClaim(value[2]),
    size: num(value[3]),
    entryDate: num(value[4]),
    lineageStartDate: num(value[5]),
    penalizedUntil: num(value[6]),
  };
  return value.length === 8 ? { ...flowFile, queueOrder: num(value[7]) } : flowFile;
}

function decodeClaim(value: unknown): ContentClaim {
  if (!Array.isArray(value) || value.length !== 3) throw new Error('a claim is not a 3-tuple');
  return { file: str(value[0]), offset: num(value[1]), length: num(value[2]) };
}

/** Decodes a swap file summary (a JSON object), checking its shape. */
export function decodeSwapSummary(value: unknown): SwapFileSummary {
  if (typeof value !== 'object' || value === null)
    throw new Error('a swap summary is not an object');
  const summary = value as Record<string, unknown>;
  const references = summary['claimReferences'];
  if (typeof references !== 'object' || references === null) {
    throw new Error('swap summary claimReferences is not an object');
  }
  // fromEntries defines own properties: any file name, even `__proto__`, stays a plain key.
  const claimReferences: Record<string, number> = Object.fromEntries(
    Object.entries(references).map(([file, count]) => [file, num(count)]),
  );
  return {
    file: str(summary['file']),
    queue: str(summary['queue']),
    count: num(summary['count']),
    bytes: num(summary['bytes']),
    ...(summary['firstQueueOrder'] === undefined
      ? {}
      : { firstQueueOrder: num(summary['firstQueueOrder']) }),
    claimReferences,
  };
}

function str(value: unknown): string {
  if (typeof value !== 'string') throw new Error(`expected a string, got ${typeof value}`);
  return value;
}

function num(value: unknown): number {
  if (typeof value !== 'number') throw new Error(`expected a number, got ${typeof value}`);
  return value;
}

function stringRecord(value: unknown): Record<string, string> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new Error('expected an object of strings');
  }
  for (const entry of Object.values(value)) str(entry);
  return value as Record<string, string>;
}
