import type { ExpressionScope, PropertyMap } from './property-descriptor.js';
import type { ProcessContext, ProcessorValidationContext } from './process-context.js';
import type { ProcessSession } from '../session/process-session.js';

/** Whether a processor takes input: sources forbid it, most processors require it. */
export type InputRequirement = 'required' | 'forbidden' | 'allowed';

/** A validation problem of a processor's configuration, naming the property when there is one. */
export interface ValidationIssue {
  /** Property key, or undefined for a problem of the whole processor (e.g. an unconnected relationship). */
  readonly property?: string;
  readonly message: string;
}

/** User-added properties (NiFi's dynamic properties), as UpdateAttribute and RouteOnAttribute use. */
export interface DynamicPropertySpec {
  readonly description: string;
  readonly expressionScope: ExpressionScope;
  /** When set, each dynamic property also adds a relationship of the same name (RouteOnAttribute). */
  readonly addsRelationship?: boolean;
  /**
   * When set, the user may mark a dynamic property sensitive (NiFi's
   * `@SupportsSensitiveDynamicProperties`), e.g. InvokeHTTP's `Authorization` header: its value is
   * then kept like a sensitive declared property's, out of flow files, the browser and logs.
   */
  readonly supportsSensitive?: boolean;
  /**
   * Extra check on each literal value (not applied when the value holds an expression), as NiFi's
   * dynamic property validators: EvaluateJsonPath refuses a JsonPath that does not parse.
   * Returns the problem (completing "'<name>' ..."), or undefined when the value is usable.
   */
  readonly validate?: (value: string) => string | undefined;
}

/**
 * A processor type: its spec (properties, relationships, docs) and behaviour. The one way to
 * write a processor; the form, the docs and the validator all come from this object.
 *
 * `S` is whatever `onScheduled` prepares once per start (compiled regexes, clients), handed to
 * every `onTrigger`.
 */
export interface ProcessorDefinition<
  P extends PropertyMap = PropertyMap,
  R extends string = string,
  S = unknown,
> {
  readonly type: string;
  readonly description: string;
  readonly tags: readonly string[];
  readonly properties: P;
  /** Relationship name → description. */
  readonly relationships: Readonly<Record<R, string>>;
  readonly inputRequirement: InputRequirement;
  readonly dynamicProperties?: DynamicPropertySpec;
  /**
   * The relationships of a configuration, when they depend on its properties (RouteOnAttribute's
   * strategy decides between per-condition relationships and `matched`). Default: the declared
   * relationships plus, with `addsRelationship`, one per dynamic property.
   */
  readonly relationshipsFor?: (properties: Readonly<Record<string, string>>) => readonly string[];
  /** At most one task at a time, whatever the concurrent tasks setting (NiFi's @TriggerSerially), e.g. for listers whose state each task reads. */
  readonly triggerSerially?: boolean;
  /** Run schedule a new processor of this type gets (NiFi's @DefaultSchedule), e.g. `1 min` for listers. */
  readonly defaultRunSchedule?: string;
  /** Checks across properties, after each property passed its own checks. */
  readonly validate?: (ctx: ProcessorValidationContext<P>) => readonly ValidationIssue[];
  /** Prepares per-start resources; an error here refuses the start with its message. */
  readonly onScheduled?: (ctx: ProcessContext<P>) => S | Promise<S>;
  // Method syntax on purpose: parameters stay bivariant, so any definition fits AnyProcessorDefinition.
  onTrigger(ctx: ProcessContext<P>, session: ProcessSession, scheduled: S): Promise<void>;
  /** Releases what onScheduled prepared. */
  onStopped?(ctx: ProcessContext<P>, scheduled: S): void | Promise<void>;
}

/** A processor definition with its type parameters erased, as registries and the engine hold them. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- erasure of S for heterogeneous collections
export type AnyProcessorDefinition = ProcessorDefinition<PropertyMap, string, any>;

/**
 * Declares a processor type. Identity at runtime; it exists so that TypeScript infers the
 * property, relationship and scheduled-state types from one object literal.
 */
export function defineProcessor<const P extends PropertyMap, const R extends string, S = undefined>(
  definition: Omit<ProcessorDefinition<P, R, S>, 'inputRequirement'> & {
    inputRequirement?: InputRequirement;
  },
): ProcessorDefinition<P, R, S> {
  return { inputRequirement: 'required', ...definition };
}

/** All relationships of a configured processor: declared ones plus dynamic ones (RouteOnAttribute). */
export function relationshipsOf(
  definition: AnyProcessorDefinition,
  properties: Readonly<Record<string, string>>,
): string[] {
  if (definition.relationshipsFor) return [...definition.relationshipsFor(properties)];
  const declared = Object.keys(definition.relationships);
  if (!definition.dynamicProperties?.addsRelationship) return declared;
  const dynamic = Object.keys(properties).filter((key) => !(key in definition.properties));
  return [...new Set([...declared, ...dynamic])];
}
