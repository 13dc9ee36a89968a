import { formatJsonPath, isDuration, type FlowDocumentInput } from '@sluice/flow-schema';
import { pathOf, placedPosition, type Placed } from './flatten.js';
import type { ImportReportLine } from './import-report.js';
import type { NiFiProcessor } from './nifi-schema.js';
import {
  relationshipsOf,
  type CatalogProcessor,
  type CatalogProperty,
  type ProcessorCatalog,
} from './processor-catalog.js';

/** A processor as the converter writes it (flow-schema fills in the defaults). */
export type ProcessorInput = NonNullable<FlowDocumentInput['flow']['processors']>[number];
type SchedulingInput = NonNullable<ProcessorInput['scheduling']>;

/** Only Apache NiFi's own processors are taken as Sluice's namesakes; `com.acme.ReplaceText` is not. */
const APACHE_PACKAGE = 'org.apache.nifi.';

/**
 * NiFi properties of the processors that accept dynamic properties that are NOT dynamic, for
 * exports whose property descriptors do not say (`dynamic` appeared in NiFi 1.16). Without this,
 * UpdateAttribute's "Store State" would become an attribute named "Store State".
 */
const NIFI_STATIC_PROPERTIES: Readonly<Record<string, readonly string[]>> = {
  UpdateAttribute: [
    'Delete Attributes Expression',
    'Store State',
    'Stateful Variables Initial Value',
    'canonical-value-lookup-cache-size',
  ],
  RouteOnAttribute: ['Routing Strategy'],
};

const BULLETIN_LEVELS: Readonly<Record<string, 'DEBUG' | 'INFO' | 'WARN' | 'ERROR'>> = {
  TRACE: 'DEBUG',
  DEBUG: 'DEBUG',
  INFO: 'INFO',
  WARN: 'WARN',
  ERROR: 'ERROR',
  FATAL: 'ERROR',
  NONE: 'ERROR',
};

/** A converted processor, with the catalog entry it maps to. */
export interface ConvertedProcessor {
  readonly config: ProcessorInput;
  readonly definition: CatalogProcessor;
}

/** The Sluice type a NiFi processor type maps to: the same simple name, from Apache NiFi's packages. */
export function sluiceTypeName(nifiType: string): string | undefined {
  if (!nifiType.includes('.')) return nifiType;
  if (!nifiType.startsWith(APACHE_PACKAGE)) return undefined;
  return nifiType.slice(nifiType.lastIndexOf('.') + 1);
}

/** A value that holds a parameter reference or an expression, so it cannot be checked now. */
function isDeferred(value: string): boolean {
  return value.includes('#{') || value.includes('${');
}

/** NiFi's value for a choice property, matched exactly, then ignoring case against value or display name. */
function allowedValue(property: CatalogProperty, value: string): string | undefined {
  const allowed = property.allowableValues;
  if (allowed === undefined || isDeferred(value)) return value;
  if (allowed.some((a) => a.value === value)) return value;
  const lower = value.toLowerCase();
  return allowed.find(
    (a) => a.value.toLowerCase() === lower || a.displayName?.toLowerCase() === lower,
  )?.value;
}

/**
 * Converts one NiFi processor, or returns undefined (with a report line) when Sluice has no
 * processor of its type. Every property, setting and value that does not map is reported.
 */
export function convertProcessor(
  placed: Placed<NiFiProcessor>,
  catalog: ProcessorCatalog,
  report: ImportReportLine[],
): ConvertedProcessor | undefined {
  const { item: nifi, group } = placed;
  const path = pathOf(placed);
  const name = nifi.name ?? undefined;
  const note = (reason: string, at: string = path) =>
    report.push({ path: at, kind: 'processor', id: nifi.identifier, name, reason });
  const typeName = sluiceTypeName(nifi.type);
  const definition = typeName === undefined ? undefined : catalog.get(typeName);
  if (definition === undefined || typeName === undefined) {
    const known = catalog
      .list()
      .map((d) => d.type)
      .join(', ');
    note(
      `type ${nifi.type} has no Sluice counterpart (Sluice has: ${known}); skipped, with its connections`,
    );
    return undefined;
  }
  const properties = convertProperties(placed, definition, report);
  const sensitiveDynamic = sensitiveDynamicNames(nifi, definition, note);
  const relationships = new Set(relationshipsOf(definition, properties));
  const autoTerminated: string[] = [];
  for (const relationship of nifi.autoTerminatedRelationships ?? []) {
    if (relationships.has(relationship)) autoTerminated.push(relationship);
    else
      note(
        `auto-terminated relationship '${relationship}' does not exist in Sluice's ${typeName}; dropped`,
      );
  }
  if ((nifi.retryCount ?? 0) > 0 && (nifi.retriedRelationships ?? []).length > 0) {
    note('retry settings (retryCount, retriedRelationships) are not supported by Sluice; dropped');
  }
  if ((nifi.runDurationMillis ?? 0) > 0) {
    note(`run duration ${nifi.runDurationMillis} ms is not supported by Sluice; dropped`);
  }
  if (nifi.executionNode === 'PRIMARY') {
    note('execution on the primary node only has no meaning in Sluice (one node); runs as usual');
  }
  const names = [...group.names, name ?? typeName];
  return {
    definition,
    config: {
      id: nifi.identifier,
      type: typeName,
      name: names.join(' / '),
      position: placedPosition(nifi.position, group),
      properties,
      scheduling: convertScheduling(nifi, note),
      autoTerminatedRelationships: autoTerminated,
      state: convertState(nifi.scheduledState, note),
      ...(nifi.comments ? { comments: nifi.comments } : {}),
      ...(sensitiveDynamic.length > 0 ? { sensitiveDynamicProperties: sensitiveDynamic } : {}),
    },
  };
}

/**
 * The dynamic properties NiFi marks sensitive (its `sensitiveDynamicPropertyNames`, recorded as
 * descriptors with `sensitive` and `dynamic`). NiFi exports no sensitive value, so only the mark
 * comes in; the user sets the value in Sluice. A type that cannot take the mark is reported.
 */
function sensitiveDynamicNames(
  nifi: NiFiProcessor,
  definition: CatalogProcessor,
  note: (reason: string) => void,
): string[] {
  const names = Object.entries(nifi.propertyDescriptors ?? {})
    .filter(([, descriptor]) => descriptor.sensitive === true && descriptor.dynamic === true)
    .map(([name]) => name)
    .filter((name) => name !== '__proto__');
  if (names.length === 0 || definition.dynamicProperties?.supportsSensitive) return names;
  note(
    `sensitive dynamic properties (${names.join(', ')}): Sluice's ${definition.type} does not support them; their values were not exported by NiFi, set them again as plain properties if needed`,
  );
  return [];
}

/** NiFi properties keyed by name → Sluice properties keyed by property key. */
function convertProperties(
  placed: Placed<NiFiProcessor>,
  definition: CatalogProcessor,
  report: ImportReportLine[],
): Record<string, string> {
  const { item: nifi } = placed;
  const byName = new Map(Object.entries(definition.properties).map(([key, p]) => [p.name, key]));
  const staticNames = new Set(NIFI_STATIC_PROPERTIES[definition.type] ?? []);
  const result: Record<string, string> = {};
  for (const [nifiName, value] of Object.entries(nifi.properties ?? {})) {
    // NiFi writes an unset property as its name with a null value.
    if (value === null) continue;
    const at = formatJsonPath([...placed.path, 'properties', nifiName]);
    const drop = (reason: string) =>
      report.push({ path: at, kind: 'property', id: nifi.identifier, name: nifiName, reason });
    const descriptor = nifi.propertyDescriptors?.[nifiName];
    // Older names such as `generate-ff-custom-text` are matched by the display name NiFi recorded.
    const key =
      byName.get(nifiName) ??
      (descriptor?.displayName ? byName.get(descriptor.displayName) : undefined);
    if (key !== undefined) {
      const property = definition.properties[key]!;
      const mapped = allowedValue(property, value);
      if (mapped === undefined) {
        const allowed = (property.allowableValues ?? []).map((a) => a.value).join(', ');
        drop(
          `value '${value}' is not one of Sluice's ${property.name} values (${allowed}); dropped, so the default applies`,
        );
      } else {
        result[key] = mapped;
      }
      continue;
    }
    // NiFi marks user-added properties `dynamic: true`; older exports do not say, so NiFi's own
    // static properties are recognised by name.
    const dynamic =
      definition.dynamicProperties !== undefined &&
      (descriptor?.dynamic === true ||
        ((descriptor?.dynamic ?? undefined) === undefined && !staticNames.has(nifiName)));
    if (dynamic && nifiName !== '__proto__') {
      result[nifiName] = value;
    } else {
      drop(`Sluice's ${definition.type} has no property '${nifiName}'; dropped`);
    }
  }
  return result;
}

function duration(
  value: string | null | undefined,
  field: string,
  note: (reason: string) => void,
): string | undefined {
  if (value === null || value === undefined) return undefined;
  if (isDuration(value)) return value;
  note(`${field} '${value}' is not a duration Sluice reads; the default is used`);
  return undefined;
}

/** NiFi's scheduling fields → Sluice's `scheduling`. */
function convertScheduling(nifi: NiFiProcessor, note: (reason: string) => void): SchedulingInput {
  const scheduling: Record<string, unknown> = {};
  const strategy = nifi.schedulingStrategy ?? 'TIMER_DRIVEN';
  if (strategy === 'CRON_DRIVEN') {
    const cron = cronExpression(nifi.schedulingPeriod ?? '', note);
    if (cron !== undefined) {
      scheduling['strategy'] = 'CRON_DRIVEN';
      scheduling['cron'] = cron;
    }
  } else {
    if (strategy !== 'TIMER_DRIVEN') {
      note(`scheduling strategy ${strategy} is not supported by Sluice; timer-driven instead`);
    }
    const period = duration(nifi.schedulingPeriod, 'run schedule', note);
    if (period !== undefined) scheduling['period'] = period;
  }
  const tasks = nifi.concurrentlySchedulableTaskCount;
  if (tasks !== null && tasks !== undefined) {
    if (Number.isInteger(tasks) && tasks >= 1) scheduling['concurrentTasks'] = tasks;
    else note(`concurrent tasks ${tasks} is not a whole number of at least 1; 1 is used`);
  }
  const penalty = duration(nifi.penaltyDuration, 'penalty duration', note);
  if (penalty !== undefined) scheduling['penaltyDuration'] = penalty;
  const yieldDuration = duration(nifi.yieldDuration, 'yield duration', note);
  if (yieldDuration !== undefined) scheduling['yieldDuration'] = yieldDuration;
  if (nifi.bulletinLevel) {
    const level = BULLETIN_LEVELS[nifi.bulletinLevel];
    if (level === undefined) {
      note(`bulletin level ${nifi.bulletinLevel} is unknown; WARN is used`);
    } else {
      if (level !== nifi.bulletinLevel) {
        note(`bulletin level ${nifi.bulletinLevel} does not exist in Sluice; ${level} is used`);
      }
      scheduling['bulletinLevel'] = level;
    }
  }
  return scheduling as SchedulingInput;
}

/**
 * NiFi's Quartz cron (6 or 7 fields, seconds first) → Sluice's (5 or 6). A 7th field (the year)
 * can only be dropped when it means "every year".
 */
function cronExpression(text: string, note: (reason: string) => void): string | undefined {
  const fields = text
    .trim()
    .split(/\s+/)
    .filter((f) => f !== '');
  if (fields.length === 5 || fields.length === 6) return fields.join(' ');
  if (fields.length === 7 && ['*', '?'].includes(fields[6]!)) {
    note(
      `cron expression '${text}': the year field '${fields[6]}' was dropped (Sluice reads 5 or 6 fields)`,
    );
    return fields.slice(0, 6).join(' ');
  }
  note(`cron expression '${text}' cannot be read by Sluice (5 or 6 fields); timer-driven instead`);
  return undefined;
}

/** NiFi's scheduled state → Sluice's saved state; ENABLED is NiFi's "stopped". */
function convertState(
  state: string | null | undefined,
  note: (reason: string) => void,
): ProcessorInput['state'] {
  switch (state) {
    case 'RUNNING':
      return 'RUNNING';
    case 'DISABLED':
      return 'DISABLED';
    case 'ENABLED':
    case null:
    case undefined:
      return 'STOPPED';
    default:
      note(`scheduled state ${state} is unknown; imported stopped`);
      return 'STOPPED';
  }
}
