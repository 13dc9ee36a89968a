import { compile, type CompiledTemplate } from '@sluice/expression-language';
import type { FlowFile } from '../flowfile/flowfile.js';
import { flowFileProperty } from '../flowfile/flowfile-properties.js';
import type { ComponentLog } from './process-context.js';
import type { ProcessContext } from './process-context.js';
import type { AnyProcessorDefinition } from './processor-definition.js';
import type { PropertyMap, ValueOf } from './property-descriptor.js';

/** What the context needs from its processor node. */
export interface ContextEnvironment {
  readonly id: string;
  readonly name: string;
  /** The component's spec: a processor's or a controller service's. */
  readonly definition: Pick<AnyProcessorDefinition, 'type' | 'properties'>;
  readonly properties: Readonly<Record<string, string>>;
  parameter(name: string): string | undefined;
  /** The enabled controller service with this id providing `api`; throws a readable error otherwise. */
  service?(id: string, api: string): unknown;
  readonly log: ComponentLog;
  readonly signal: AbortSignal;
  yield(): void;
  now?(): Date;
  /** Relationships with room downstream; none when absent (a controller service has no connections). */
  availableRelationships?(): ReadonlySet<string>;
  /** Whether a connection feeds the component; false when absent. */
  hasIncomingConnection?(): boolean;
  /** Whether a connection leaves the component from a relationship; false when absent. */
  hasConnection?(relationship: string): boolean;
}

const NO_RELATIONSHIPS: ReadonlySet<string> = new Set();

const NO_ATTRIBUTES = (): undefined => undefined;

/**
 * The ProcessContext of one scheduled run: every property is compiled once (templates and
 * literal conversions cached), then evaluated per flowfile.
 */
export class StandardProcessContext implements ProcessContext<PropertyMap> {
  readonly #env: ContextEnvironment;
  readonly #templates = new Map<string, CompiledTemplate>();
  readonly #literals = new Map<string, unknown>();
  readonly dynamicPropertyNames: readonly string[];

  constructor(env: ContextEnvironment) {
    this.#env = env;
    this.dynamicPropertyNames = Object.keys(env.properties).filter(
      (k) => !(k in env.definition.properties),
    );
  }

  get processorId(): string {
    return this.#env.id;
  }
  get processorName(): string {
    return this.#env.name;
  }
  get processorType(): string {
    return this.#env.definition.type;
  }
  get signal(): AbortSignal {
    return this.#env.signal;
  }
  get log(): ComponentLog {
    return this.#env.log;
  }

  raw(key: string): string | undefined {
    return this.#env.properties[key] ?? this.#env.definition.properties[key]?.defaultValue;
  }

  hasExpression(key: string): boolean {
    const raw = this.raw(key);
    return raw !== undefined && !this.#template(raw).isLiteral;
  }

  property<K extends string>(key: K, flowFile?: FlowFile): ValueOf<PropertyMap[K]> | undefined {
    const descriptor = this.#env.definition.properties[key];
    if (!descriptor) throw new Error(`${this.processorType} has no property '${key}'`);
    const raw = this.raw(key);
    if (raw === undefined || raw === '') return undefined;
    if (descriptor.kind === 'service') {
      if (!this.#env.service) throw new Error(`'${descriptor.name}': no controller services here`);
      return this.#env.service(raw.trim(), descriptor.serviceApi ?? '') as ValueOf<PropertyMap[K]>;
    }
    const template = this.#template(raw);
    if (template.isLiteral && this.#literals.has(key))
      return this.#literals.get(key) as ValueOf<PropertyMap[K]>;
    const evaluated = this.#evaluate(template, flowFile);
    let value: unknown;
    try {
      value = descriptor.convert(evaluated);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      throw new Error(`'${descriptor.name}' evaluated to '${evaluated}': ${reason}`, {
        cause: error,
      });
    }
    if (template.isLiteral) this.#literals.set(key, value);
    return value as ValueOf<PropertyMap[K]>;
  }

  requiredProperty<K extends string>(key: K, flowFile?: FlowFile): ValueOf<PropertyMap[K]> {
    const value = this.property(key, flowFile);
    if (value === undefined) {
      const name = this.#env.definition.properties[key]?.name ?? key;
      throw new Error(`'${name}' is required but has no value`);
    }
    return value;
  }

  dynamicProperties(flowFile?: FlowFile): ReadonlyMap<string, string> {
    const result = new Map<string, string>();
    for (const name of this.dynamicPropertyNames) {
      result.set(name, this.#evaluate(this.#template(this.#env.properties[name] ?? ''), flowFile));
    }
    return result;
  }

  evaluate(template: string, flowFile?: FlowFile): string {
    return this.#evaluate(this.#template(template), flowFile);
  }

  yield(): void {
    this.#env.yield();
  }

  availableRelationships(): ReadonlySet<string> {
    return this.#env.availableRelationships?.() ?? NO_RELATIONSHIPS;
  }

  hasIncomingConnection(): boolean {
    return this.#env.hasIncomingConnection?.() ?? false;
  }

  hasConnection(relationship: string): boolean {
    return this.#env.hasConnection?.(relationship) ?? false;
  }

  #template(source: string): CompiledTemplate {
    let template = this.#templates.get(source);
    if (!template) {
      template = compile(source);
      this.#templates.set(source, template);
    }
    return template;
  }

  #evaluate(template: CompiledTemplate, flowFile: FlowFile | undefined): string {
    return template.evaluate({
      attribute: flowFile
        ? (name) => flowFileProperty(flowFile, name) ?? flowFile.attributes[name]
        : NO_ATTRIBUTES,
      parameter: (name) => this.#env.parameter(name),
      ...(this.#env.now ? { now: this.#env.now } : {}),
    });
  }
}
