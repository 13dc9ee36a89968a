import type { Position, Size } from '@sluice/flow-schema';

/** The kinds of component a flow diff reports on. */
export type DiffComponentKind =
  'processor' | 'connection' | 'label' | 'controllerService' | 'parameterContext';

/** How a component differs between two versions. */
export type ComponentChangeKind = 'added' | 'removed' | 'changed';

/** Which part of a component a field change is about, for grouping in a list. */
export type FieldCategory =
  | 'name'
  | 'type'
  | 'property'
  | 'scheduling'
  | 'position'
  | 'relationships'
  | 'settings'
  | 'comments'
  | 'text'
  | 'parameter';

/**
 * One field that differs, with its values as a person reads them (`null` where the field is
 * absent on that side). A value that may be a secret is never shown: `hidden` is then true and
 * the values only say whether one is set.
 */
export interface FieldChange {
  readonly category: FieldCategory;
  /** The field's display name: `Search Value`, `Run schedule`, `Position`. */
  readonly field: string;
  readonly before: string | null;
  readonly after: string | null;
  readonly hidden?: true;
}

interface ComponentDiffBase<K extends DiffComponentKind, S> {
  readonly change: ComponentChangeKind;
  readonly kind: K;
  readonly id: string;
  /** What the component is called (a connection: its ends and relationships). */
  readonly name: string;
  /** The fields that differ; empty for an added or removed component. */
  readonly fields: readonly FieldChange[];
  /** Enough to draw it on a canvas where it is missing: from the newer side when it has it. */
  readonly sketch: S;
}

/** Where a processor sits and what it is, to draw it as a ghost. */
export interface ProcessorSketch {
  readonly type: string;
  readonly position: Position;
}

/** Which processors a connection joins, to draw it as a ghost. */
export interface ConnectionSketch {
  readonly source: string;
  readonly destination: string;
  readonly relationships: readonly string[];
}

/** A label's box and text, to draw it as a ghost. */
export interface LabelSketch {
  readonly position: Position;
  readonly size: Size;
  readonly text: string;
}

/** A component that differs between two versions of a flow, by kind. */
export type ComponentDiff =
  | ComponentDiffBase<'processor', ProcessorSketch>
  | ComponentDiffBase<'connection', ConnectionSketch>
  | ComponentDiffBase<'label', LabelSketch>
  | ComponentDiffBase<'controllerService', null>
  | ComponentDiffBase<'parameterContext', null>;

/** What differs between two versions of a flow: the flow's own fields, then each component. */
export interface FlowDiff {
  readonly flow: readonly FieldChange[];
  readonly components: readonly ComponentDiff[];
}

/** What a diff needs to know about a property of a processor or controller service type. */
export interface PropertyInfo {
  /** The display name (NiFi's: `Search Value`); the key when the type does not declare it. */
  readonly name: string;
  readonly sensitive: boolean;
}
