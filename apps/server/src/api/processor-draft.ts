import {
  bulletinLevelSchema,
  schedulingStrategySchema,
  type ProcessorConfig,
  type SchedulingConfig,
} from '@sluice/flow-schema';
import { z } from 'zod';

/** Scheduling fields a client may change; durations are checked by the flow schema (with paths). */
export const schedulingInput = z
  .object({
    strategy: schedulingStrategySchema,
    period: z.string(),
    cron: z.string().nullable(),
    concurrentTasks: z.number().int(),
    penaltyDuration: z.string(),
    yieldDuration: z.string(),
    bulletinLevel: bulletinLevelSchema,
  })
  .partial()
  .strict();

/** Property values; `null` removes a property (back to its default). */
export const propertiesInput = z.record(z.string().min(1), z.string().nullable());

/**
 * The dynamic properties a client marks sensitive: the whole list, replacing the saved one (NiFi's
 * `sensitiveDynamicPropertyNames`).
 */
export const sensitiveDynamicInput = z.array(z.string().min(1)).max(1000);

/** Scheduling changes as a client sends them; `cron: null` removes the cron expression. */
export type SchedulingChanges = z.infer<typeof schedulingInput>;

/** A processor's saved properties with changes applied; `null` removes one (back to its default). */
export function mergeProperties(
  saved: Readonly<Record<string, string>>,
  changes: Readonly<Record<string, string | null>> = {},
): Record<string, string> {
  const properties = { ...saved };
  for (const [key, value] of Object.entries(changes)) {
    if (value === null) delete properties[key];
    else properties[key] = value;
  }
  return properties;
}

/**
 * A processor's properties and sensitive dynamic property names after an edit. A property no
 * longer marked sensitive loses its saved value unless the same edit gives it a new one: the
 * secret would otherwise become a plain value, shown in the browser and written to the flow
 * file (NiFi does not let a sensitive property turn plain either). A removed property leaves the
 * list with its value.
 */
export function mergeSensitiveDynamic(
  saved: Pick<ProcessorConfig, 'properties' | 'sensitiveDynamicProperties'>,
  changes: {
    readonly properties?: Readonly<Record<string, string | null>> | undefined;
    readonly sensitiveDynamicProperties?: readonly string[] | undefined;
  },
): Pick<ProcessorConfig, 'properties' | 'sensitiveDynamicProperties'> {
  const properties = mergeProperties(saved.properties, changes.properties);
  const before = saved.sensitiveDynamicProperties ?? [];
  const marked = [...new Set(changes.sensitiveDynamicProperties ?? before)];
  for (const name of before) {
    if (!marked.includes(name) && changes.properties?.[name] === undefined) {
      delete properties[name];
    }
  }
  const kept = marked.filter((name) => changes.properties?.[name] !== null);
  return {
    properties,
    ...(kept.length > 0 || saved.sensitiveDynamicProperties
      ? { sensitiveDynamicProperties: kept }
      : {}),
  };
}

/**
 * A processor's saved scheduling with changes applied. Not parsed: the caller parses it with the
 * flow schema, which reports bad durations and cron expressions with their paths.
 */
export function mergeScheduling(
  saved: ProcessorConfig['scheduling'],
  changes: SchedulingChanges = {},
): SchedulingConfig {
  const { cron, ...rest } = changes;
  const scheduling: SchedulingConfig = { ...saved, ...rest };
  if (cron === null) delete scheduling.cron;
  else if (cron !== undefined) scheduling.cron = cron;
  return scheduling;
}
