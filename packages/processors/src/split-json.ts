import { randomUUID } from 'node:crypto';
import { defineProcessor, prop, type FlowFile, type ProcessSession } from '@sluice/engine';
import { elementRepresentation, selectArrayElements } from './json/json-array-elements.js';
import { decodeUtf8, parseJsonContent } from './json/json-content.js';
import { compileJsonPath, jsonPathProblem, type CompiledJsonPath } from './json/json-path-query.js';
import { JsonSource } from './json/json-source.js';
import { BatchGuard } from './support/batch.js';
import { ContentFailure, forEachContent } from './support/content-batch.js';

/** Attribute a flowfile routed to `failure` carries: why it could not be split (Sluice's addition). */
export const SPLIT_JSON_FAILURE_ATTRIBUTE = 'splitjson.failure.reason';

/** NiFi's fragment attributes, shared by every split of one flowfile. */
export const FRAGMENT_ID = 'fragment.identifier';
export const FRAGMENT_INDEX = 'fragment.index';
export const FRAGMENT_COUNT = 'fragment.count';
export const SEGMENT_ORIGINAL_FILENAME = 'segment.original.filename';

const NULL_VALUES = { 'empty string': '', "the string 'null'": 'null' } as const;

/** What SplitJson prepares once per start. */
interface Scheduled {
  readonly path: CompiledJsonPath;
  readonly nullValue: string;
  readonly guard: BatchGuard;
}

/** Why one flowfile goes to failure; carried to the failure attribute and a bulletin. */
class SplitFailure extends ContentFailure {}

/**
 * NiFi's SplitJson: splits a JSON document into one flowfile per element of the array a JsonPath
 * selects, sent to `split` with NiFi's fragment attributes; the input goes to `original` with
 * `fragment.identifier` and `fragment.count`.
 *
 * Each piece is written as NiFi writes it: an object or array as compact JSON, a string as its
 * text, a number or boolean as written, null as the Null Value Representation, an array of one
 * element as that element. Unlike NiFi (which re-serializes through Jackson), the JSON of a piece
 * is cut from the input text, so numbers such as 9007199254740993 or 2.50 and escapes come out
 * exactly as they went in.
 *
 * A path that selects nothing, or something other than an array, and content that is not JSON
 * send the input to `failure` with the reason in `splitjson.failure.reason` (Sluice's addition)
 * and a bulletin. The JsonPath dialect is RFC 9535 (json-p3), as in EvaluateJsonPath. NiFi's Max
 * String Length is left out: a document is limited only by memory, as it is read whole.
 */
export const SplitJson = defineProcessor({
  type: 'SplitJson',
  description:
    "Splits a JSON File into multiple, separate FlowFiles for an array element specified by a JsonPath expression. Each generated FlowFile is comprised of an element of the specified array and transferred to relationship 'split', with the original file transferred to the 'original' relationship. If the specified JsonPath is not found or does not evaluate to an array element, the original file is routed to 'failure' and no files are generated.",
  tags: ['json', 'split', 'jsonpath'],
  properties: {
    jsonPathExpression: prop.string({
      name: 'JsonPath Expression',
      description:
        'A JsonPath expression (RFC 9535, e.g. $.items or $.orders[*].lines) that indicates the array element to split into JSON/scalar fragments.',
      required: true,
      validate: jsonPathProblem,
    }),
    nullValueRepresentation: prop.choice({
      name: 'Null Value Representation',
      description:
        'Indicates the desired representation of JSON Path expressions resulting in a null value.',
      values: ['empty string', "the string 'null'"],
      default: 'empty string',
    }),
  },
  relationships: {
    original:
      'The original FlowFile that was split into segments. If the FlowFile fails processing, nothing will be sent to this relationship',
    split: 'All segments of the original FlowFile will be routed to this relationship',
    failure: `If a FlowFile fails processing for any reason (for example, the FlowFile is not valid JSON or the specified path does not exist), it will be routed to this relationship, with the reason in ${SPLIT_JSON_FAILURE_ATTRIBUTE}`,
  },
  onScheduled(ctx): Scheduled {
    return {
      path: compileJsonPath(ctx.requiredProperty('jsonPathExpression')),
      nullValue: NULL_VALUES[ctx.requiredProperty('nullValueRepresentation')],
      guard: new BatchGuard(),
    };
  },
  async onTrigger(ctx, session, scheduled) {
    const routing = { log: ctx.log, failureAttribute: SPLIT_JSON_FAILURE_ATTRIBUTE };
    await forEachContent(session, scheduled.guard, routing, async (flowFile, content) => {
      const pieces = split(scheduled, content);
      await emit(session, flowFile, pieces);
      ctx.log.debug(`Split ${flowFile.id} into ${pieces.length} FlowFiles`);
    });
  },
});

/** The text of each piece of one flowfile's content; throws SplitFailure. */
function split(scheduled: Scheduled, content: Buffer): string[] {
  const decoded = decodeUtf8(content);
  if (!decoded.ok) throw new SplitFailure(decoded.reason);
  let document: unknown;
  try {
    document = JSON.parse(decoded.value);
  } catch {
    const parsed = parseJsonContent(content);
    throw new SplitFailure(parsed.ok ? 'the content is not valid JSON' : parsed.reason);
  }
  const source = new JsonSource(decoded.value);
  const selection = selectArrayElements(scheduled.path, document, source);
  if (!selection.ok) throw new SplitFailure(selection.reason);
  return selection.elements.map((span) => elementRepresentation(source, span, scheduled.nullValue));
}

async function emit(session: ProcessSession, original: FlowFile, pieces: readonly string[]) {
  const fragmentId = randomUUID();
  const count = String(pieces.length);
  const originalFilename = original.attributes['filename'] ?? '';
  for (let index = 0; index < pieces.length; index++) {
    const piece = await session.write(session.create(original), pieces[index]!);
    session.transfer(
      session.putAllAttributes(piece, {
        [FRAGMENT_ID]: fragmentId,
        [FRAGMENT_INDEX]: String(index),
        [FRAGMENT_COUNT]: count,
        [SEGMENT_ORIGINAL_FILENAME]: originalFilename,
      }),
      'split',
    );
  }
  session.transfer(
    session.putAllAttributes(original, { [FRAGMENT_ID]: fragmentId, [FRAGMENT_COUNT]: count }),
    'original',
  );
}
