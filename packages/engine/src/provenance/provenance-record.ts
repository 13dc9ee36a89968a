import type { ContentClaim } from '../content/content-claim.js';
import {
  isDeltaInt,
  isUint,
  RecordEncoder,
  unzigzag,
  zigzag,
} from '../repository/binary-record.js';
import { RecordDecoder } from '../repository/record-decoder.js';
import { decodeJsonPayload } from '../repository/record-framing.js';
import {
  PROVENANCE_EVENT_TYPES,
  type NewProvenanceEvent,
  type ProvenanceEvent,
  type ProvenanceEventType,
} from './provenance-event.js';

/**
 * Provenance records, format version 2: a batch of events with consecutive ids, binary (see
 * repository/binary-record.ts). Every distinct string (flowfile ids, component ids, attribute
 * keys and values) is stored once per record, however many events repeat it, and consecutive
 * events of a flowfile (CONTENT_MODIFIED then DROP) share one attribute map. Version 1
 * records (a JSON array of events) are still read; a record says which it is by its first byte.
 *
 * Header, readable without the tables: `typeMask` (bit i set when an event of
 * `PROVENANCE_EVENT_TYPES[i]` is in the record, so type queries skip records unparsed),
 * `firstEventId`, `count`. Each event: `type` (u8 index), `flags`, then flowFileId unless it is
 * the previous event's (SAME_FLOWFILE), componentId and componentType unless they are the previous
 * event's (SAME_COMPONENT), attributes, time, size, lineageStartDate, then the optional fields its
 * flags name, in flag order. Numbers are varints: time as the difference from the previous
 * event's time, lineageStartDate as the difference from the event's time (both zigzag); with
 * FLOAT_NUMBERS (some number is not a small non-negative integer), every number is a float64 and
 * the time is not a difference. The input content of a CONTENT_MODIFIED event
 * (PREVIOUS_CONTENT_CLAIM, the newest flag) comes last: records written before it existed read
 * unchanged.
 */
export const PROVENANCE_RECORD_VERSION = 2;

const PREVIOUS_ATTRIBUTES = 1;
const CONTENT_CLAIM = 2;
const PARENT_IDS = 4;
const CHILD_IDS = 8;
const RELATIONSHIP = 16;
const DETAILS = 32;
const TRANSIT_URI = 64;
const DURATION = 128;
const FLOAT_NUMBERS = 256;
const SAME_FLOWFILE = 512;
const SAME_COMPONENT = 1024;
const PREVIOUS_CONTENT_CLAIM = 2048;
const KNOWN_FLAGS = 4095;

const TYPE_INDEX = new Map<string, number>(PROVENANCE_EVENT_TYPES.map((type, i) => [type, i]));

/** Bit of an event type in a record's type mask. */
export function typeBit(type: ProvenanceEventType): number {
  return 1 << TYPE_INDEX.get(type)!;
}

/** Encoding is synchronous, so one encoder (and its buffers) serves every repository. */
const encoder = new RecordEncoder();

/** What the previous event of a record was, for the fields an event only writes when they differ. */
interface Previous {
  flowFileId: string | undefined;
  componentId: string | undefined;
  componentType: string | undefined;
  time: number;
}

/** Encodes events whose ids are `firstEventId`, `firstEventId + 1`... as one framed record. */
export function encodeProvenanceRecord(
  firstEventId: number,
  events: readonly NewProvenanceEvent[],
): Buffer {
  encoder.begin();
  let typeMask = 0;
  const previous: Previous = {
    flowFileId: undefined,
    componentId: undefined,
    componentType: undefined,
    time: 0,
  };
  for (const event of events) {
    const type = TYPE_INDEX.get(event.type);
    if (type === undefined) throw new Error(`unknown provenance event type ${event.type}`);
    typeMask |= 1 << type;
    writeEvent(event, type, previous);
  }
  encoder.header.uint(typeMask);
  encoder.header.uint(firstEventId);
  encoder.header.uint(events.length);
  return encoder.frame(PROVENANCE_RECORD_VERSION);
}

function writeEvent(event: NewProvenanceEvent, type: number, previous: Previous): void {
  const claim = event.contentClaim;
  const previousClaim = event.previousContentClaim;
  const integers =
    isDeltaInt(event.time) &&
    isUint(event.size) &&
    isDeltaInt(event.lineageStartDate) &&
    (claim === null || (isUint(claim.offset) && isUint(claim.length))) &&
    (event.durationMs === undefined || isUint(event.durationMs)) &&
    (previousClaim === undefined || (isUint(previousClaim.offset) && isUint(previousClaim.length)));
  const sameFlowFile = event.flowFileId === previous.flowFileId;
  const sameComponent =
    event.componentId === previous.componentId && event.componentType === previous.componentType;
  const flags =
    (event.previousAttributes === undefined ? 0 : PREVIOUS_ATTRIBUTES) |
    (claim === null ? 0 : CONTENT_CLAIM) |
    (event.parentIds === undefined ? 0 : PARENT_IDS) |
    (event.childIds === undefined ? 0 : CHILD_IDS) |
    (event.relationship === undefined ? 0 : RELATIONSHIP) |
    (event.details === undefined ? 0 : DETAILS) |
    (event.transitUri === undefined ? 0 : TRANSIT_URI) |
    (event.durationMs === undefined ? 0 : DURATION) |
    (integers ? 0 : FLOAT_NUMBERS) |
    (sameFlowFile ? SAME_FLOWFILE : 0) |
    (sameComponent ? SAME_COMPONENT : 0) |
    (previousClaim === undefined ? 0 : PREVIOUS_CONTENT_CLAIM);
  const w = encoder;
  w.u8(type);
  w.uint(flags);
  if (!sameFlowFile) {
    w.str(event.flowFileId, 0);
    previous.flowFileId = event.flowFileId;
  }
  if (!sameComponent) {
    w.str(event.componentId, 1);
    w.str(event.componentType, 2);
    previous.componentId = event.componentId;
    previous.componentType = event.componentType;
  }
  w.map(event.attributes);
  if (integers) {
    w.uint(zigzag(event.time - previous.time));
    previous.time = event.time;
    w.uint(event.size);
    w.uint(zigzag(event.lineageStartDate - event.time));
  } else {
    w.f64(event.time);
    w.f64(event.size);
    w.f64(event.lineageStartDate);
  }
  if (event.previousAttributes !== undefined) w.map(event.previousAttributes);
  if (claim !== null) {
    w.str(claim.file, 3);
    writeNumber(integers, claim.offset);
    writeNumber(integers, claim.length);
  }
  if (event.parentIds !== undefined) writeIds(event.parentIds);
  if (event.childIds !== undefined) writeIds(event.childIds);
  if (event.relationship !== undefined) w.str(event.relationship, 4);
  if (event.details !== undefined) w.str(event.details, 5);
  if (event.transitUri !== undefined) w.str(event.transitUri, 6);
  if (event.durationMs !== undefined) writeNumber(integers, event.durationMs);
  if (previousClaim !== undefined) {
    w.str(previousClaim.file, 7);
    writeNumber(integers, previousClaim.offset);
    writeNumber(integers, previousClaim.length);
  }
}

function writeNumber(integer: boolean, value: number): void {
  if (integer) encoder.uint(value);
  else encoder.f64(value);
}

function writeIds(ids: readonly string[]): void {
  encoder.uint(ids.length);
  for (const id of ids) encoder.str(id);
}

/** Decodes a record of either version, checking its shape; damage throws. */
export function decodeProvenanceRecord(payload: Buffer): ProvenanceEvent[] {
  if (payload[0] !== PROVENANCE_RECORD_VERSION) {
    const events = decodeJsonPayload(payload);
    if (!Array.isArray(events)) throw new Error('a provenance record is not an array of events');
    return events as ProvenanceEvent[];
  }
  const reader = new RecordDecoder(payload);
  reader.uint(); // type mask
  const firstEventId = reader.uint();
  const count = reader.uint();
  reader.readTables();
  const events: ProvenanceEvent[] = [];
  const previous: Previous = {
    flowFileId: undefined,
    componentId: undefined,
    componentType: undefined,
    time: 0,
  };
  for (let i = 0; i < count; i++) events.push(readEvent(reader, firstEventId + i, previous));
  if (!reader.done) throw new Error('bytes after the last event');
  return events;
}

function readEvent(reader: RecordDecoder, eventId: number, previous: Previous): ProvenanceEvent {
  const type = PROVENANCE_EVENT_TYPES[reader.u8()];
  if (type === undefined) throw new Error('unknown provenance event type');
  const flags = reader.uint();
  if (flags > KNOWN_FLAGS) throw new Error(`unknown provenance event flags ${flags}`);
  if (!(flags & SAME_FLOWFILE)) previous.flowFileId = reader.str();
  if (!(flags & SAME_COMPONENT)) {
    previous.componentId = reader.str();
    previous.componentType = reader.str();
  }
  const { flowFileId, componentId, componentType } = previous;
  if (flowFileId === undefined || componentId === undefined || componentType === undefined) {
    throw new Error('an event refers to a previous event the record does not have');
  }
  const attributes = reader.map();
  const integers = !(flags & FLOAT_NUMBERS);
  let time: number;
  let size: number;
  let lineageStartDate: number;
  if (integers) {
    time = previous.time + unzigzag(reader.uint());
    previous.time = time;
    size = reader.uint();
    lineageStartDate = time + unzigzag(reader.uint());
  } else {
    time = reader.f64();
    size = reader.f64();
    lineageStartDate = reader.f64();
  }
  const number = integers ? () => reader.uint() : () => reader.f64();
  const previousAttributes = flags & PREVIOUS_ATTRIBUTES ? reader.map() : undefined;
  let contentClaim: ContentClaim | null = null;
  if (flags & CONTENT_CLAIM) {
    contentClaim = { file: reader.str(), offset: number(), length: number() };
  }
  const event: { -readonly [K in keyof ProvenanceEvent]: ProvenanceEvent[K] } = {
    eventId,
    type,
    time,
    flowFileId,
    componentId,
    componentType,
    attributes,
    size,
    contentClaim,
    lineageStartDate,
  };
  if (previousAttributes !== undefined) event.previousAttributes = previousAttributes;
  if (flags & PARENT_IDS) event.parentIds = readIds(reader);
  if (flags & CHILD_IDS) event.childIds = readIds(reader);
  if (flags & RELATIONSHIP) event.relationship = reader.str();
  if (flags & DETAILS) event.details = reader.str();
  if (flags & TRANSIT_URI) event.transitUri = reader.str();
  if (flags & DURATION) event.durationMs = number();
  if (flags & PREVIOUS_CONTENT_CLAIM) {
    event.previousContentClaim = { file: reader.str(), offset: number(), length: number() };
  }
  return event;
}

function readIds(reader: RecordDecoder): string[] {
  const count = reader.uint();
  const ids: string[] = [];
  for (let i = 0; i < count; i++) ids.push(reader.str());
  return ids;
}

/**
 * The type mask of a version 2 record, read from its first bytes (undefined for a version 1
 * record, or bytes too damaged to tell).
 */
export function recordTypeMask(payload: Buffer): number | undefined {
  if (payload[0] !== PROVENANCE_RECORD_VERSION) return undefined;
  try {
    return new RecordDecoder(payload).uint();
  } catch {
    return undefined;
  }
}

/**
 * The ids a version 2 record holds, read from its header (undefined for a version 1 record, or
 * bytes too damaged to tell), so a look-up by id parses only the record holding it.
 */
export function recordEventIds(payload: Buffer): { first: number; count: number } | undefined {
  if (payload[0] !== PROVENANCE_RECORD_VERSION) return undefined;
  try {
    const reader = new RecordDecoder(payload);
    reader.uint(); // type mask
    return { first: reader.uint(), count: reader.uint() };
  } catch {
    return undefined;
  }
}
