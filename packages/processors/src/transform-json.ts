import { defineProcessor, prop, type FlowFile } from '@sluice/engine';
import { BatchGuard } from './support/batch.js';
import { ContentFailure, forEachContent } from './support/content-batch.js';
import { decodeUtf8, parseJsonContent, type ContentReading } from './json/json-content.js';
import {
  compileJsonata,
  describeJsonataError,
  evaluateJsonata,
  JSONATA_MAX_DEPTH,
  jsonataProblem,
  type JsonataExpression,
  type JsonataLimits,
} from './json/jsonata-expression.js';

/** Attribute a flowfile routed to `failure` carries: why it could not be transformed. */
export const TRANSFORM_JSON_FAILURE_ATTRIBUTE = 'transformjson.failure.reason';

const INPUT_FORMATS = {
  JSON: 'The content is parsed as JSON and is the input ($); content that is not JSON goes to failure',
  Text: 'The content, decoded as UTF-8, is the input ($) as one string: to build JSON from a text file',
} as const;

/** What TransformJson prepares once per start. */
interface Scheduled {
  readonly source: string;
  readonly expression: JsonataExpression;
  readonly inputFormat: keyof typeof INPUT_FORMATS;
  readonly indent: number | undefined;
  readonly limits: JsonataLimits;
  readonly guard: BatchGuard;
}

/** Why one flowfile goes to failure; carried to the failure attribute and a bulletin. */
class TransformFailure extends ContentFailure {}

/**
 * Transforms content with a JSONata expression into JSON (Sluice's counterpart of NiFi's
 * JoltTransformJSON, in a language that also computes). The input `$` is the content, parsed as
 * JSON or taken as text; the flowfile's attributes are bound as `$attributes`, so
 * `$attributes.filename` and `` $attributes.`absolute.path` `` read them.
 *
 * The output is always serialized by `JSON.stringify`, so strings with quotes, tabs,
 * backslashes, line breaks or Korean text come out as valid JSON: the seed-004 pipeline's
 * "Invalid control character" came from pasting raw text into a JSON string by hand.
 */
export const TransformJson = defineProcessor({
  type: 'TransformJson',
  description:
    'Transforms the content of a flowfile with a JSONata expression and writes the result as JSON. ' +
    'The content (JSON, or text as one string) is the input $, and the flowfile attributes are $attributes.',
  tags: ['JSON', 'JSONata', 'transform', 'shape', 'modify', 'build'],
  properties: {
    jsonataExpression: prop.text({
      name: 'JSONata Expression',
      description:
        'The JSONata expression (https://jsonata.org) whose result becomes the content. $ is the input, $attributes the ' +
        'flowfile attributes, e.g. {"fileName": $attributes.filename, "subject": $substringBefore($, "\\n")}.',
      required: true,
      validate: jsonataProblem,
    }),
    inputFormat: prop.choice({
      name: 'Input Format',
      description: 'How the content becomes the input of the expression.',
      values: Object.entries(INPUT_FORMATS).map(([value, description]) => ({
        value: value as keyof typeof INPUT_FORMATS,
        description,
      })),
      default: 'JSON',
    }),
    evaluationTimeout: prop.duration({
      name: 'Evaluation Timeout',
      description: `How long the expression may run for one flowfile. An evaluation that takes longer, or nests deeper than ${JSONATA_MAX_DEPTH.toLocaleString('en')} steps (a recursion that never ends), is stopped and its flowfile goes to failure with the reason, instead of holding the processor forever.`,
      default: '10 sec',
    }),
    prettyPrint: prop.boolean({
      name: 'Pretty Print',
      description: 'Indent the JSON written (2 spaces) rather than write it on one line.',
      default: 'false',
    }),
  },
  relationships: {
    success: 'Flowfiles whose content was replaced by the result, with mime.type application/json',
    failure: `Flowfiles that could not be transformed (content that is not JSON or not UTF-8, an expression that failed or gave no value); the reason is in the ${TRANSFORM_JSON_FAILURE_ATTRIBUTE} attribute and a bulletin`,
  },
  onScheduled(ctx): Scheduled {
    const source = ctx.requiredProperty('jsonataExpression');
    let expression: JsonataExpression;
    try {
      expression = compileJsonata(source);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      throw new Error(`'JSONata Expression' is not valid JSONata: ${reason}`, { cause: error });
    }
    return {
      source,
      expression,
      inputFormat: ctx.requiredProperty('inputFormat'),
      indent: ctx.requiredProperty('prettyPrint') ? 2 : undefined,
      limits: { timeoutMs: ctx.requiredProperty('evaluationTimeout'), maxDepth: JSONATA_MAX_DEPTH },
      guard: new BatchGuard(),
    };
  },
  async onTrigger(ctx, session, scheduled) {
    const routing = { log: ctx.log, failureAttribute: TRANSFORM_JSON_FAILURE_ATTRIBUTE };
    await forEachContent(session, scheduled.guard, routing, async (flowFile, content) => {
      const output = await transform(scheduled, flowFile, content);
      const written = await session.write(flowFile, Buffer.from(output, 'utf8'));
      session.transfer(session.putAttribute(written, 'mime.type', 'application/json'), 'success');
    });
  },
});

/** The JSON text of one flowfile's result; throws TransformFailure. */
async function transform(
  scheduled: Scheduled,
  flowFile: FlowFile,
  content: Buffer,
): Promise<string> {
  const input = readInput(scheduled.inputFormat, content);
  if (!input.ok) throw new TransformFailure(input.reason);
  let result: unknown;
  try {
    // A copy: the expression must not reach the flowfile's own (immutable) attribute record.
    result = await evaluateJsonata(
      scheduled.expression,
      input.value,
      { attributes: { ...flowFile.attributes } },
      scheduled.limits,
    );
  } catch (error) {
    throw new TransformFailure(
      `the JSONata expression failed: ${describeJsonataError(scheduled.source, error)}`,
    );
  }
  if (result === undefined) {
    throw new TransformFailure(
      'the JSONata expression gave no value for this content (nothing matched)',
    );
  }
  const output = JSON.stringify(result, null, scheduled.indent);
  if (typeof output !== 'string') {
    throw new TransformFailure('the JSONata expression gave a function, which is not JSON');
  }
  return output;
}

function readInput(format: Scheduled['inputFormat'], content: Buffer): ContentReading<unknown> {
  switch (format) {
    case 'JSON':
      return parseJsonContent(content);
    case 'Text':
      return decodeUtf8(content);
    default: {
      const exhaustive: never = format;
      throw new Error(`Unknown input format ${String(exhaustive)}`);
    }
  }
}
