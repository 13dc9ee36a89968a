import { FlowValidationError, type FlowIssue } from './errors.js';
import { findDuplicateIds } from './duplicates.js';
import { findDanglingReferences } from './graph.js';
import { ROOT_PATH } from './json-path.js';
import { findJsonSyntaxProblem } from './json-syntax.js';
import { migrateFlowDocument } from './migrations.js';
import { flowDocumentSchema, type FlowDocument } from './schema.js';
import { flowErrorMap, flowIssuesFromZod } from './zod-issues.js';

/** The outcome of {@link safeParseFlowDocument}: the document, or the error listing every issue. */
export type SafeParseFlowResult =
  | { readonly ok: true; readonly document: FlowDocument }
  | { readonly ok: false; readonly error: FlowValidationError };

/** Parses JSON text, turning a syntax error into an issue that gives the line and column. */
function parseJsonText(text: string): unknown {
  // A byte order mark is common in files saved by Windows editors and is not a JSON error.
  const body = text.startsWith('\uFEFF') ? text.slice(1) : text;
  try {
    return JSON.parse(body);
  } catch (error) {
    const problem = findJsonSyntaxProblem(body);
    const message =
      problem === undefined
        ? `invalid JSON: ${error instanceof Error ? error.message : String(error)}`
        : `invalid JSON at line ${problem.line}, column ${problem.column}: ${problem.message}`;
    throw new FlowValidationError([{ path: ROOT_PATH, message }]);
  }
}

/**
 * Parses a flow document: JSON text or an already-parsed value. It migrates older schema
 * versions, validates against the schema (applying defaults), then checks references: ids unique
 * across the flow, connection ends that name existing processors, and a `parameterContextId`
 * that names an existing context.
 *
 * Every issue of a stage is collected. Reference checks need a well-formed flow, so they run
 * only once the schema accepts the document.
 *
 * @throws FlowValidationError listing every issue, each with its JSON path.
 */
export function parseFlowDocument(input: unknown): FlowDocument {
  const raw = typeof input === 'string' ? parseJsonText(input) : input;
  const migrated = migrateFlowDocument(raw);
  const result = flowDocumentSchema.safeParse(migrated, { error: flowErrorMap });
  if (!result.success) {
    throw new FlowValidationError(flowIssuesFromZod(result.error.issues));
  }
  const referenceIssues: FlowIssue[] = [
    ...findDuplicateIds(result.data.flow),
    ...findDanglingReferences(result.data.flow),
  ];
  if (referenceIssues.length > 0) throw new FlowValidationError(referenceIssues);
  return result.data;
}

/**
 * Like {@link parseFlowDocument}, but returns the validation error instead of throwing it.
 * Errors other than validation errors (bugs) still propagate.
 */
export function safeParseFlowDocument(input: unknown): SafeParseFlowResult {
  try {
    return { ok: true, document: parseFlowDocument(input) };
  } catch (error) {
    if (error instanceof FlowValidationError) return { ok: false, error };
    throw error;
  }
}
