import { parseDataSize, parseDuration } from '@sluice/flow-schema';
import type { ServiceApi } from '../service/service-api.js';

/**
 * Where the expression language may be used in a property: nowhere, against a flowfile's
 * attributes, or only with parameters and the environment (no flowfile at hand).
 */
export type ExpressionScope = 'none' | 'flowfile' | 'environment';

/** One allowed value of a choice property, as NiFi's AllowableValue. */
export interface AllowableValue {
  readonly value: string;
  readonly displayName?: string;
  readonly description?: string;
}

/** The kinds of property a processor can declare; the kind decides conversion and the UI widget. */
export type PropertyKind =
  'string' | 'text' | 'choice' | 'boolean' | 'integer' | 'duration' | 'dataSize' | 'service';

/**
 * A processor property, declared once: it gives server-side validation, the UI form (JSON
 * Schema plus hints), the generated docs, and the typed value a processor reads.
 */
export interface PropertyDescriptor<T = unknown> {
  readonly kind: PropertyKind;
  /** Display name, exactly as NiFi's (e.g. `Search Value`). */
  readonly name: string;
  readonly description: string;
  readonly required: boolean;
  readonly defaultValue: string | undefined;
  readonly allowableValues: readonly AllowableValue[] | undefined;
  readonly expressionScope: ExpressionScope;
  /** Sensitive values never reach the browser, a log, an export or provenance. */
  readonly sensitive: boolean;
  /** Extra check on a literal value (not applied when the value holds an expression). */
  readonly validate: ((value: string) => string | undefined) | undefined;
  /** Converts the (evaluated) string to the processor-facing value; throws with a readable message. */
  readonly convert: (value: string) => T;
  /**
   * For a `service` property: the API the referenced controller service must provide. The
   * value is the service's id; the context hands the processor the enabled service itself.
   */
  readonly serviceApi?: string;
}

/** The value type a descriptor converts to. */
export type ValueOf<D> = D extends PropertyDescriptor<infer T> ? T : never;

/** A processor's declared properties, keyed by the property key used in flow JSON. */
export type PropertyMap = Readonly<Record<string, PropertyDescriptor>>;

interface CommonOptions {
  name: string;
  description?: string;
  required?: boolean;
  default?: string;
  el?: ExpressionScope;
  sensitive?: boolean;
  validate?: (value: string) => string | undefined;
}

function descriptor<T>(
  kind: PropertyKind,
  options: CommonOptions,
  convert: (value: string) => T,
  allowableValues?: readonly AllowableValue[],
): PropertyDescriptor<T> {
  return {
    kind,
    name: options.name,
    description: options.description ?? '',
    required: options.required ?? options.default !== undefined,
    defaultValue: options.default,
    allowableValues,
    expressionScope: options.el ?? 'none',
    sensitive: options.sensitive ?? false,
    validate: options.validate,
    convert,
  };
}

function toInteger(options: { min?: number; max?: number }) {
  return (value: string): number => {
    const trimmed = value.trim();
    if (!/^-?\d+$/.test(trimmed)) throw new Error(`'${value}' is not an integer`);
    const n = Number(trimmed);
    if (options.min !== undefined && n < options.min) {
      throw new Error(`${n} is less than the minimum ${options.min}`);
    }
    if (options.max !== undefined && n > options.max) {
      throw new Error(`${n} is greater than the maximum ${options.max}`);
    }
    return n;
  };
}

function toBoolean(value: string): boolean {
  const v = value.trim().toLowerCase();
  if (v === 'true') return true;
  if (v === 'false') return false;
  throw new Error(`'${value}' is not true or false`);
}

/** Builders for property descriptors, one per kind. */
export const prop = {
  /** A single-line string. */
  string: (options: CommonOptions): PropertyDescriptor<string> =>
    descriptor('string', options, (v) => v),
  /** A multi-line string (the UI shows a text area). */
  text: (options: CommonOptions): PropertyDescriptor<string> =>
    descriptor('text', options, (v) => v),
  /** One of a fixed set of values, shown as a select. */
  choice: <const V extends string>(
    options: CommonOptions & { values: readonly (V | (AllowableValue & { value: V }))[] },
  ): PropertyDescriptor<V> => {
    const allowable = options.values.map((v) => (typeof v === 'string' ? { value: v } : v));
    const allowed = new Set<string>(allowable.map((v) => v.value));
    return descriptor(
      'choice',
      options,
      (v) => {
        if (!allowed.has(v)) {
          throw new Error(`'${v}' is not one of: ${[...allowed].join(', ')}`);
        }
        return v as V;
      },
      allowable,
    );
  },
  boolean: (options: CommonOptions): PropertyDescriptor<boolean> =>
    descriptor('boolean', options, toBoolean, [{ value: 'true' }, { value: 'false' }]),
  integer: (options: CommonOptions & { min?: number; max?: number }): PropertyDescriptor<number> =>
    descriptor('integer', options, toInteger(options)),
  /** A NiFi duration such as `30 sec`, converted to milliseconds. */
  duration: (options: CommonOptions): PropertyDescriptor<number> =>
    descriptor('duration', options, parseDuration),
  /** A NiFi data size such as `1 MB`, converted to bytes. */
  dataSize: (options: CommonOptions): PropertyDescriptor<number> =>
    descriptor('dataSize', options, parseDataSize),
  /**
   * A reference to a controller service providing `api` (NiFi's identifiesControllerService).
   * The flow stores the service id; `ctx.property` returns the enabled service's instance.
   */
  service: <T>(
    options: Omit<CommonOptions, 'default' | 'el' | 'sensitive'> & { api: ServiceApi<T> },
  ): PropertyDescriptor<T> => ({
    ...descriptor<T>('service', options, () => {
      throw new Error(`'${options.name}' is resolved through the controller services`);
    }),
    serviceApi: options.api.name,
  }),
};
