import type { FlowFile } from '../flowfile/flowfile.js';
import {
  isDeltaInt,
  isUint,
  RecordEncoder,
  unzigzag,
  zigzag,
  type RecordWriter,
} from './binary-record.js';
import { RecordDecoder } from './record-decoder.js';
import { decodeJsonPayload } from './record-framing.js';
import { decodeOperations, decodeSwapSummary } from './wal-codec.js';
import type { WalOperation } from './wal-operation.js';

/**
 * WAL records, format version 2: binary (see binary-record.ts), one record per session commit.
 * Version 1 records (JSON tuples, wal-codec.ts) are still read, so logs written before the
 * change replay as they did; a record says which it is by its first byte.
 *
 * A record is an operation count, then the operations. Kinds as in version 1 (0 put, 1 delete,
 * 2 swapOut, 3 swapIn, 4 state) plus 5: a put into the same queue as the record's previous put
 * (the queue is not repeated). A flowfile is `id, attributes, flags, [claim file, offset, length],
 * size, entryDate, lineageStartDate, penalizedUntil, [queueOrder]`; flags: 1 has a claim, 2 has
 * a queue order, 4 its numbers are float64. Otherwise (the usual case, every field a non-negative
 * integer) they are varints, entryDate as the difference from the previous put's, lineageStartDate
 * from its own entryDate and queueOrder from the previous put's (zigzag: a commit's flowfiles
 * mostly share dates and have consecutive queue orders).
 */
export const WAL_RECORD_VERSION = 2;

const HAS_CLAIM = 1;
const HAS_QUEUE_ORDER = 2;
const FLOAT_NUMBERS = 4;

const PUT = 0;
const PUT_SAME_QUEUE = 5;

/** Encoding is synchronous, so one encoder (and its buffers) serves every repository. */
const encoder = new RecordEncoder();

/** What the previous put of a record held, for the fields written as differences. */
interface Previous {
  queue: string | undefined;
  entryDate: number;
  queueOrder: number;
}

/** Encodes the operations of one commit as a framed version 2 record. */
export function encodeWalRecord(operations: readonly WalOperation[]): Buffer {
  encoder.begin();
  encoder.uint(operations.length);
  const previous: Previous = { queue: undefined, entryDate: 0, queueOrder: 0 };
  for (const operation of operations) writeOperation(encoder, operation, previous);
  return encoder.frame(WAL_RECORD_VERSION);
}

/** Decodes a record of either version, checking its shape; damage throws. */
export function decodeWalRecord(payload: Buffer): WalOperation[] {
  if (payload[0] !== WAL_RECORD_VERSION) return decodeOperations(decodeJsonPayload(payload));
  const reader = new RecordDecoder(payload);
  reader.readTables();
  const count = reader.uint();
  const operations: WalOperation[] = [];
  const previous: Previous = { queue: undefined, entryDate: 0, queueOrder: 0 };
  for (let i = 0; i < count; i++) operations.push(readOperation(reader, previous));
  if (!reader.done) throw new Error('bytes after the last operation');
  return operations;
}

function writeOperation(writer: RecordWriter, operation: WalOperation, previous: Previous): void {
  switch (operation.op) {
    case 'put':
      if (operation.queue === previous.queue) {
        writer.u8(PUT_SAME_QUEUE);
      } else {
        writer.u8(PUT);
        writer.str(operation.queue, 0);
        previous.queue = operation.queue;
      }
      writeFlowFile(writer, operation.flowFile, previous);
      return;
    case 'delete':
      writer.u8(1);
      writer.str(operation.id, 3);
      return;
    case 'swapOut':
      // Rare (one per swap file of 10,000 flowfiles): the summary keeps its JSON shape.
      writer.u8(2);
      writer.str(JSON.stringify(operation.swap));
      writer.uint(operation.ids.length);
      for (const id of operation.ids) writer.str(id);
      return;
    case 'swapIn':
      writer.u8(3);
      writer.str(operation.queue);
      writer.str(operation.file);
      return;
    case 'state':
      writer.u8(4);
      writer.str(operation.component);
      writer.u8(operation.state === null ? 0 : 1);
      if (operation.state !== null) writer.map(operation.state);
      return;
    default: {
      const exhaustive: never = operation;
      throw new Error(`unknown WAL operation ${JSON.stringify(exhaustive)}`);
    }
  }
}

function readOperation(reader: RecordDecoder, previous: Previous): WalOperation {
  const kind = reader.u8();
  switch (kind) {
    case PUT:
      previous.queue = reader.str();
      return { op: 'put', queue: previous.queue, flowFile: readFlowFile(reader, previous) };
    case PUT_SAME_QUEUE: {
      const queue = previous.queue;
      if (queue === undefined) throw new Error('a put refers to a previous put the record lacks');
      return { op: 'put', queue, flowFile: readFlowFile(reader, previous) };
    }
    case 1:
      return { op: 'delete', id: reader.str() };
    case 2: {
      const swap = decodeSwapSummary(JSON.parse(reader.str()));
      const count = reader.uint();
      const ids: string[] = [];
      for (let i = 0; i < count; i++) ids.push(reader.str());
      return { op: 'swapOut', swap, ids };
    }
    case 3:
      return { op: 'swapIn', queue: reader.str(), file: reader.str() };
    case 4: {
      const component = reader.str();
      const state = reader.u8() === 0 ? null : reader.map();
      return { op: 'state', component, state };
    }
    default:
      throw new Error(`unknown operation kind ${kind}`);
  }
}

function writeFlowFile(writer: RecordWriter, flowFile: FlowFile, previous: Previous): void {
  const { claim, queueOrder } = flowFile;
  const integers =
    isUint(flowFile.size) &&
    isDeltaInt(flowFile.entryDate) &&
    isDeltaInt(flowFile.lineageStartDate) &&
    isUint(flowFile.penalizedUntil) &&
    (queueOrder === undefined || isDeltaInt(queueOrder)) &&
    (claim === null || (isUint(claim.offset) && isUint(claim.length)));
  writer.str(flowFile.id, 1);
  writer.map(flowFile.attributes);
  writer.u8(
    (claim === null ? 0 : HAS_CLAIM) |
      (queueOrder === undefined ? 0 : HAS_QUEUE_ORDER) |
      (integers ? 0 : FLOAT_NUMBERS),
  );
  if (integers) {
    if (claim !== null) {
      writer.str(claim.file, 2);
      writer.uint(claim.offset);
      writer.uint(claim.length);
    }
    writer.uint(flowFile.size);
    writer.uint(zigzag(flowFile.entryDate - previous.entryDate));
    previous.entryDate = flowFile.entryDate;
    writer.uint(zigzag(flowFile.lineageStartDate - flowFile.entryDate));
    writer.uint(flowFile.penalizedUntil);
    if (queueOrder !== undefined) {
      writer.uint(zigzag(queueOrder - previous.queueOrder));
      previous.queueOrder = queueOrder;
    }
  } else {
    if (claim !== null) {
      writer.str(claim.file);
      writer.f64(claim.offset);
      writer.f64(claim.length);
    }
    writer.f64(flowFile.size);
    writer.f64(flowFile.entryDate);
    writer.f64(flowFile.lineageStartDate);
    writer.f64(flowFile.penalizedUntil);
    if (queueOrder !== undefined) writer.f64(queueOrder);
  }
}

function readFlowFile(reader: RecordDecoder, previous: Previous): FlowFile {
  const id = reader.str();
  const attributes = reader.map();
  const flags = reader.u8();
  if (flags > (HAS_CLAIM | HAS_QUEUE_ORDER | FLOAT_NUMBERS)) {
    throw new Error(`unknown flowfile flags ${flags}`);
  }
  const flowFile: { -readonly [K in keyof FlowFile]: FlowFile[K] } = {
    id,
    attributes,
    claim: null,
    size: 0,
    entryDate: 0,
    lineageStartDate: 0,
    penalizedUntil: 0,
  };
  if (flags & FLOAT_NUMBERS) {
    if (flags & HAS_CLAIM) {
      flowFile.claim = { file: reader.str(), offset: reader.f64(), length: reader.f64() };
    }
    flowFile.size = reader.f64();
    flowFile.entryDate = reader.f64();
    flowFile.lineageStartDate = reader.f64();
    flowFile.penalizedUntil = reader.f64();
    if (flags & HAS_QUEUE_ORDER) flowFile.queueOrder = reader.f64();
    return flowFile;
  }
  if (flags & HAS_CLAIM) {
    flowFile.claim = { file: reader.str(), offset: reader.uint(), length: reader.uint() };
  }
  flowFile.size = reader.uint();
  flowFile.entryDate = previous.entryDate + unzigzag(reader.uint());
  previous.entryDate = flowFile.entryDate;
  flowFile.lineageStartDate = flowFile.entryDate + unzigzag(reader.uint());
  flowFile.penalizedUntil = reader.uint();
  if (flags & HAS_QUEUE_ORDER) {
    flowFile.queueOrder = previous.queueOrder + unzigzag(reader.uint());
    previous.queueOrder = flowFile.queueOrder;
  }
  return flowFile;
}
