import { defineProcessor, prop, type FlowFile, type ProcessSession } from '@sluice/engine';
import { javaFullMatcher } from '@sluice/expression-language';
import { BatchGuard, DEFAULT_BATCH, forEachFlowFile } from './support/batch.js';
import { validJavaRegex } from './support/regex-validation.js';

/** What UpdateAttribute prepares once per start. */
interface Scheduled {
  /** The delete predicate when Delete Attributes Expression has no expressions; else per flowfile. */
  readonly deletes: ((name: string) => boolean) | undefined;
  readonly guard: BatchGuard;
}

/** The attribute that is identity, not data: NiFi never deletes it, and neither does Sluice. */
const UUID = 'uuid';

/**
 * NiFi's UpdateAttribute: sets attributes from user-added properties (name → value, with the
 * expression language) and deletes attributes whose names match a regular expression.
 *
 * Every value is evaluated against the flowfile as it arrived, as NiFi does: with `a` = `x` and
 * `b` = `${a}`, `b` gets the incoming `a`, not `x`.
 */
export const UpdateAttribute = defineProcessor({
  type: 'UpdateAttribute',
  description:
    'Updates the attributes of a flowfile with the expression language (one user-added property per attribute) ' +
    'and/or deletes the attributes whose names match a regular expression.',
  tags: ['attributes', 'modification', 'update', 'delete', 'Attribute Expression Language'],
  properties: {
    deleteAttributes: prop.string({
      name: 'Delete Attributes Expression',
      description:
        'A regular expression (Java syntax) matched against whole attribute names; the existing attributes that match are deleted, ' +
        'even when a property of this processor sets them. uuid is never deleted.',
      el: 'flowfile',
      validate: validJavaRegex,
    }),
  },
  dynamicProperties: {
    description:
      'Sets the attribute named by the property to the value, evaluated against the incoming flowfile.',
    expressionScope: 'flowfile',
  },
  relationships: {
    success: 'All flowfiles, with their attributes updated',
  },
  onScheduled(ctx): Scheduled {
    const pattern = ctx.raw('deleteAttributes');
    const literal =
      pattern !== undefined && pattern !== '' && !ctx.hasExpression('deleteAttributes');
    return {
      deletes: literal ? javaFullMatcher(ctx.requiredProperty('deleteAttributes')) : undefined,
      guard: new BatchGuard(),
    };
  },
  async onTrigger(ctx, session, scheduled) {
    const evaluatesDeletes =
      scheduled.deletes === undefined && ctx.hasExpression('deleteAttributes');
    await forEachFlowFile(session, scheduled.guard, DEFAULT_BATCH, (flowFile) => {
      const updates = new Map(ctx.dynamicProperties(flowFile));
      const deletes = evaluatesDeletes
        ? deletesFor(ctx.property('deleteAttributes', flowFile))
        : scheduled.deletes;
      const toDelete = deletes
        ? Object.keys(flowFile.attributes).filter((n) => n !== UUID && deletes(n))
        : [];
      for (const name of toDelete) updates.delete(name);
      session.transfer(apply(session, flowFile, updates, toDelete), 'success');
    });
  },
});

/** Predicates of evaluated Delete Attributes Expressions; bounded, as values may never repeat. */
const dynamicDeletes = new Map<string, (name: string) => boolean>();

/** A delete predicate from a Delete Attributes Expression evaluated for one flowfile. */
function deletesFor(pattern: string | undefined): ((name: string) => boolean) | undefined {
  if (pattern === undefined || pattern === '') return undefined;
  const cached = dynamicDeletes.get(pattern);
  if (cached) return cached;
  try {
    const matcher = javaFullMatcher(pattern);
    if (dynamicDeletes.size >= 256) dynamicDeletes.clear();
    dynamicDeletes.set(pattern, matcher);
    return matcher;
  } catch (error) {
    // No failure relationship in NiFi either: the session rolls back and the flowfile is penalized.
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`'Delete Attributes Expression' evaluated to an unusable regex: ${reason}`, {
      cause: error,
    });
  }
}

function apply(
  session: ProcessSession,
  flowFile: FlowFile,
  updates: ReadonlyMap<string, string>,
  toDelete: readonly string[],
): FlowFile {
  let updated = flowFile;
  if (updates.size > 0) updated = session.putAllAttributes(updated, Object.fromEntries(updates));
  for (const name of toDelete) updated = session.removeAttribute(updated, name);
  return updated;
}
