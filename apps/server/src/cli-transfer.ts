import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { ProcessorRegistry } from '@sluice/engine';
import { safeParseFlowDocument } from '@sluice/flow-schema';
import { formatReportLine } from '@sluice/nifi-import';
import { exportFlow } from './flows/flow-export.js';
import { prepareImport } from './flows/flow-import.js';
import { FlowStore } from './flows/flow-store.js';
import { formatIssues } from './load-flow.js';

/** What `sluice export` reads and where it writes. */
export interface ExportArgs {
  /** A flow file; or, with `flowId`, the flow saved in `dataDir`. */
  readonly file: string | undefined;
  readonly flowId: string | undefined;
  readonly dataDir: string;
  /** The output file; stdout when undefined. */
  readonly out: string | undefined;
}

/** `sluice export`: a flow as its deterministic JSON, without secrets; returns the exit code. */
export async function exportCommand(
  args: ExportArgs,
  registry: ProcessorRegistry,
): Promise<number> {
  if ((args.file === undefined) === (args.flowId === undefined)) {
    console.error('sluice export takes a flow file or --flow-id <id>, not both');
    return 2;
  }
  if (args.flowId !== undefined && !FlowStore.isSafeId(args.flowId)) {
    console.error(`'${args.flowId}' is not a flow id`);
    return 2;
  }
  const source = args.file ?? path.join(args.dataDir, 'flows', `${args.flowId}.json`);
  const text = await readText(source);
  if (text === undefined) return 1;
  const parsed = safeParseFlowDocument(text);
  if (!parsed.ok) {
    console.error(formatIssues(source, parsed.error.issues));
    return 1;
  }
  const { json } = exportFlow(parsed.document, registry);
  if (args.out === undefined) {
    process.stdout.write(json);
  } else {
    await writeFile(args.out, json, 'utf8');
    process.stdout.write(`exported '${parsed.document.flow.name}' to ${args.out}\n`);
  }
  return 0;
}

/** What `sluice import` reads and where it saves. */
export interface ImportArgs {
  readonly file: string;
  readonly dataDir: string;
  readonly name: string | undefined;
}

/**
 * `sluice import`: a Sluice flow or a NiFi 2 flow definition, validated and saved as a new flow
 * under `<dataDir>/flows/`; prints what the import could not carry over. Returns the exit code.
 */
export async function importCommand(
  args: ImportArgs,
  registry: ProcessorRegistry,
): Promise<number> {
  const text = await readText(args.file);
  if (text === undefined) return 1;
  const prepared = prepareImport(text, registry, { name: args.name });
  if (!prepared.ok) {
    console.error(formatIssues(args.file, prepared.issues));
    return 1;
  }
  const store = new FlowStore(path.join(args.dataDir, 'flows'), registry);
  await store.save(prepared.document);
  const { flow } = prepared.document;
  const saved = path.join(store.dir, `${flow.id}.json`);
  const format = prepared.format === 'nifi' ? 'NiFi flow definition' : 'Sluice flow';
  process.stdout.write(`imported ${format} '${flow.name}' as flow ${flow.id}: ${saved}\n`);
  for (const line of prepared.report) process.stdout.write(`  note: ${formatReportLine(line)}\n`);
  return 0;
}

async function readText(file: string): Promise<string | undefined> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    console.error(`${file}: $: cannot read ${file}: ${reason}`);
    return undefined;
  }
}
