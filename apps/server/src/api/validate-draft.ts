import {
  cronProblem,
  isSensitiveProperty,
  relationshipsOf,
  serviceLookup,
  validateProperties,
  type AnyProcessorDefinition,
  type ProcessorRegistry,
  type ServiceLookup,
  type ValidationIssue,
} from '@sluice/engine';
import {
  isParameterReference,
  schedulingSchema,
  type Flow,
  type ProcessorConfig,
  type SchedulingConfig,
} from '@sluice/flow-schema';
import { z } from 'zod';
import { requireIds } from './edits.js';
import {
  mergeScheduling,
  mergeSensitiveDynamic,
  propertiesInput,
  schedulingInput,
  sensitiveDynamicInput,
} from './processor-draft.js';
import { maskText } from './secrets.js';
import { engineOf, flowInput, idInput, viewerProcedure } from './trpc.js';

/** One problem of a draft: `property` is a property key or `scheduling.<field>`, absent for the whole processor. */
export interface DraftIssue {
  readonly property?: string;
  readonly message: string;
}

/**
 * The answer of processors.validateDraft: the draft's issues, and the relationships the processor
 * would have (RouteOnAttribute's follow its dynamic properties and strategy, which only the
 * processor type knows), so a panel can offer each one for auto-termination.
 */
export interface DraftResult {
  readonly issues: DraftIssue[];
  readonly relationships: string[];
}

/** What a configuration panel holds before Apply: the same partial shapes processors.update takes. */
export const draftInput = z.object({
  properties: propertiesInput.optional(),
  sensitiveDynamicProperties: sensitiveDynamicInput.optional(),
  scheduling: schedulingInput.optional(),
  autoTerminatedRelationships: z.array(z.string().min(1)).max(1000).optional(),
});

/** The draft a panel sends. */
export type ProcessorDraft = z.infer<typeof draftInput>;

/** Where a processor stands in its flow: what parameters exist, what it is wired to. */
export interface DraftSurroundings {
  readonly flow: Flow;
  readonly parameterExists: (name: string) => boolean;
  /** The flow's controller services, for a property that refers to one (missing, not enabled). */
  readonly services?: ServiceLookup;
}

// NiFi's labels for the scheduling settings, so a message names the field a person sees.
const SCHEDULING_LABELS: Readonly<Record<keyof SchedulingConfig, string>> = {
  strategy: 'Scheduling Strategy',
  period: 'Run Schedule',
  cron: 'Cron Expression',
  concurrentTasks: 'Concurrent Tasks',
  penaltyDuration: 'Penalty Duration',
  yieldDuration: 'Yield Duration',
  bulletinLevel: 'Bulletin Level',
};

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Property problems, from the engine's own validator (kinds, choices, regexes, expressions, parameters). */
function propertyIssues(
  definition: AnyProcessorDefinition,
  config: ProcessorConfig,
  parameterExists: (name: string) => boolean,
  services: ServiceLookup | undefined,
): ValidationIssue[] {
  try {
    return validateProperties(
      definition,
      config.properties,
      parameterExists,
      services,
      config.sensitiveDynamicProperties,
    );
  } catch (error) {
    // A custom check of a processor type that throws must not take the form down with it.
    return [{ message: `The properties could not be checked: ${messageOf(error)}` }];
  }
}

/** Scheduling problems: the flow schema's (durations, cron field count, tasks), then croner's fields. */
function schedulingIssues(scheduling: SchedulingConfig): DraftIssue[] {
  const issues: DraftIssue[] = [];
  const parsed = schedulingSchema.safeParse(scheduling);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const field = String(issue.path[0] ?? '') as keyof SchedulingConfig;
      const label = SCHEDULING_LABELS[field] ?? 'Scheduling';
      const message =
        field === 'concurrentTasks'
          ? `${label} must be a whole number of at least 1 (got ${String(scheduling.concurrentTasks)})`
          : field === 'cron' && scheduling.cron === undefined
            ? `${label} is required when the strategy is CRON_DRIVEN`
            : `${label}: ${issue.message}`;
      issues.push({ property: field ? `scheduling.${field}` : 'scheduling', message });
    }
  }
  const cronRefused = issues.some((i) => i.property === 'scheduling.cron');
  if (scheduling.strategy === 'CRON_DRIVEN' && scheduling.cron !== undefined && !cronRefused) {
    // The schema counts fields only; the scheduler's parser knows which field is out of range.
    const problem = cronProblem(scheduling.cron);
    if (problem) {
      issues.push({
        property: 'scheduling.cron',
        message: `${SCHEDULING_LABELS.cron}: ${problem}`,
      });
    }
  }
  return issues;
}

/**
 * Relationships neither connected nor auto-terminated. Whether the type needs an incoming
 * connection is left out on purpose: a draft cannot change the wiring, the canvas shows that.
 */
function relationshipIssues(
  config: ProcessorConfig,
  relationships: readonly string[],
  flow: Flow,
): DraftIssue[] {
  const handled = new Set(config.autoTerminatedRelationships);
  for (const connection of flow.connections) {
    if (connection.source.id === config.id)
      for (const r of connection.relationships) handled.add(r);
  }
  return relationships
    .filter((relationship) => !handled.has(relationship))
    .map((relationship) => ({
      message: `Relationship '${relationship}' is not connected to any component and is not auto-terminated`,
    }));
}

/**
 * What would be wrong with a processor's configuration if a draft were applied, as the engine
 * validates a saved processor (properties, scheduling, relationships), without changing anything.
 * Pure.
 */
export function draftIssues(
  definition: AnyProcessorDefinition,
  saved: ProcessorConfig,
  draft: ProcessorDraft,
  surroundings: DraftSurroundings,
): DraftResult {
  // An omitted sensitive property keeps its saved value: the browser never had it to send back.
  const config: ProcessorConfig = {
    ...saved,
    ...mergeSensitiveDynamic(saved, draft),
    scheduling: mergeScheduling(saved.scheduling, draft.scheduling),
    autoTerminatedRelationships:
      draft.autoTerminatedRelationships ?? saved.autoTerminatedRelationships,
  };
  // Per processor, not per type: RouteOnAttribute's dynamic properties add relationships.
  const relationships = relationshipsOf(definition, config.properties);
  return {
    issues: [
      ...propertyIssues(definition, config, surroundings.parameterExists, surroundings.services),
      ...schedulingIssues(config.scheduling),
      ...relationshipIssues(config, relationships, surroundings.flow),
    ],
    relationships,
  };
}

/**
 * Secret values the draft itself carries (declared sensitive, or dynamic and marked sensitive by
 * the saved processor or the draft); the server masks saved secrets, these are new.
 */
function draftSecrets(
  registry: ProcessorRegistry,
  saved: ProcessorConfig,
  draft: ProcessorDraft,
): string[] {
  const component = {
    type: saved.type,
    sensitiveDynamicProperties: [
      ...(saved.sensitiveDynamicProperties ?? []),
      ...(draft.sensitiveDynamicProperties ?? []),
    ],
  };
  return Object.entries(draft.properties ?? {})
    .filter(([key, value]) => isSensitiveProperty(registry, component, key) && value)
    .map(([, value]) => value as string)
    .filter((value) => !isParameterReference(value))
    .sort((a, b) => b.length - a.length);
}

/** processors.validateDraft: the issues of a processor as if a panel's draft were applied. */
export const validateDraftProcedure = viewerProcedure
  .input(flowInput.extend({ id: idInput }).extend(draftInput.shape))
  .query(({ ctx, input }): DraftResult => {
    const engine = engineOf(ctx, input.flowId);
    const { flow } = engine.document;
    requireIds('processor', [input.id], flow.processors, flow);
    const saved = flow.processors.find((p) => p.id === input.id)!;
    const definition = ctx.workspace.registry.get(saved.type);
    if (!definition) {
      const issue = { message: `Unknown processor type '${saved.type}'; it cannot be validated` };
      return { issues: [issue], relationships: [] };
    }
    const context = flow.parameterContexts.find((c) => c.id === flow.parameterContextId);
    const runtime = ctx.workspace.parameterValues;
    const parameterExists = (name: string) =>
      runtime[name] !== undefined || !!context?.parameters.some((p) => p.name === name);
    const result = draftIssues(definition, saved, input, {
      flow,
      parameterExists,
      services: serviceLookup(engine.controllerServices),
    });
    const secrets = draftSecrets(ctx.workspace.registry, saved, input);
    if (secrets.length === 0) return result;
    // A message may quote a value ("'PIN': 'x' is not an integer"); a secret never goes back out.
    const issues = result.issues.map((i) => ({ ...i, message: maskText(i.message, secrets) }));
    return { ...result, issues };
  });
