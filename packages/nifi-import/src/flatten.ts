import { formatJsonPath, type JsonPathSegment } from '@sluice/flow-schema';
import type {
  NiFiConnection,
  NiFiLabel,
  NiFiNamedComponent,
  NiFiPosition,
  NiFiProcessGroup,
  NiFiProcessor,
} from './nifi-schema.js';

/** The process group a component sat in, and where that group's canvas lands in the flat flow. */
export interface GroupPlacement {
  readonly identifier: string;
  readonly name: string;
  /** JSON path of the group in the input, e.g. `flowContents.processGroups[1]`. */
  readonly path: readonly JsonPathSegment[];
  /** Names of the nested groups from the root down, empty for the root group. */
  readonly names: readonly string[];
  /** Added to the positions of the group's components. */
  readonly offset: NiFiPosition;
  readonly parameterContextName: string | undefined;
}

/** A component with the group it came from and its own JSON path. */
export interface Placed<T> {
  readonly item: T;
  readonly group: GroupPlacement;
  readonly path: readonly JsonPathSegment[];
}

/** Ports and funnels: they only pass flowfiles on, so connections through them can be joined. */
export type PassThroughKind = 'funnel' | 'input port' | 'output port';

/** Every component of a flow definition, with nested groups flattened into one canvas. */
export interface FlatFlow {
  readonly processors: readonly Placed<NiFiProcessor>[];
  readonly connections: readonly Placed<NiFiConnection>[];
  readonly labels: readonly Placed<NiFiLabel>[];
  readonly passThrough: ReadonlyMap<
    string,
    Placed<NiFiNamedComponent> & { readonly kind: PassThroughKind }
  >;
  readonly remoteProcessGroups: readonly Placed<NiFiNamedComponent>[];
  readonly controllerServices: readonly Placed<NiFiNamedComponent>[];
  /** The nested groups (not the root). */
  readonly nestedGroups: readonly GroupPlacement[];
}

/**
 * Walks the root group and every nested one (iteratively, so depth costs no stack), placing each
 * nested group's components at the group's position on its parent's canvas.
 */
export function flattenGroups(root: NiFiProcessGroup): FlatFlow {
  const processors: Placed<NiFiProcessor>[] = [];
  const connections: Placed<NiFiConnection>[] = [];
  const labels: Placed<NiFiLabel>[] = [];
  const passThrough = new Map<string, Placed<NiFiNamedComponent> & { kind: PassThroughKind }>();
  const remoteProcessGroups: Placed<NiFiNamedComponent>[] = [];
  const controllerServices: Placed<NiFiNamedComponent>[] = [];
  const nestedGroups: GroupPlacement[] = [];
  const pending: { group: NiFiProcessGroup; placement: GroupPlacement }[] = [
    {
      group: root,
      placement: {
        identifier: root.identifier,
        name: root.name ?? '',
        path: ['flowContents'],
        names: [],
        offset: { x: 0, y: 0 },
        parameterContextName: root.parameterContextName ?? undefined,
      },
    },
  ];
  for (let next = pending.shift(); next !== undefined; next = pending.shift()) {
    const { group, placement } = next;
    const place = <T>(key: string, items: readonly T[] | null | undefined, into: Placed<T>[]) => {
      (items ?? []).forEach((item, index) => {
        into.push({ item, group: placement, path: [...placement.path, key, index] });
      });
    };
    place('processors', group.processors, processors);
    place('connections', group.connections, connections);
    place('labels', group.labels, labels);
    place('remoteProcessGroups', group.remoteProcessGroups, remoteProcessGroups);
    place('controllerServices', group.controllerServices, controllerServices);
    const passing: [string, PassThroughKind][] = [
      ['funnels', 'funnel'],
      ['inputPorts', 'input port'],
      ['outputPorts', 'output port'],
    ];
    for (const [key, kind] of passing) {
      const items = group[key as 'funnels' | 'inputPorts' | 'outputPorts'] ?? [];
      items.forEach((item, index) => {
        passThrough.set(item.identifier, {
          item,
          kind,
          group: placement,
          path: [...placement.path, key, index],
        });
      });
    }
    (group.processGroups ?? []).forEach((child, index) => {
      const childPlacement: GroupPlacement = {
        identifier: child.identifier,
        name: child.name ?? child.identifier,
        path: [...placement.path, 'processGroups', index],
        names: [...placement.names, child.name ?? child.identifier],
        offset: {
          x: placement.offset.x + (child.position?.x ?? 0),
          y: placement.offset.y + (child.position?.y ?? 0),
        },
        parameterContextName: child.parameterContextName ?? placement.parameterContextName,
      };
      nestedGroups.push(childPlacement);
      pending.push({ group: child, placement: childPlacement });
    });
  }
  return {
    processors,
    connections,
    labels,
    passThrough,
    remoteProcessGroups,
    controllerServices,
    nestedGroups,
  };
}

/** A position moved by a group's offset. */
export function placedPosition(
  position: NiFiPosition | null | undefined,
  group: GroupPlacement,
): NiFiPosition {
  return { x: (position?.x ?? 0) + group.offset.x, y: (position?.y ?? 0) + group.offset.y };
}

/** The JSON path of a placed component, as text. */
export function pathOf(placed: { readonly path: readonly JsonPathSegment[] }): string {
  return formatJsonPath(placed.path);
}
