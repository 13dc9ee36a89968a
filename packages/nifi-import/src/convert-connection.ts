import {
  isDataSize,
  isDuration,
  type FlowDocumentInput,
  type Prioritizer,
} from '@sluice/flow-schema';
import { pathOf, placedPosition, type FlatFlow, type Placed } from './flatten.js';
import type { ImportReportLine } from './import-report.js';
import type { NiFiConnection } from './nifi-schema.js';

/** A connection as the converter writes it. */
export type ConnectionInput = NonNullable<FlowDocumentInput['flow']['connections']>[number];

/** NiFi's prioritizer classes → Sluice's prioritizer kinds, by simple class name. */
const PRIORITIZERS: Readonly<Record<string, Prioritizer>> = {
  FirstInFirstOutPrioritizer: 'FIFO',
  OldestFlowFileFirstPrioritizer: 'OLDEST_FIRST',
  NewestFlowFileFirstPrioritizer: 'NEWEST_FIRST',
  PriorityAttributePrioritizer: 'PRIORITY_ATTRIBUTE',
};

/** What a processor's converted connections need to know about the processors that were kept. */
export interface KeptProcessors {
  /** Relationships of each imported processor, by NiFi identifier. */
  readonly relationships: ReadonlyMap<string, ReadonlySet<string>>;
  /** NiFi identifiers of processors that were skipped (unknown type). */
  readonly skipped: ReadonlySet<string>;
}

/**
 * Converts the connections that start at an imported processor. A connection to a port or a
 * funnel is followed through it (and through nested groups' ports) to the processors it leads
 * to, becoming one direct connection per processor reached: Sluice has neither ports nor
 * funnels, and flattening the groups makes them pointless. The first hop's settings are kept.
 */
export function convertConnections(
  flat: FlatFlow,
  kept: KeptProcessors,
  report: ImportReportLine[],
): ConnectionInput[] {
  const outgoing = new Map<string, Placed<NiFiConnection>[]>();
  for (const placed of flat.connections) {
    const list = outgoing.get(placed.item.source.id) ?? [];
    list.push(placed);
    outgoing.set(placed.item.source.id, list);
  }
  const result: ConnectionInput[] = [];
  for (const placed of flat.connections) {
    const { item: nifi } = placed;
    // Connections from ports and funnels are followed from the processor upstream of them.
    if (flat.passThrough.has(nifi.source.id)) continue;
    const path = pathOf(placed);
    const note = (reason: string) =>
      report.push({
        path,
        kind: 'connection',
        id: nifi.identifier,
        name: connectionLabel(nifi),
        reason,
      });
    const sourceRelationships = kept.relationships.get(nifi.source.id);
    if (sourceRelationships === undefined) {
      note(
        kept.skipped.has(nifi.source.id)
          ? 'its source processor was not imported; dropped'
          : `its source is a ${nifi.source.type.toLowerCase().replaceAll('_', ' ')} Sluice does not have; dropped`,
      );
      continue;
    }
    const relationships: string[] = [];
    for (const relationship of nifi.selectedRelationships ?? []) {
      if (sourceRelationships.has(relationship)) relationships.push(relationship);
      else note(`relationship '${relationship}' does not exist in Sluice's processor; left out`);
    }
    if (relationships.length === 0) {
      note('none of its relationships exists in Sluice; dropped');
      continue;
    }
    const destinations = reachableProcessors(nifi.destination.id, flat, outgoing, kept);
    if (destinations.length === 0) {
      note(
        kept.skipped.has(nifi.destination.id)
          ? 'its destination processor was not imported; dropped'
          : `it leads to ${nifi.destination.type.toLowerCase().replaceAll('_', ' ')} '${nifi.destination.name ?? nifi.destination.id}', which reaches no imported processor; dropped`,
      );
      continue;
    }
    const settings = connectionSettings(placed, note);
    for (const destination of destinations) {
      const direct = destination === nifi.destination.id;
      result.push({
        ...settings,
        id: direct ? nifi.identifier : `${nifi.identifier}-${destination}`,
        source: { id: nifi.source.id },
        destination: { id: destination },
        relationships,
      });
    }
  }
  return result;
}

/** The imported processors a connection's destination leads to, following ports and funnels. */
function reachableProcessors(
  start: string,
  flat: FlatFlow,
  outgoing: ReadonlyMap<string, readonly Placed<NiFiConnection>[]>,
  kept: KeptProcessors,
): string[] {
  const found = new Set<string>();
  const visited = new Set<string>();
  const pending = [start];
  for (let id = pending.pop(); id !== undefined; id = pending.pop()) {
    if (visited.has(id)) continue;
    visited.add(id);
    if (kept.relationships.has(id)) found.add(id);
    else if (flat.passThrough.has(id)) {
      for (const next of outgoing.get(id) ?? []) pending.push(next.item.destination.id);
    }
  }
  return [...found].sort();
}

function connectionLabel(nifi: NiFiConnection): string {
  if (nifi.name) return nifi.name;
  const from = nifi.source.name ?? nifi.source.id;
  const to = nifi.destination.name ?? nifi.destination.id;
  return `${from} → ${to}`;
}

/** Back-pressure, expiration, prioritizers, bends and name of a connection. */
function connectionSettings(
  placed: Placed<NiFiConnection>,
  note: (reason: string) => void,
): Omit<ConnectionInput, 'id' | 'source' | 'destination' | 'relationships'> {
  const { item: nifi, group } = placed;
  const backPressure: { objectThreshold?: number; dataSizeThreshold?: string } = {};
  const objects = nifi.backPressureObjectThreshold;
  if (objects !== null && objects !== undefined) {
    if (Number.isInteger(objects) && objects >= 0) backPressure.objectThreshold = objects;
    else
      note(
        `back-pressure object threshold ${objects} is not a whole number >= 0; the default is used`,
      );
  }
  const size = nifi.backPressureDataSizeThreshold;
  if (size) {
    if (isDataSize(size)) backPressure.dataSizeThreshold = size;
    else
      note(`back-pressure data size threshold '${size}' is not a data size; the default is used`);
  }
  let expiration: string | undefined;
  if (nifi.flowFileExpiration) {
    if (isDuration(nifi.flowFileExpiration)) expiration = nifi.flowFileExpiration;
    else note(`flowfile expiration '${nifi.flowFileExpiration}' is not a duration; no expiration`);
  }
  const prioritizers: Prioritizer[] = [];
  for (const className of nifi.prioritizers ?? []) {
    const kind = PRIORITIZERS[className.slice(className.lastIndexOf('.') + 1)];
    if (kind === undefined) note(`prioritizer ${className} has no Sluice counterpart; left out`);
    else if (!prioritizers.includes(kind)) prioritizers.push(kind);
  }
  if (nifi.loadBalanceStrategy && nifi.loadBalanceStrategy !== 'DO_NOT_LOAD_BALANCE') {
    note(
      `load balancing (${nifi.loadBalanceStrategy}) has no meaning in Sluice (one node); ignored`,
    );
  }
  return {
    ...(nifi.name ? { name: nifi.name } : {}),
    backPressure,
    prioritizers,
    ...(expiration === undefined ? {} : { expiration }),
    bends: (nifi.bends ?? []).map((bend) => placedPosition(bend, group)),
  };
}
