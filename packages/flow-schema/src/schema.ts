import { z } from 'zod';
import { dataSizeString, durationString } from './units.js';

/**
 * The schema version this package reads and writes. Older documents are migrated up to it on
 * load (see `migrations.ts`); newer ones are refused.
 */
export const CURRENT_SCHEMA_VERSION = 1;

/**
 * The same as {@link CURRENT_SCHEMA_VERSION}.
 *
 * @deprecated Use `CURRENT_SCHEMA_VERSION`; this name stays while `@sluice/engine` re-exports it.
 */
export const SCHEMA_VERSION = CURRENT_SCHEMA_VERSION;

/** A non-empty identifier of a flow component, unique across the whole flow. */
export const idSchema = z.string().min(1, 'must be a non-empty string');

/** A point on the canvas; x grows to the right, y downwards. */
export const positionSchema = z.strictObject({ x: z.number(), y: z.number() });

/** The size of a canvas box, strictly positive in both directions. */
export const sizeSchema = z.strictObject({
  width: z.number().positive(),
  height: z.number().positive(),
});

/** A reference to another component by id. */
export const componentRefSchema = z.strictObject({ id: idSchema });

/**
 * Raw property values keyed by property key.
 *
 * zod's record silently skips a `__proto__` key (assigning it would replace the prototype), and a
 * silently dropped property is exactly what strict parsing is meant to prevent, so it is refused
 * before the record is read.
 */
export const propertiesSchema = z
  .custom<Record<string, string>>()
  .superRefine((value, ctx) => {
    if (typeof value === 'object' && value !== null && Object.hasOwn(value, '__proto__')) {
      ctx.addIssue({
        code: 'custom',
        path: ['__proto__'],
        message: 'the property key "__proto__" is reserved',
      });
    }
  })
  .pipe(z.record(z.string(), z.string()));

/** An array of strings in which each value may appear once; duplicates are reported by index. */
function distinctStrings<T extends z.ZodType<string>>(item: T, what: string) {
  return z.array(item).superRefine((values, ctx) => {
    values.forEach((value, index) => {
      if (values.indexOf(value) !== index) {
        ctx.addIssue({ code: 'custom', path: [index], message: `duplicate ${what} "${value}"` });
      }
    });
  });
}

/**
 * The dynamic properties a user marked sensitive (NiFi's `sensitiveDynamicPropertyNames`): their
 * values are secrets, kept out of flow files, exports, the browser and logs like those of a
 * declared sensitive property. A name stays listed while its value is left out of the file, so
 * the value can be put back from the secret vault.
 */
export const sensitiveDynamicPropertiesSchema = distinctStrings(z.string().min(1), 'property name');

/** How a processor is triggered: on a timer (NiFi's run schedule) or by a cron expression. */
export const schedulingStrategySchema = z.enum(['TIMER_DRIVEN', 'CRON_DRIVEN']);

/** The lowest severity of bulletin a processor posts. */
export const bulletinLevelSchema = z.enum(['DEBUG', 'INFO', 'WARN', 'ERROR']);

/** The state a processor is saved in; `invalid` is computed at run time and never saved. */
export const processorStateSchema = z.enum(['RUNNING', 'STOPPED', 'DISABLED']);

/**
 * A cron expression: 5 fields (minute-first) or 6 (seconds-first, Quartz style). Only the field
 * count is checked here; the scheduler that runs it validates the fields themselves.
 */
export const cronExpressionSchema = z.string().superRefine((text, ctx) => {
  const fields = text.trim() === '' ? 0 : text.trim().split(/\s+/).length;
  if (fields !== 5 && fields !== 6) {
    ctx.addIssue({
      code: 'custom',
      message: `cron expression ${JSON.stringify(text)} has ${fields} fields; expected 5 (e.g. "0 2 * * *") or 6 with seconds first (e.g. "0 0 2 * * ?")`,
    });
  }
});

/**
 * When and how often a processor runs. Every field has a default, so `{}` is a valid value
 * (timer-driven, as fast as there is work, like a new NiFi processor).
 */
export const schedulingSchema = z
  .strictObject({
    strategy: schedulingStrategySchema.default('TIMER_DRIVEN'),
    /** Run schedule for TIMER_DRIVEN; "0 sec" means as fast as there is work. */
    period: durationString.default('0 sec'),
    /** Required when the strategy is CRON_DRIVEN. */
    cron: cronExpressionSchema.optional(),
    concurrentTasks: z.int().min(1).default(1),
    penaltyDuration: durationString.default('30 sec'),
    yieldDuration: durationString.default('1 sec'),
    bulletinLevel: bulletinLevelSchema.default('WARN'),
  })
  .superRefine((scheduling, ctx) => {
    if (scheduling.strategy === 'CRON_DRIVEN' && scheduling.cron === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['cron'],
        message: 'is required when strategy is CRON_DRIVEN',
      });
    }
  });

/** One processor on the canvas and its saved configuration. */
export const processorConfigSchema = z.strictObject({
  id: idSchema,
  /** The processor type, as registered by `defineProcessor`, e.g. `ReplaceText`. */
  type: z.string().min(1, 'must be a non-empty string'),
  name: z.string(),
  position: positionSchema,
  properties: propertiesSchema.default(() => ({})),
  scheduling: schedulingSchema.prefault({}),
  autoTerminatedRelationships: distinctStrings(z.string().min(1), 'relationship').default(() => []),
  state: processorStateSchema.default('STOPPED'),
  comments: z.string().optional(),
  sensitiveDynamicProperties: sensitiveDynamicPropertiesSchema.optional(),
});

/** The order in which a connection's queue hands out flowfiles. Order of the list matters. */
export const prioritizerSchema = z.enum([
  'FIFO',
  'OLDEST_FIRST',
  'NEWEST_FIRST',
  'PRIORITY_ATTRIBUTE',
]);

/** When a connection stops accepting: object count (0 = no limit) and data size ("0 B" = no limit). */
export const backPressureSchema = z.strictObject({
  objectThreshold: z.int().min(0).default(10_000),
  dataSizeThreshold: dataSizeString.default('1 GB'),
});

/** A queue from one or more relationships of a source processor to a destination processor. */
export const connectionConfigSchema = z.strictObject({
  id: idSchema,
  name: z.string().optional(),
  source: componentRefSchema,
  relationships: distinctStrings(z.string().min(1), 'relationship').min(
    1,
    'must name at least one relationship',
  ),
  destination: componentRefSchema,
  backPressure: backPressureSchema.prefault({}),
  prioritizers: distinctStrings(prioritizerSchema, 'prioritizer').default(() => []),
  /** Maximum age of a queued flowfile; "0 sec" means flowfiles never expire. */
  expiration: durationString.default('0 sec'),
  /** Bend points of the drawn edge, in order from source to destination. */
  bends: z.array(positionSchema).default(() => []),
});

/** The look of a label; anything unset uses the editor's default. */
export const labelStyleSchema = z.strictObject({
  background: z.string().optional(),
  fontSize: z.number().positive().optional(),
});

/** A free-text note on the canvas. */
export const labelSchema = z.strictObject({
  id: idSchema,
  text: z.string(),
  position: positionSchema,
  size: sizeSchema,
  style: labelStyleSchema.optional(),
});

/** Whether a controller service is enabled. */
export const controllerServiceStateSchema = z.enum(['ENABLED', 'DISABLED']);

/** A shared, configured client (Kafka, Elasticsearch, SFTP, HDFS) that processors reference by id. */
export const controllerServiceConfigSchema = z.strictObject({
  id: idSchema,
  type: z.string().min(1, 'must be a non-empty string'),
  name: z.string(),
  properties: propertiesSchema.default(() => ({})),
  state: controllerServiceStateSchema.default('DISABLED'),
  sensitiveDynamicProperties: sensitiveDynamicPropertiesSchema.optional(),
});

/**
 * One named parameter, referenced as `#{name}` in any property. A sensitive parameter's value
 * is never written to a flow file, so `value` is optional.
 */
export const parameterSchema = z.strictObject({
  name: z.string().min(1, 'must be a non-empty string'),
  value: z.string().optional(),
  sensitive: z.boolean().default(false),
  description: z.string().optional(),
});

/** A named set of parameters a flow can bind to. Parameter names are unique within it. */
export const parameterContextSchema = z.strictObject({
  id: idSchema,
  name: z.string(),
  description: z.string().optional(),
  parameters: z
    .array(parameterSchema)
    .default(() => [])
    .superRefine((parameters, ctx) => {
      const seen = new Set<string>();
      parameters.forEach((parameter, index) => {
        if (seen.has(parameter.name)) {
          ctx.addIssue({
            code: 'custom',
            path: [index, 'name'],
            message: `duplicate parameter name "${parameter.name}"`,
          });
        }
        seen.add(parameter.name);
      });
    }),
});

/** A whole flow: its components and the wiring between them. */
export const flowSchema = z.strictObject({
  id: idSchema,
  name: z.string(),
  description: z.string().optional(),
  /** The parameter context whose parameters `#{name}` references resolve against. */
  parameterContextId: idSchema.optional(),
  processors: z.array(processorConfigSchema).default(() => []),
  connections: z.array(connectionConfigSchema).default(() => []),
  labels: z.array(labelSchema).default(() => []),
  controllerServices: z.array(controllerServiceConfigSchema).default(() => []),
  parameterContexts: z.array(parameterContextSchema).default(() => []),
});

/** The document stored in a flow file: a schema version and the flow. */
export const flowDocumentSchema = z.strictObject({
  schemaVersion: z.literal(CURRENT_SCHEMA_VERSION),
  flow: flowSchema,
});

/** A parsed flow document, with every default applied. */
export type FlowDocument = z.output<typeof flowDocumentSchema>;
/** A flow document as it may be written by hand: fields with defaults may be left out. */
export type FlowDocumentInput = z.input<typeof flowDocumentSchema>;
/** A parsed flow. */
export type Flow = z.output<typeof flowSchema>;
/** A parsed processor configuration. */
export type ProcessorConfig = z.output<typeof processorConfigSchema>;
/** A processor's parsed scheduling settings. */
export type SchedulingConfig = z.output<typeof schedulingSchema>;
/** How a processor is triggered. */
export type SchedulingStrategy = z.output<typeof schedulingStrategySchema>;
/** The lowest severity of bulletin a processor posts. */
export type BulletinLevel = z.output<typeof bulletinLevelSchema>;
/** The state a processor is saved in. */
export type ProcessorState = z.output<typeof processorStateSchema>;
/** A parsed connection configuration. */
export type ConnectionConfig = z.output<typeof connectionConfigSchema>;
/** A connection's back-pressure thresholds. */
export type BackPressureConfig = z.output<typeof backPressureSchema>;
/** A queue prioritizer. */
export type Prioritizer = z.output<typeof prioritizerSchema>;
/** A point on the canvas. */
export type Position = z.output<typeof positionSchema>;
/** The size of a canvas box. */
export type Size = z.output<typeof sizeSchema>;
/** A canvas label. */
export type Label = z.output<typeof labelSchema>;
/** A label's look. */
export type LabelStyle = z.output<typeof labelStyleSchema>;
/** A parsed controller service configuration. */
export type ControllerServiceConfig = z.output<typeof controllerServiceConfigSchema>;
/** Whether a controller service is enabled. */
export type ControllerServiceState = z.output<typeof controllerServiceStateSchema>;
/** A parsed parameter context. */
export type ParameterContext = z.output<typeof parameterContextSchema>;
/** One parameter of a parameter context. */
export type Parameter = z.output<typeof parameterSchema>;
