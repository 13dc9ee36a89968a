import type { FlowFile } from '../flowfile/flowfile.js';
import type { PropertyMap, ValueOf } from './property-descriptor.js';

/** Severity of a log line or bulletin, as NiFi's bulletin levels. */
export type LogLevel = 'DEBUG' | 'INFO' | 'WARN' | 'ERROR';

/** A processor's logger: WARN and ERROR (at or above the bulletin level) also become bulletins. */
export interface ComponentLog {
  debug(message: string): void;
  info(message: string): void;
  warn(message: string, flowFile?: FlowFile): void;
  error(message: string, flowFile?: FlowFile): void;
}

/** What cross-property validation sees: typed values of literal properties. */
export interface ValidationContext<P extends PropertyMap> {
  /** Raw configured value (or the default). */
  raw(key: keyof P & string): string | undefined;
  /** True when the raw value contains expression-language. */
  hasExpression(key: keyof P & string): boolean;
}

/** What a processor's cross-property validation sees: also its dynamic (user-added) properties. */
export interface ProcessorValidationContext<P extends PropertyMap> extends ValidationContext<P> {
  /** Names of the dynamic properties configured, for checks that count them (EvaluateJsonPath). */
  readonly dynamicPropertyNames: readonly string[];
}

/**
 * What a processor sees of its configuration and the engine while it runs. Property values are
 * evaluated against the given flowfile when the property supports the expression language.
 */
export interface ProcessContext<
  P extends PropertyMap = PropertyMap,
> extends ProcessorValidationContext<P> {
  readonly processorId: string;
  readonly processorName: string;
  readonly processorType: string;
  /** Typed value (expression evaluated, converted), or undefined when unset with no default. */
  property<K extends keyof P & string>(key: K, flowFile?: FlowFile): ValueOf<P[K]> | undefined;
  /** Like `property`, but a missing value is an error naming the property. */
  requiredProperty<K extends keyof P & string>(key: K, flowFile?: FlowFile): ValueOf<P[K]>;
  /** Dynamic (user-added) properties: name → value evaluated against the flowfile. */
  dynamicProperties(flowFile?: FlowFile): ReadonlyMap<string, string>;
  /** Names of the dynamic properties configured. */
  readonly dynamicPropertyNames: readonly string[];
  /** Evaluates any template (attribute references, parameters) against the flowfile. */
  evaluate(template: string, flowFile?: FlowFile): string;
  /** Asks not to be triggered again for the yield duration (nothing to do, or a remote is down). */
  yield(): void;
  /**
   * The relationships with room: every connection from them is below its back-pressure
   * thresholds (auto-terminated ones always have room), as NiFi's getAvailableRelationships.
   * The engine stops triggering a back-pressured processor, but one fed from outside between
   * triggers (ListenHTTP) must also refuse what arrives meanwhile.
   */
  availableRelationships(): ReadonlySet<string>;
  /**
   * True when a connection feeds this processor, as NiFi's hasIncomingConnection: a processor
   * that allows input acts as a source without one (InvokeHTTP) and waits for flowfiles with one.
   */
  hasIncomingConnection(): boolean;
  /**
   * True when at least one connection leaves this processor from `relationship`; false when the
   * relationship is auto-terminated. As NiFi's hasConnection: a processor may skip making a
   * flowfile (a copy, say) that only a connection would receive.
   */
  hasConnection(relationship: string): boolean;
  /** Aborted when the processor is stopped; long waits should honour it. */
  readonly signal: AbortSignal;
  readonly log: ComponentLog;
}
