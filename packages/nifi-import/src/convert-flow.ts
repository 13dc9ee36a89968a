import {
  formatJsonPath,
  ROOT_PATH,
  safeParseFlowDocument,
  type FlowDocument,
  type FlowDocumentInput,
  type FlowIssue,
  type JsonPathSegment,
} from '@sluice/flow-schema';
import { convertConnections } from './convert-connection.js';
import { convertParameterContexts, parameterContextId } from './convert-parameters.js';
import { convertProcessor, type ProcessorInput } from './convert-processor.js';
import { flattenGroups, pathOf, placedPosition, type FlatFlow } from './flatten.js';
import type { ImportReportLine } from './import-report.js';
import { nifiFlowDefinitionSchema, type NiFiFlowDefinition } from './nifi-schema.js';
import type { ProcessorCatalog } from './processor-catalog.js';
import { relationshipsOf } from './processor-catalog.js';

/** Options of {@link convertNiFiFlow}. */
export interface ConvertOptions {
  /** The Sluice flow id (default: the NiFi root group's identifier). */
  readonly flowId?: string;
  /** The flow name (default: the registry flow's name, else the root group's). */
  readonly name?: string;
}

/** The outcome of a conversion: a valid Sluice document and the report, or every issue by path. */
export type NiFiConversion =
  | {
      readonly ok: true;
      readonly document: FlowDocument;
      readonly report: readonly ImportReportLine[];
    }
  | {
      readonly ok: false;
      readonly issues: readonly FlowIssue[];
      readonly report: readonly ImportReportLine[];
    };

/** Deeper nesting than this is refused before parsing, so a hostile file cannot exhaust the stack. */
const MAX_GROUP_DEPTH = 100;

type LabelInput = NonNullable<FlowDocumentInput['flow']['labels']>[number];

/**
 * Whether a parsed JSON value is a NiFi flow definition: an object with a `flowContents` object
 * (a "Download flow definition" file or a registry snapshot), possibly wrapped in
 * `versionedFlowSnapshot` as NiFi's upload API takes it.
 */
export function isNiFiFlowDefinition(value: unknown): boolean {
  const inner = unwrap(value);
  return isObject(inner) && isObject(inner['flowContents']);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function unwrap(value: unknown): unknown {
  return isObject(value) && isObject(value['versionedFlowSnapshot'])
    ? value['versionedFlowSnapshot']
    : value;
}

/** The depth of nested `processGroups`, counted without recursion. */
function groupDepth(root: unknown): number {
  let deepest = 0;
  const pending: [unknown, number][] = [[root, 1]];
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    const [group, depth] = next;
    deepest = Math.max(deepest, depth);
    if (depth > MAX_GROUP_DEPTH) break;
    const children = isObject(group) ? group['processGroups'] : undefined;
    if (Array.isArray(children)) for (const child of children) pending.push([child, depth + 1]);
  }
  return deepest;
}

/**
 * Converts a NiFi 2 flow definition (parsed JSON) into a Sluice flow document. Pure: nothing is
 * read or written. Processors map to the Sluice type of the same simple name from `catalog`,
 * properties by NiFi property name (Sluice's display name); nested process groups are flattened
 * onto one canvas and ports and funnels joined away. Whatever cannot be mapped is left out and
 * reported. The result is validated by flow-schema; it never throws for bad input.
 */
export function convertNiFiFlow(
  input: unknown,
  catalog: ProcessorCatalog,
  options: ConvertOptions = {},
): NiFiConversion {
  const raw = unwrap(input);
  if (!isObject(raw) || !isObject(raw['flowContents'])) {
    return refuse([
      {
        path: ROOT_PATH,
        message: 'not a NiFi flow definition: expected an object with flowContents',
      },
    ]);
  }
  if (groupDepth(raw['flowContents']) > MAX_GROUP_DEPTH) {
    return refuse([
      {
        path: 'flowContents',
        message: `process groups are nested more than ${MAX_GROUP_DEPTH} deep; refused`,
      },
    ]);
  }
  const parsed = nifiFlowDefinitionSchema.safeParse(raw);
  if (!parsed.success) {
    return refuse(
      parsed.error.issues.map((issue) => ({
        path: formatJsonPath(issue.path as JsonPathSegment[]),
        message: issue.message,
      })),
    );
  }
  const report: ImportReportLine[] = [];
  const candidate = buildDocument(parsed.data, catalog, options, report);
  const result = safeParseFlowDocument(candidate);
  return result.ok
    ? { ok: true, document: result.document, report }
    : { ok: false, issues: result.error.issues, report };
}

function refuse(issues: FlowIssue[]): NiFiConversion {
  return { ok: false, issues, report: [] };
}

function buildDocument(
  definition: NiFiFlowDefinition,
  catalog: ProcessorCatalog,
  options: ConvertOptions,
  report: ImportReportLine[],
): FlowDocumentInput {
  const root = definition.flowContents;
  const flat = flattenGroups(root);
  reportUnmapped(definition, flat, report);

  const processors: ProcessorInput[] = [];
  const relationships = new Map<string, ReadonlySet<string>>();
  const skipped = new Set<string>();
  for (const placed of flat.processors) {
    const converted = convertProcessor(placed, catalog, report);
    if (converted === undefined) {
      skipped.add(placed.item.identifier);
      continue;
    }
    processors.push(converted.config);
    const properties = (converted.config.properties ?? {}) as Record<string, string>;
    relationships.set(
      placed.item.identifier,
      new Set(relationshipsOf(converted.definition, properties)),
    );
  }
  const connections = convertConnections(flat, { relationships, skipped }, report);
  const labels: LabelInput[] = flat.labels.map((placed) => {
    const { item: label } = placed;
    const style = label.style ?? {};
    const fontSize = Number.parseFloat(style['font-size'] ?? '');
    const background = style['background-color'];
    return {
      id: label.identifier,
      text: label.label ?? '',
      position: placedPosition(label.position, placed.group),
      size: {
        width: label.width && label.width > 0 ? label.width : 150,
        height: label.height && label.height > 0 ? label.height : 150,
      },
      ...(background || fontSize > 0
        ? {
            style: {
              ...(background ? { background } : {}),
              ...(fontSize > 0 ? { fontSize } : {}),
            },
          }
        : {}),
    };
  });

  const contexts = definition.parameterContexts ?? {};
  const parameterContexts = convertParameterContexts(contexts, report);
  const boundName = root.parameterContextName ?? undefined;
  const bound = boundName === undefined ? undefined : contexts[boundName];
  if (boundName !== undefined && bound === undefined) {
    report.push({
      path: 'flowContents.parameterContextName',
      kind: 'parameter context',
      name: boundName,
      reason:
        'the definition does not hold this parameter context; #{...} references stay unresolved',
    });
  }
  for (const group of flat.nestedGroups) {
    if (group.parameterContextName !== undefined && group.parameterContextName !== boundName) {
      report.push({
        path: formatJsonPath([...group.path, 'parameterContextName']),
        kind: 'process group',
        id: group.identifier,
        name: group.name,
        reason: `used parameter context '${group.parameterContextName}'; after flattening, its processors resolve parameters in the flow's context${boundName === undefined ? ' (none)' : ` '${boundName}'`}`,
      });
    }
  }

  return {
    schemaVersion: 1,
    flow: {
      id: options.flowId ?? root.identifier,
      name: options.name ?? definition.flow?.name ?? root.name ?? 'Imported NiFi flow',
      ...(root.comments ? { description: root.comments } : {}),
      ...(bound !== undefined && boundName !== undefined
        ? { parameterContextId: parameterContextId(boundName, bound) }
        : {}),
      processors,
      connections,
      labels,
      controllerServices: [],
      parameterContexts,
    },
  };
}

/** Report lines for whole components Sluice has no place for. */
function reportUnmapped(
  definition: NiFiFlowDefinition,
  flat: FlatFlow,
  report: ImportReportLine[],
): void {
  for (const group of flat.nestedGroups) {
    report.push({
      path: formatJsonPath(group.path),
      kind: 'process group',
      id: group.identifier,
      name: group.name,
      reason:
        "Sluice has no process groups: its components were placed on the flow's canvas at the group's position, their names prefixed with the group's",
    });
  }
  for (const placed of flat.passThrough.values()) {
    report.push({
      path: pathOf(placed),
      kind: placed.kind,
      id: placed.item.identifier,
      name: placed.item.name ?? undefined,
      reason: `Sluice has no ${placed.kind}s: connections through it became direct connections between the processors it joined; the others were dropped`,
    });
  }
  for (const placed of flat.remoteProcessGroups) {
    report.push({
      path: pathOf(placed),
      kind: 'remote process group',
      id: placed.item.identifier,
      name: placed.item.name ?? undefined,
      reason: 'Sluice has no site-to-site; skipped, with its connections',
    });
  }
  for (const placed of flat.controllerServices) {
    report.push({
      path: pathOf(placed),
      kind: 'controller service',
      id: placed.item.identifier,
      name: placed.item.name ?? undefined,
      reason: `Sluice has no controller service of type ${placed.item.type ?? 'unknown'}; skipped`,
    });
  }
  for (const [name, service] of Object.entries(definition.externalControllerServices ?? {})) {
    report.push({
      path: formatJsonPath(['externalControllerServices', name]),
      kind: 'controller service',
      name: isObject(service) && typeof service['name'] === 'string' ? service['name'] : name,
      reason: 'a controller service outside the flow; Sluice has none to reference, skipped',
    });
  }
  for (const name of Object.keys(definition.parameterProviders ?? {})) {
    report.push({
      path: formatJsonPath(['parameterProviders', name]),
      kind: 'parameter provider',
      name,
      reason: 'Sluice has no parameter providers; skipped',
    });
  }
}
