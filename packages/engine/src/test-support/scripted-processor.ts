import type { ProcessContext } from '../processor/process-context.js';
import { defineProcessor, type InputRequirement } from '../processor/processor-definition.js';
import type { ProcessSession } from '../session/process-session.js';

/** A processor whose behaviour a test supplies, for exercising sessions and scheduling. */
export function scriptedProcessor(
  type: string,
  onTrigger: (session: ProcessSession, ctx: ProcessContext) => Promise<void> | void,
  options: { relationships?: readonly string[]; inputRequirement?: InputRequirement } = {},
) {
  const relationships = Object.fromEntries(
    (options.relationships ?? ['success']).map((r) => [r, r]),
  );
  return defineProcessor({
    type,
    description: 'Scripted by a test',
    tags: ['test'],
    properties: {},
    relationships,
    inputRequirement: options.inputRequirement ?? 'allowed',
    async onTrigger(ctx, session) {
      await onTrigger(session, ctx);
    },
  });
}
