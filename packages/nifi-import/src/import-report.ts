/** The kinds of NiFi component a report line can be about. */
export type NiFiComponentKind =
  | 'flow'
  | 'process group'
  | 'processor'
  | 'property'
  | 'connection'
  | 'label'
  | 'funnel'
  | 'input port'
  | 'output port'
  | 'remote process group'
  | 'controller service'
  | 'parameter context'
  | 'parameter'
  | 'parameter provider';

/**
 * One thing the import could not carry over as it was: what (kind, NiFi id and name), where in
 * the NiFi document (a JSON path), and why, in words a person can act on.
 */
export interface ImportReportLine {
  /** Where in the input, e.g. `flowContents.processors[2].properties["Owner"]`. */
  readonly path: string;
  readonly kind: NiFiComponentKind;
  /** The NiFi identifier of the component, when it has one. */
  readonly id?: string;
  /** The NiFi name of the component (or the property or parameter name). */
  readonly name?: string;
  readonly reason: string;
}

/** A report line as one line of text: `path: kind 'name' (id): reason`. */
export function formatReportLine(line: ImportReportLine): string {
  const name = line.name === undefined ? '' : ` '${line.name}'`;
  const id = line.id === undefined ? '' : ` (${line.id})`;
  return `${line.path}: ${line.kind}${name}${id}: ${line.reason}`;
}
