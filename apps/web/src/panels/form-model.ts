import type { CatalogEntry } from '../api/types.js';

/** The UI hints the catalog gives for one property. */
export type PropertyHints = CatalogEntry['ui'][string];

/** Where the expression language may be used in a property, as the catalog says. */
export type ExpressionScope = PropertyHints['expressionLanguage'];

/** The control a property is edited with; `service` picks a controller service of the flow. */
export type Widget = 'input' | 'textarea' | 'select' | 'secret' | 'service';

/** What a form is built from: a processor type's or a controller service type's catalog entry. */
export type PropertyForm = Pick<CatalogEntry, 'ui' | 'propertyOrder'>;

/** One choice of a select: the saved value, what a person reads, and what it does. */
export interface FieldOption {
  readonly value: string;
  readonly label: string;
  readonly description: string | undefined;
}

/** One declared property as the form shows it, derived from the processor type's spec. */
export interface PropertyField {
  readonly key: string;
  readonly label: string;
  readonly description: string;
  readonly required: boolean;
  /** Shown as the placeholder: what applies when the property is left empty. */
  readonly defaultValue: string | undefined;
  readonly widget: Widget;
  readonly options: readonly FieldOption[];
  readonly expressionScope: ExpressionScope;
  readonly kind: PropertyHints['kind'];
  /** For a `service` field: the API the chosen controller service must provide. */
  readonly serviceApi: string | undefined;
}

function widgetOf(hints: PropertyHints): Widget {
  if (hints.kind === 'service') return 'service';
  if (hints.sensitive) return 'secret';
  // Booleans come with allowable values true/false, so they are selects like choices.
  if (hints.allowableValues && hints.allowableValues.length > 0) return 'select';
  return hints.kind === 'text' ? 'textarea' : 'input';
}

/**
 * The form of a processor or controller service type: one field per declared property, in the
 * spec's order (the catalog's `propertyOrder`, the order the type declares them in, as NiFi shows).
 */
export function propertyFields(entry: PropertyForm): PropertyField[] {
  // Keys the order forgot still get a field: a property the form cannot show cannot be fixed.
  const keys = [
    ...entry.propertyOrder,
    ...Object.keys(entry.ui).filter((key) => !entry.propertyOrder.includes(key)),
  ];
  return keys.flatMap((key) => {
    const hints = entry.ui[key];
    if (!hints) return [];
    return [
      {
        key,
        label: hints.displayName,
        description: hints.description,
        required: hints.required,
        defaultValue: hints.sensitive ? undefined : (hints.defaultValue ?? undefined),
        widget: widgetOf(hints),
        options: (hints.allowableValues ?? []).map((v) => ({
          value: v.value,
          label: v.displayName ?? v.value,
          description: v.description,
        })),
        expressionScope: hints.expressionLanguage,
        kind: hints.kind,
        serviceApi: hints.serviceApi ?? undefined,
      },
    ];
  });
}

/** What the "EL" badge's tooltip says a property may refer to. */
export function expressionScopeText(scope: ExpressionScope): string | undefined {
  switch (scope) {
    case 'flowfile':
      return 'Supports the expression language: ${attribute} of each flowfile, #{parameter} and the environment';
    case 'environment':
      return 'Supports the expression language without flowfile attributes: #{parameter} and the environment';
    case 'none':
      return undefined;
    default: {
      const _exhaustive: never = scope;
      return _exhaustive;
    }
  }
}
