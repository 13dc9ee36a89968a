import { readFile } from 'node:fs/promises';
import { validateFlow, type ProcessorRegistry } from '@sluice/engine';
import type { FlowDocument, FlowIssue } from '@sluice/flow-schema';

/** A flow file read and validated: the document (when it parsed) and every issue by JSON path. */
export interface LoadedFlow {
  readonly path: string;
  readonly document: FlowDocument | undefined;
  readonly issues: readonly FlowIssue[];
}

/** Reads a flow JSON file and validates it against the registry; never throws for bad content. */
export async function loadFlow(file: string, registry: ProcessorRegistry): Promise<LoadedFlow> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return {
      path: file,
      document: undefined,
      issues: [{ path: '$', message: `cannot read ${file}: ${reason}` }],
    };
  }
  const result = validateFlow(text, registry);
  return result.ok
    ? { path: file, document: result.document, issues: [] }
    : { path: file, document: result.document, issues: result.issues };
}

/** Formats issues one per line as `file: path: message`. */
export function formatIssues(file: string, issues: readonly FlowIssue[]): string {
  return issues.map((issue) => `${file}: ${issue.path}: ${issue.message}`).join('\n');
}
