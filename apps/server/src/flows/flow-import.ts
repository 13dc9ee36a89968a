import { randomUUID } from 'node:crypto';
import type { ProcessorRegistry } from '@sluice/engine';
import {
  formatJsonPath,
  parseFlowDocument,
  safeParseFlowDocument,
  type FlowDocument,
  type FlowIssue,
} from '@sluice/flow-schema';
import { convertNiFiFlow, isNiFiFlowDefinition, type ImportReportLine } from '@sluice/nifi-import';

/** The largest flow file an import reads. */
export const MAX_IMPORT_BYTES = 10 * 1024 * 1024;

/** Options of {@link prepareImport}. */
export interface ImportOptions {
  /** The new flow's name (default: the document's). */
  readonly name?: string | undefined;
  /** The new flow's id (default: a random UUID, so importing twice gives two flows). */
  readonly flowId?: string | undefined;
}

/** What an import will create (with the report of what it changed), or why it cannot. */
export type PreparedImport =
  | {
      readonly ok: true;
      readonly format: 'sluice' | 'nifi';
      readonly document: FlowDocument;
      readonly report: readonly ImportReportLine[];
    }
  | { readonly ok: false; readonly issues: readonly FlowIssue[] };

/**
 * Reads a flow file for import: a Sluice flow document or a NiFi 2 flow definition (converted by
 * `@sluice/nifi-import`). The result gets a new id; processors saved RUNNING come in stopped, so
 * an import never starts moving files by itself. Every problem is listed with its JSON path;
 * unknown processor types are problems. Never throws for bad input.
 */
export function prepareImport(
  text: string,
  registry: ProcessorRegistry,
  options: ImportOptions = {},
): PreparedImport {
  const bytes = Buffer.byteLength(text, 'utf8');
  if (bytes > MAX_IMPORT_BYTES) {
    return refuse(
      `the flow file is ${megabytes(bytes)}; an import takes at most ${megabytes(MAX_IMPORT_BYTES)}`,
    );
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text.startsWith('\uFEFF') ? text.slice(1) : text);
  } catch {
    // flow-schema locates the syntax error by line and column.
    const parsed = safeParseFlowDocument(text);
    return parsed.ok ? refuse('invalid JSON') : { ok: false, issues: parsed.error.issues };
  }
  const flowId = options.flowId ?? randomUUID();
  const name = options.name?.trim() || undefined;
  let format: 'sluice' | 'nifi';
  let document: FlowDocument;
  const report: ImportReportLine[] = [];
  if (isNiFiFlowDefinition(raw)) {
    const converted = convertNiFiFlow(raw, registry, { flowId, ...(name ? { name } : {}) });
    if (!converted.ok) return { ok: false, issues: converted.issues };
    format = 'nifi';
    document = converted.document;
    report.push(...converted.report);
  } else {
    const parsed = safeParseFlowDocument(raw);
    if (!parsed.ok) return { ok: false, issues: parsed.error.issues };
    const unknown = unknownTypes(parsed.document, registry);
    if (unknown.length > 0) return { ok: false, issues: unknown };
    format = 'sluice';
    document = parsed.document;
  }
  const running = document.flow.processors.filter((p) => p.state === 'RUNNING');
  if (running.length > 0) {
    report.push({
      path: 'flow.processors',
      kind: 'flow',
      name: document.flow.name,
      reason: `${running.length} processor(s) were saved running (${running.map((p) => p.name).join(', ')}); imported stopped, start them when ready`,
    });
  }
  return {
    ok: true,
    format,
    report,
    document: parseFlowDocument({
      schemaVersion: document.schemaVersion,
      flow: {
        ...document.flow,
        id: flowId,
        name: name ?? document.flow.name,
        processors: document.flow.processors.map((p) =>
          p.state === 'RUNNING' ? { ...p, state: 'STOPPED' as const } : p,
        ),
        // As NiFi: an imported flow's services start disabled (its secrets are not in the file).
        controllerServices: document.flow.controllerServices.map((s) => ({
          ...s,
          state: 'DISABLED' as const,
        })),
      },
    }),
  };
}

function unknownTypes(document: FlowDocument, registry: ProcessorRegistry): FlowIssue[] {
  const known = registry
    .list()
    .map((d) => d.type)
    .join(', ');
  const knownServices = registry
    .listServices()
    .map((d) => d.type)
    .join(', ');
  return [
    ...document.flow.processors.flatMap((processor, index) =>
      registry.get(processor.type)
        ? []
        : [
            {
              path: formatJsonPath(['flow', 'processors', index, 'type']),
              message: `Unknown processor type '${processor.type}' (known types: ${known})`,
            },
          ],
    ),
    ...document.flow.controllerServices.flatMap((service, index) =>
      registry.service(service.type)
        ? []
        : [
            {
              path: formatJsonPath(['flow', 'controllerServices', index, 'type']),
              message: `Unknown controller service type '${service.type}' (known types: ${knownServices})`,
            },
          ],
    ),
  ];
}

function refuse(message: string): PreparedImport {
  return { ok: false, issues: [{ path: '$', message }] };
}

function megabytes(bytes: number): string {
  return `${Math.round((bytes / 1024 / 1024) * 10) / 10} MB`;
}
