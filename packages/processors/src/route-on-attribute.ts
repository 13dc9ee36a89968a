import { defineProcessor, prop, type FlowFile, type ProcessSession } from '@sluice/engine';
import { BatchGuard, DEFAULT_BATCH, forEachFlowFile } from './support/batch.js';

/** Attribute naming the relationship a flowfile was routed to, as NiFi writes it. */
export const ROUTE_ATTRIBUTE = 'RouteOnAttribute.Route';

/**
 * NiFi's stored values of the Routing Strategy. The two 'match' spellings are NiFi's own (a typo
 * kept for compatibility), so flows imported from NiFi keep their value; the display names read
 * 'matched'.
 */
const PROPERTY_NAME = 'Route to Property name';
const ALL_MATCH = "Route to 'match' if all match";
const ANY_MATCHES = "Route to 'match' if any matches";

const MATCHED = 'matched';
const UNMATCHED = 'unmatched';

/** What RouteOnAttribute prepares once per start. */
interface Scheduled {
  readonly strategy: typeof PROPERTY_NAME | typeof ALL_MATCH | typeof ANY_MATCHES;
  readonly guard: BatchGuard;
}

/**
 * NiFi's RouteOnAttribute: each user-added property is a boolean expression over the flowfile's
 * attributes. With 'Route to Property name' each property is also a relationship, and a flowfile
 * matching several is cloned to each; otherwise all or any must match for `matched`. What matches
 * nothing goes to `unmatched`.
 *
 * As NiFi's `asBoolean()`, a property matches only when it evaluates to `true` (any case); any
 * other text, including an empty value, is false rather than an error. An expression that fails
 * to evaluate rolls the session back (NiFi throws, too).
 *
 * The relationships follow the Routing Strategy, as in NiFi: one per condition plus `unmatched`
 * with 'Route to Property name', otherwise `matched` and `unmatched`.
 */
export const RouteOnAttribute = defineProcessor({
  type: 'RouteOnAttribute',
  description:
    'Routes flowfiles by their attributes: each user-added property is an expression-language condition, ' +
    'routed to a relationship of the same name, or to matched when all or any of them hold.',
  tags: [
    'attributes',
    'routing',
    'Attribute Expression Language',
    'regexp',
    'regex',
    'Regular Expression',
    'Expression Language',
    'find',
    'filter',
    'detect',
  ],
  properties: {
    routingStrategy: prop.choice({
      name: 'Routing Strategy',
      description: 'How the conditions decide where a flowfile goes.',
      values: [
        {
          value: PROPERTY_NAME,
          displayName: 'Route to Property name',
          description: 'A copy of the flowfile goes to each relationship whose condition is true',
        },
        {
          value: ALL_MATCH,
          displayName: "Route to 'matched' if all match",
          description: 'The flowfile goes to matched when every condition is true',
        },
        {
          value: ANY_MATCHES,
          displayName: "Route to 'matched' if any matches",
          description: 'The flowfile goes to matched when at least one condition is true',
        },
      ],
      default: PROPERTY_NAME,
    }),
  },
  dynamicProperties: {
    description:
      'A condition: an expression that evaluates to true or false. Its name is the relationship a matching flowfile goes to ' +
      "(with 'Route to Property name').",
    expressionScope: 'flowfile',
    addsRelationship: true,
  },
  relationshipsFor: (properties) =>
    (properties['routingStrategy'] ?? PROPERTY_NAME) === PROPERTY_NAME
      ? [
          ...new Set([
            UNMATCHED,
            ...Object.keys(properties).filter((key) => key !== 'routingStrategy'),
          ]),
        ]
      : [MATCHED, UNMATCHED],
  relationships: {
    [UNMATCHED]: 'Flowfiles that match no condition (or, with all match, not every condition)',
    [MATCHED]:
      "Flowfiles that match all or any of the conditions, with the 'matched' strategies; unused with 'Route to Property name'",
  },
  onScheduled(ctx): Scheduled {
    const strategy = ctx.requiredProperty('routingStrategy');
    if (strategy === PROPERTY_NAME) {
      const clash = ctx.dynamicPropertyNames.find((name) => name === MATCHED || name === UNMATCHED);
      if (clash) {
        throw new Error(
          `A condition cannot be named '${clash}': that name is a relationship of RouteOnAttribute already`,
        );
      }
    }
    return { strategy, guard: new BatchGuard() };
  },
  async onTrigger(ctx, session, scheduled) {
    const conditionCount = ctx.dynamicPropertyNames.length;
    await forEachFlowFile(session, scheduled.guard, DEFAULT_BATCH, (flowFile) => {
      const matching: string[] = [];
      for (const [name, value] of ctx.dynamicProperties(flowFile)) {
        if (value.toLowerCase() === 'true') matching.push(name);
      }
      const routes = routesFor(scheduled.strategy, matching, conditionCount);
      route(session, flowFile, routes.length > 0 ? routes : [UNMATCHED]);
    });
  },
});

function routesFor(
  strategy: Scheduled['strategy'],
  matching: readonly string[],
  conditionCount: number,
): string[] {
  switch (strategy) {
    case PROPERTY_NAME:
      return [...matching];
    case ALL_MATCH:
      // As in NiFi, no conditions at all counts as all of them matching.
      return [matching.length === conditionCount ? MATCHED : UNMATCHED];
    case ANY_MATCHES:
      return [matching.length > 0 ? MATCHED : UNMATCHED];
    default: {
      const exhaustive: never = strategy;
      throw new Error(`Unknown routing strategy ${String(exhaustive)}`);
    }
  }
}

/** Sends the flowfile to the first route and a clone to each other one, in property order. */
function route(session: ProcessSession, flowFile: FlowFile, routes: readonly string[]): void {
  const [first, ...others] = routes;
  for (const relationship of others) {
    const clone = session.putAttribute(session.clone(flowFile), ROUTE_ATTRIBUTE, relationship);
    session.provenance.route(clone, relationship);
    session.transfer(clone, relationship);
  }
  const routed = session.putAttribute(flowFile, ROUTE_ATTRIBUTE, first!);
  session.provenance.route(routed, first!);
  session.transfer(routed, first!);
}
