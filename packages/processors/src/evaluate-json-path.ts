import { defineProcessor, prop, type FlowFile, type ProcessSession } from '@sluice/engine';
import { BatchGuard } from './support/batch.js';
import { ContentFailure, describeFlowFile, forEachContent } from './support/content-batch.js';
import { parseJsonContentExact } from './json/json-content.js';
import {
  compileJsonPath,
  evaluateJsonPath,
  isJsonScalar,
  jsonPathProblem,
  resultRepresentation,
  type CompiledJsonPath,
} from './json/json-path-query.js';

/** Attribute a flowfile routed to `failure` carries: why its JSON could not be evaluated. */
export const EVALUATE_JSON_PATH_FAILURE_ATTRIBUTE = 'evaluatejsonpath.failure.reason';

const CONTENT = 'flowfile-content';
const ATTRIBUTE = 'flowfile-attribute';
const NULL_VALUES = { 'empty string': '', "the string 'null'": 'null' } as const;

/** What EvaluateJsonPath prepares once per start. */
interface Scheduled {
  readonly destination: typeof CONTENT | typeof ATTRIBUTE;
  /** Return Type with auto-detect resolved: json for content, scalar for attributes (as NiFi). */
  readonly returnType: 'json' | 'scalar';
  readonly pathNotFound: 'ignore' | 'warn' | 'skip';
  readonly nullValue: string;
  /** Attribute name (the dynamic property's) → compiled JsonPath, in property order. */
  readonly paths: ReadonlyMap<string, CompiledJsonPath>;
  readonly guard: BatchGuard;
}

/** Why one flowfile goes to failure; carried to the failure attribute and a bulletin. */
class EvaluationFailure extends ContentFailure {}

/**
 * NiFi's EvaluateJsonPath: evaluates JsonPath expressions (one per user-added property) against
 * JSON content, and writes the results to attributes named after the properties, or replaces the
 * content with the one result.
 *
 * NiFi's semantics, kept: auto-detect returns JSON for content and scalars for attributes, and a
 * scalar return type refuses an object or list (failure); a result list of one element is written
 * as that element; Path Not Found Behavior applies to attributes (ignore writes an empty value,
 * warn does too and logs, skip writes nothing), whereas with content a missing path goes to
 * `unmatched`. A path is missing when it is singular (only names and indexes) and selects
 * nothing; other paths select a list, `[]` when empty.
 *
 * The JsonPath dialect is RFC 9535 (json-p3): filters as `[?@.price < 10]` or `[?(@.price < 10)]`,
 * `match()`/`search()` for regular expressions, `length()`, `count()`; Jayway's `=~` and
 * `.length()` at the end of a path are not part of it. Filters are never evaluated as script.
 */
export const EvaluateJsonPath = defineProcessor({
  type: 'EvaluateJsonPath',
  description:
    'Evaluates one or more JsonPath expressions against the content of a flowfile and writes the results to attributes ' +
    'named after the properties, or replaces the content with the result.',
  tags: ['JSON', 'evaluate', 'JsonPath'],
  properties: {
    destination: prop.choice({
      name: 'Destination',
      description:
        'Where the results go: the content (exactly one JsonPath then) or attributes named after the properties.',
      values: [
        { value: CONTENT, description: 'The result replaces the content of the flowfile' },
        {
          value: ATTRIBUTE,
          description: 'Each result goes to the attribute named by its property',
        },
      ],
      default: CONTENT,
    }),
    returnType: prop.choice({
      name: 'Return Type',
      description:
        "How a result is represented: 'json' writes objects and lists as JSON; 'scalar' accepts only a string, number, " +
        "boolean or null, and sends the flowfile to failure otherwise. 'auto-detect' is json for flowfile-content and " +
        'scalar for flowfile-attribute.',
      values: ['auto-detect', 'json', 'scalar'],
      default: 'auto-detect',
    }),
    pathNotFoundBehavior: prop.choice({
      name: 'Path Not Found Behavior',
      description:
        "With Destination flowfile-attribute, what to do when a JsonPath selects nothing: 'ignore' sets the attribute to " +
        "an empty string, 'warn' does too and logs a warning, 'skip' leaves the attribute unset. " +
        "With flowfile-content the flowfile goes to unmatched ('warn' also logs).",
      values: ['ignore', 'warn', 'skip'],
      default: 'ignore',
    }),
    nullValueRepresentation: prop.choice({
      name: 'Null Value Representation',
      description: 'What a JSON null result is written as.',
      values: ['empty string', "the string 'null'"],
      default: 'empty string',
    }),
  },
  dynamicProperties: {
    description:
      'A JsonPath expression (RFC 9535, e.g. $.user.name or $.items[?@.price < 10].id); the property name is the attribute ' +
      'the result goes to (with flowfile-attribute).',
    expressionScope: 'none',
    validate: jsonPathProblem,
  },
  relationships: {
    matched:
      'Flowfiles whose JsonPaths were evaluated, with the results in attributes or as content',
    unmatched: 'Flowfiles whose JsonPath selected nothing, when Destination is flowfile-content',
    failure: `Flowfiles whose content is not JSON, or whose result is not a scalar where one is required; the reason is in the ${EVALUATE_JSON_PATH_FAILURE_ATTRIBUTE} attribute and a bulletin`,
  },
  validate(ctx) {
    const count = ctx.dynamicPropertyNames.length;
    if (ctx.raw('destination') === CONTENT && count !== 1) {
      return [
        {
          message: `Exactly one JsonPath must be set if using destination of ${CONTENT} (${count} set)`,
        },
      ];
    }
    return [];
  },
  onScheduled(ctx): Scheduled {
    const destination = ctx.requiredProperty('destination');
    const returnType = ctx.requiredProperty('returnType');
    const paths = new Map<string, CompiledJsonPath>();
    for (const [name, path] of ctx.dynamicProperties()) {
      try {
        paths.set(name, compileJsonPath(path));
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        throw new Error(`'${name}' is not a valid JsonPath: ${reason}`, { cause: error });
      }
    }
    if (destination === CONTENT && paths.size !== 1) {
      throw new Error(`Exactly one JsonPath must be set if using destination of ${CONTENT}`);
    }
    return {
      destination,
      returnType:
        returnType === 'auto-detect' ? (destination === CONTENT ? 'json' : 'scalar') : returnType,
      pathNotFound: ctx.requiredProperty('pathNotFoundBehavior'),
      nullValue: NULL_VALUES[ctx.requiredProperty('nullValueRepresentation')],
      paths,
      guard: new BatchGuard(),
    };
  },
  async onTrigger(ctx, session, scheduled) {
    const routing = { log: ctx.log, failureAttribute: EVALUATE_JSON_PATH_FAILURE_ATTRIBUTE };
    await forEachContent(session, scheduled.guard, routing, async (flowFile, content) => {
      const outcome = evaluate(scheduled, content);
      for (const [name, path] of outcome.missing) {
        if (scheduled.pathNotFound === 'warn') {
          ctx.log.warn(
            `${describeFlowFile(flowFile)} has no value at ${path} for '${name}'`,
            flowFile,
          );
        }
      }
      await route(session, scheduled, flowFile, outcome);
    });
  },
});

/** What the JsonPaths gave for one flowfile. */
interface Outcome {
  /** Attribute name → text, for flowfile-attribute; the one result for flowfile-content. */
  readonly results: Map<string, string>;
  /** The paths that selected nothing: attribute name → path. */
  readonly missing: Map<string, string>;
}

/** Evaluates every JsonPath against one flowfile's content; throws EvaluationFailure. */
function evaluate(scheduled: Scheduled, content: Buffer): Outcome {
  const parsed = parseJsonContentExact(content);
  if (!parsed.ok) throw new EvaluationFailure(parsed.reason);
  const results = new Map<string, string>();
  const missing = new Map<string, string>();
  for (const [name, compiled] of scheduled.paths) {
    let result;
    try {
      result = evaluateJsonPath(compiled, parsed.value);
    } catch (error) {
      throw new EvaluationFailure(error instanceof Error ? error.message : String(error));
    }
    if (result.kind === 'notFound') {
      missing.set(name, compiled.path);
      continue;
    }
    if (scheduled.returnType === 'scalar' && !isJsonScalar(result.value)) {
      const what = Array.isArray(result.value) ? 'a list' : 'an object';
      throw new EvaluationFailure(
        `'${name}' (${compiled.path}) selected ${what}, not a scalar; set Return Type to json to keep it as JSON`,
      );
    }
    results.set(name, resultRepresentation(result.value, scheduled.nullValue));
  }
  return { results, missing };
}

async function route(
  session: ProcessSession,
  scheduled: Scheduled,
  flowFile: FlowFile,
  { results, missing }: Outcome,
): Promise<void> {
  switch (scheduled.destination) {
    case ATTRIBUTE: {
      const attributes = Object.fromEntries(results);
      if (scheduled.pathNotFound !== 'skip') {
        for (const name of missing.keys()) attributes[name] = '';
      }
      const updated =
        Object.keys(attributes).length > 0
          ? session.putAllAttributes(flowFile, attributes)
          : flowFile;
      session.transfer(updated, 'matched');
      return;
    }
    case CONTENT: {
      const [result] = results.values();
      if (result === undefined) {
        session.transfer(flowFile, 'unmatched');
        return;
      }
      const written = await session.write(flowFile, Buffer.from(result, 'utf8'));
      session.transfer(written, 'matched');
      return;
    }
    default: {
      const exhaustive: never = scheduled.destination;
      throw new Error(`Unknown destination ${String(exhaustive)}`);
    }
  }
}
