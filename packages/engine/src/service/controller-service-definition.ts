import type { ComponentLog, ValidationContext } from '../processor/process-context.js';
import type { ValidationIssue } from '../processor/processor-definition.js';
import type { PropertyMap, ValueOf } from '../processor/property-descriptor.js';
import type { ServiceApi } from './service-api.js';

/** What a controller service sees of its configuration while it is enabled. */
export interface ServiceContext<P extends PropertyMap = PropertyMap> extends ValidationContext<P> {
  readonly serviceId: string;
  readonly serviceName: string;
  /** Typed value (parameters evaluated, converted), or undefined when unset with no default. */
  property<K extends keyof P & string>(key: K): ValueOf<P[K]> | undefined;
  /** Like `property`, but a missing value is an error naming the property. */
  requiredProperty<K extends keyof P & string>(key: K): ValueOf<P[K]>;
  readonly log: ComponentLog;
}

/**
 * A controller service type: a shared, configured client (a Kafka connection, an Elasticsearch
 * client, an SFTP connection pool) that processors reference by id. Declared like a processor —
 * the same property builders give its form, docs and validation — and it provides one
 * {@link ServiceApi}.
 */
export interface ControllerServiceDefinition<P extends PropertyMap = PropertyMap, T = unknown> {
  readonly type: string;
  readonly description: string;
  readonly tags: readonly string[];
  readonly properties: P;
  readonly provides: ServiceApi<T>;
  /** Checks across properties, after each property passed its own checks. */
  readonly validate?: (ctx: ValidationContext<P>) => readonly ValidationIssue[];
  /**
   * Builds the service from its configuration. Should not wait on the remote system (clients
   * connect lazily), so enabling works while a server is down; an error refuses the enable.
   */
  enable(ctx: ServiceContext<P>): T | Promise<T>;
  /** Releases the service (closes connections); processors using it are stopped by then. */
  disable?(instance: T): void | Promise<void>;
}

/** A controller service definition with its type parameters erased, as registries hold them. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- erasure of T for heterogeneous collections
export type AnyControllerServiceDefinition = ControllerServiceDefinition<PropertyMap, any>;

/** Declares a controller service type; identity at runtime, for type inference. */
export function defineControllerService<const P extends PropertyMap, T>(
  definition: ControllerServiceDefinition<P, T>,
): ControllerServiceDefinition<P, T> {
  return definition;
}
