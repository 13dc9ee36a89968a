import {
  isParameterReference,
  isSensitiveDynamicProperty,
  type ConnectionConfig,
  type ControllerServiceConfig,
  type FlowDocument,
  type Label,
  type ParameterContext,
  type Position,
  type ProcessorConfig,
  type PropertyOwner,
} from '@sluice/flow-schema';
import type {
  ComponentChangeKind,
  ComponentDiff,
  FieldCategory,
  FieldChange,
  FlowDiff,
  PropertyInfo,
} from './flow-diff-types.js';

/** Options of {@link diffFlows}. */
export interface DiffOptions {
  /**
   * The display name of a property and whether it holds a secret (from the processor registry
   * and the component's sensitive dynamic properties). Without it keys are shown as they are and
   * only the dynamic properties a component marks sensitive are taken for sensitive (they are in
   * any case).
   */
  readonly propertyInfo?: (component: PropertyOwner, key: string) => PropertyInfo;
}

/**
 * What differs between two versions of a flow: processors, connections, labels, controller
 * services and parameter contexts added, removed or changed, each change listed by field
 * (name, type, each property, scheduling, position, relationships, settings). Run state is not a
 * change (starting a processor does not change the flow, as in NiFi's versioning). Sensitive
 * values are never shown, nor any controller service property value or sensitive parameter
 * value. Pure: the same two documents always give the same diff.
 */
export function diffFlows(
  before: FlowDocument,
  after: FlowDocument,
  options: DiffOptions = {},
): FlowDiff {
  const given = options.propertyInfo ?? ((_: PropertyOwner, key: string) => plainProperty(key));
  // A property the component marks sensitive is hidden whatever the given info says.
  const info = (component: PropertyOwner, key: string): PropertyInfo => {
    const property = given(component, key);
    return isSensitiveDynamicProperty(component, key) ? { ...property, sensitive: true } : property;
  };
  const names = processorNames(before, after);
  const a = before.flow;
  const b = after.flow;
  const flow = collect((add) => {
    add('name', 'Flow name', a.name, b.name);
    add('comments', 'Description', a.description, b.description);
    add('settings', 'Parameter context', a.parameterContextId, b.parameterContextId);
  });
  const components: ComponentDiff[] = [
    ...pairUp(a.processors, b.processors).flatMap(([x, y]) => processorDiff(x, y, info)),
    ...pairUp(a.connections, b.connections).flatMap(([x, y]) => connectionDiff(x, y, names)),
    ...pairUp(a.labels, b.labels).flatMap(([x, y]) => labelDiff(x, y)),
    ...pairUp(a.controllerServices, b.controllerServices).flatMap(([x, y]) => serviceDiff(x, y)),
    ...pairUp(a.parameterContexts, b.parameterContexts).flatMap(([x, y]) => contextDiff(x, y)),
  ];
  return { flow, components };
}

/** True when two versions differ in nothing a diff reports. */
export function isEmptyDiff(diff: FlowDiff): boolean {
  return diff.flow.length === 0 && diff.components.length === 0;
}

type Pair<T> = readonly [T | undefined, T | undefined];

/** Components matched by id, in id order (stable whatever order the documents list them in). */
function pairUp<T extends { id: string }>(before: readonly T[], after: readonly T[]): Pair<T>[] {
  const old = new Map(before.map((c) => [c.id, c]));
  const now = new Map(after.map((c) => [c.id, c]));
  const ids = [...new Set([...old.keys(), ...now.keys()])].sort();
  return ids.map((id) => [old.get(id), now.get(id)] as const);
}

function changeOf(before: unknown, after: unknown): ComponentChangeKind {
  if (before === undefined) return 'added';
  if (after === undefined) return 'removed';
  return 'changed';
}

type AddField = (
  category: FieldCategory,
  field: string,
  before: string | undefined,
  after: string | undefined,
  hidden?: boolean,
) => void;

/**
 * The field changes `compare` reports, skipping fields whose values are equal. A hidden field is
 * reported as it comes: its caller compared the real values, which may differ behind equal
 * shown ones ("set" → "set").
 */
function collect(compare: (add: AddField) => void): FieldChange[] {
  const fields: FieldChange[] = [];
  compare((category, field, before, after, hidden) => {
    if (!hidden && before === after) return;
    fields.push({
      category,
      field,
      before: before ?? null,
      after: after ?? null,
      ...(hidden ? { hidden: true as const } : {}),
    });
  });
  return fields;
}

function processorDiff(
  before: ProcessorConfig | undefined,
  after: ProcessorConfig | undefined,
  info: NonNullable<DiffOptions['propertyInfo']>,
): ComponentDiff[] {
  const shown = (after ?? before)!;
  const fields =
    before && after
      ? collect((add) => {
          add('name', 'Name', before.name, after.name);
          add('type', 'Type', before.type, after.type);
          const keys = [
            ...new Set([...Object.keys(before.properties), ...Object.keys(after.properties)]),
          ].sort();
          for (const key of keys) {
            const property = info(after, key);
            const [x, y] = [before.properties[key], after.properties[key]];
            // A type change (or an unmarked dynamic property) could make a secret of the old
            // version a plain value of the new one.
            if (property.sensitive || info(before, key).sensitive) {
              if (x !== y) add('property', property.name, secretShown(x), secretShown(y), true);
            } else {
              add('property', property.name, x, y);
            }
          }
          const [s, t] = [before.scheduling, after.scheduling];
          add(
            'property',
            'Sensitive dynamic properties',
            list(before.sensitiveDynamicProperties ?? [], true),
            list(after.sensitiveDynamicProperties ?? [], true),
          );
          add('scheduling', 'Scheduling strategy', s.strategy, t.strategy);
          add('scheduling', 'Run schedule', s.period, t.period);
          add('scheduling', 'Cron expression', s.cron, t.cron);
          add('scheduling', 'Concurrent tasks', `${s.concurrentTasks}`, `${t.concurrentTasks}`);
          add('scheduling', 'Penalty duration', s.penaltyDuration, t.penaltyDuration);
          add('scheduling', 'Yield duration', s.yieldDuration, t.yieldDuration);
          add('scheduling', 'Bulletin level', s.bulletinLevel, t.bulletinLevel);
          add(
            'relationships',
            'Auto-terminated relationships',
            list(before.autoTerminatedRelationships, true),
            list(after.autoTerminatedRelationships, true),
          );
          add('position', 'Position', point(before.position), point(after.position));
          add('comments', 'Comments', before.comments, after.comments);
        })
      : [];
  if (before && after && fields.length === 0) return [];
  return [
    {
      change: changeOf(before, after),
      kind: 'processor',
      id: shown.id,
      name: shown.name,
      fields,
      sketch: { type: shown.type, position: shown.position },
    },
  ];
}

function connectionDiff(
  before: ConnectionConfig | undefined,
  after: ConnectionConfig | undefined,
  names: ReadonlyMap<string, string>,
): ComponentDiff[] {
  const shown = (after ?? before)!;
  const nameOf = (id: string) => names.get(id) ?? id;
  const fields =
    before && after
      ? collect((add) => {
          add('name', 'Name', before.name, after.name);
          add('relationships', 'Source', nameOf(before.source.id), nameOf(after.source.id));
          add(
            'relationships',
            'Destination',
            nameOf(before.destination.id),
            nameOf(after.destination.id),
          );
          add(
            'relationships',
            'Relationships',
            list(before.relationships, true),
            list(after.relationships, true),
          );
          const [p, q] = [before.backPressure, after.backPressure];
          add(
            'settings',
            'Back pressure object threshold',
            `${p.objectThreshold}`,
            `${q.objectThreshold}`,
          );
          add(
            'settings',
            'Back pressure data size threshold',
            p.dataSizeThreshold,
            q.dataSizeThreshold,
          );
          add('settings', 'Prioritizers', list(before.prioritizers), list(after.prioritizers));
          add('settings', 'FlowFile expiration', before.expiration, after.expiration);
          add(
            'position',
            'Bend points',
            list(before.bends.map(point)),
            list(after.bends.map(point)),
          );
        })
      : [];
  if (before && after && fields.length === 0) return [];
  const relationships = [...shown.relationships].sort();
  return [
    {
      change: changeOf(before, after),
      kind: 'connection',
      id: shown.id,
      name:
        shown.name ||
        `${nameOf(shown.source.id)} → ${nameOf(shown.destination.id)} (${relationships.join(', ')})`,
      fields,
      sketch: {
        source: shown.source.id,
        destination: shown.destination.id,
        relationships,
      },
    },
  ];
}

function labelDiff(before: Label | undefined, after: Label | undefined): ComponentDiff[] {
  const shown = (after ?? before)!;
  const fields =
    before && after
      ? collect((add) => {
          add('text', 'Text', before.text, after.text);
          add('position', 'Position', point(before.position), point(after.position));
          add(
            'position',
            'Size',
            `${before.size.width} × ${before.size.height}`,
            `${after.size.width} × ${after.size.height}`,
          );
          add('settings', 'Background', before.style?.background, after.style?.background);
          add(
            'settings',
            'Font size',
            optionalNumber(before.style?.fontSize),
            optionalNumber(after.style?.fontSize),
          );
        })
      : [];
  if (before && after && fields.length === 0) return [];
  return [
    {
      change: changeOf(before, after),
      kind: 'label',
      id: shown.id,
      name: firstLine(shown.text),
      fields,
      sketch: { position: shown.position, size: shown.size, text: shown.text },
    },
  ];
}

/**
 * A controller service's property values are never shown (the API shows them only as set), so a
 * changed value is listed without its values.
 */
function serviceDiff(
  before: ControllerServiceConfig | undefined,
  after: ControllerServiceConfig | undefined,
): ComponentDiff[] {
  const shown = (after ?? before)!;
  const fields =
    before && after
      ? collect((add) => {
          add('name', 'Name', before.name, after.name);
          add('type', 'Type', before.type, after.type);
          add('settings', 'State', before.state, after.state);
          const keys = [
            ...new Set([...Object.keys(before.properties), ...Object.keys(after.properties)]),
          ].sort();
          for (const key of keys) {
            const [x, y] = [before.properties[key], after.properties[key]];
            if (x !== y) add('property', key, secretShown(x), secretShown(y), true);
          }
        })
      : [];
  if (before && after && fields.length === 0) return [];
  return [
    {
      change: changeOf(before, after),
      kind: 'controllerService',
      id: shown.id,
      name: shown.name,
      fields,
      sketch: null,
    },
  ];
}

function contextDiff(
  before: ParameterContext | undefined,
  after: ParameterContext | undefined,
): ComponentDiff[] {
  const shown = (after ?? before)!;
  const fields =
    before && after
      ? collect((add) => {
          add('name', 'Name', before.name, after.name);
          add('comments', 'Description', before.description, after.description);
          const old = new Map(before.parameters.map((p) => [p.name, p]));
          const now = new Map(after.parameters.map((p) => [p.name, p]));
          for (const name of [...new Set([...old.keys(), ...now.keys()])].sort()) {
            const [x, y] = [old.get(name), now.get(name)];
            const hidden = Boolean(x?.sensitive || y?.sensitive);
            if (hidden) {
              if (x?.value !== y?.value || x?.sensitive !== y?.sensitive) {
                add('parameter', name, parameterShown(x), parameterShown(y), true);
              }
            } else {
              add(
                'parameter',
                name,
                x?.value ?? (x ? '' : undefined),
                y?.value ?? (y ? '' : undefined),
              );
            }
            add('comments', `${name}: description`, x?.description, y?.description);
          }
        })
      : [];
  if (before && after && fields.length === 0) return [];
  return [
    {
      change: changeOf(before, after),
      kind: 'parameterContext',
      id: shown.id,
      name: shown.name,
      fields,
      sketch: null,
    },
  ];
}

/** Processor names by id over both versions (the newer name wins), to name connection ends. */
function processorNames(before: FlowDocument, after: FlowDocument): Map<string, string> {
  const names = new Map<string, string>();
  for (const p of before.flow.processors) names.set(p.id, p.name);
  for (const p of after.flow.processors) names.set(p.id, p.name);
  return names;
}

/**
 * What may be shown of a value that may be a secret: a `#{parameter}` reference reveals nothing
 * and is shown; anything else only as set or not.
 */
function secretShown(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  if (isParameterReference(value)) return value;
  return value === '' ? 'not set' : 'set';
}

function parameterShown(
  parameter: ParameterContext['parameters'][number] | undefined,
): string | undefined {
  if (!parameter) return undefined;
  if (!parameter.sensitive) return 'not sensitive';
  return parameter.value === undefined ? 'sensitive, not set' : 'sensitive, set';
}

function plainProperty(key: string): PropertyInfo {
  return { name: key, sensitive: false };
}

function point(position: Position): string {
  return `${Math.round(position.x)}, ${Math.round(position.y)}`;
}

/** A list as text; `sorted` for lists whose order means nothing (relationships). */
function list(values: readonly string[], sorted = false): string {
  const shown = sorted ? [...values].sort() : values;
  return shown.length === 0 ? '(none)' : shown.join(', ');
}

function optionalNumber(value: number | undefined): string | undefined {
  return value === undefined ? undefined : `${value}`;
}

function firstLine(text: string): string {
  const line = text.split('\n', 1)[0]!.trim();
  return line.length > 60 ? `${line.slice(0, 59)}…` : line || '(empty label)';
}
