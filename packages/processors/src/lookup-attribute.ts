import { defineProcessor, prop, type FlowFile } from '@sluice/engine';
import { LookupFailure, LookupServiceApi, type LookupService } from './lookup/lookup-service.js';
import { BatchGuard, DEFAULT_BATCH, forEachFlowFile } from './support/batch.js';
import { describeFlowFile } from './support/content-batch.js';
import { messageOf } from './support/file-errors.js';

/** Attribute a flowfile routed to `failure` carries: why its lookups failed (Sluice's addition). */
export const LOOKUP_ATTRIBUTE_FAILURE_ATTRIBUTE = 'lookupattribute.failure.reason';

/** What LookupAttribute found for one flowfile: attributes to set, and whether any lookup matched. */
type Outcome =
  | {
      readonly kind: 'looked-up';
      readonly attributes: Record<string, string>;
      readonly matched: boolean;
    }
  | { readonly kind: 'failed'; readonly reason: string };

/**
 * Looks up each user-added property's key, evaluated against the flowfile, and writes the result
 * to the attribute named by the property. NiFi's rules, kept: a value that is found and not blank
 * counts as a match; with Include Empty Values (the default) a blank value is written as an empty
 * attribute, and a key that is not found as the string "null", and both count as a match too, so
 * `unmatched` only receives flowfiles when Include Empty Values is false and nothing was found.
 */
async function lookUp(
  service: LookupService,
  lookups: ReadonlyMap<string, string>,
  includeEmptyValues: boolean,
): Promise<Outcome> {
  const attributes: Record<string, string> = {};
  let matched = false;
  for (const [attribute, key] of lookups) {
    let value: string | undefined;
    try {
      value = await service.lookup(key);
    } catch (error) {
      if (!(error instanceof LookupFailure)) throw error;
      return { kind: 'failed', reason: `looking up '${key}' for '${attribute}': ${error.message}` };
    }
    if (value !== undefined && value.trim() !== '') {
      attributes[attribute] = value;
      matched = true;
    } else if (includeEmptyValues) {
      attributes[attribute] = value === undefined ? 'null' : '';
      matched = true;
    }
  }
  return { kind: 'looked-up', attributes, matched };
}

/**
 * NiFi's LookupAttribute: enriches flowfiles with values from a lookup service (such as
 * SimpleCsvFileLookupService), one attribute per user-added property, whose value is the key to
 * look up (with the expression language, e.g. `${country.code}`).
 *
 * Flowfiles with a match go to `matched`, the others to `unmatched` (see the Include Empty Values
 * rule above); when the service cannot answer (its file became unreadable) or a key's expression
 * fails, the flowfile goes to `failure` with the reason in `lookupattribute.failure.reason`
 * (Sluice's addition) and a bulletin.
 */
export const LookupAttribute = defineProcessor({
  type: 'LookupAttribute',
  description: 'Lookup attributes from a lookup service',
  tags: ['lookup', 'cache', 'enrich', 'join', 'attributes', 'Attribute Expression Language'],
  properties: {
    lookupService: prop.service({
      name: 'Lookup Service',
      description: 'The lookup service to use for attribute lookups',
      required: true,
      api: LookupServiceApi,
    }),
    includeEmptyValues: prop.boolean({
      name: 'Include Empty Values',
      description:
        'Include null or blank values for keys that are null or blank: a blank value is written as an empty attribute and a key that is not found as the string "null", both counting as a match.',
      default: 'true',
    }),
  },
  dynamicProperties: {
    description:
      "Adds a FlowFile attribute specified by the dynamic property's key with the value found in the lookup service using the dynamic property's value (the key, with the expression language, e.g. ${country.code})",
    expressionScope: 'flowfile',
  },
  relationships: {
    matched: 'FlowFiles with matching lookups are routed to this relationship',
    unmatched: 'FlowFiles with missing lookups are routed to this relationship',
    failure: `FlowFiles with failing lookups are routed to this relationship, with the reason in ${LOOKUP_ATTRIBUTE_FAILURE_ATTRIBUTE}`,
  },
  validate(ctx) {
    return ctx.dynamicPropertyNames.length === 0
      ? [
          {
            message:
              'At least one user-defined property must be specified: the attribute to set, with the key to look up as its value.',
          },
        ]
      : [];
  },
  onScheduled: () => ({ guard: new BatchGuard() }),
  async onTrigger(ctx, session, { guard }) {
    const service = ctx.requiredProperty('lookupService');
    const includeEmptyValues = ctx.property('includeEmptyValues') ?? true;
    const fail = (flowFile: FlowFile, reason: string): void => {
      ctx.log.error(`Routed ${describeFlowFile(flowFile)} to failure: ${reason}`, flowFile);
      const marked = session.putAttribute(flowFile, LOOKUP_ATTRIBUTE_FAILURE_ATTRIBUTE, reason);
      session.transfer(session.penalize(marked), 'failure');
    };
    await forEachFlowFile(session, guard, DEFAULT_BATCH, async (flowFile) => {
      let lookups: ReadonlyMap<string, string>;
      try {
        lookups = ctx.dynamicProperties(flowFile);
      } catch (error) {
        fail(flowFile, `a lookup key could not be evaluated: ${messageOf(error)}`);
        return;
      }
      const outcome = await lookUp(service, lookups, includeEmptyValues);
      switch (outcome.kind) {
        case 'failed':
          fail(flowFile, outcome.reason);
          return;
        case 'looked-up': {
          const updated =
            Object.keys(outcome.attributes).length > 0
              ? session.putAllAttributes(flowFile, outcome.attributes)
              : flowFile;
          session.transfer(updated, outcome.matched ? 'matched' : 'unmatched');
          return;
        }
        default: {
          const exhaustive: never = outcome;
          throw new Error(`Unknown lookup outcome ${String(exhaustive)}`);
        }
      }
    });
  },
});
