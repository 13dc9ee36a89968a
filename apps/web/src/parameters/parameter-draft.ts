import type { ApiInputs, ApiOutputs } from '../api/types.js';

/** The parameters of a flow as the server shows them (sensitive values only as set / not set). */
export type ParametersView = ApiOutputs['parameters']['get'];
/** What `parameters.save` takes. */
export type ParametersInput = ApiInputs['parameters']['save'];

/** One parameter being edited. A sensitive value is write-only: typed, sent once, never shown. */
export interface ParameterRow {
  /** A local key for React; parameters are identified by name, which the user may change. */
  readonly key: string;
  readonly name: string;
  readonly sensitive: boolean;
  readonly description: string;
  /** The plain value, or the new secret typed (empty = keep the saved one). */
  readonly value: string;
  /** Whether the server holds a secret value for this parameter as saved. */
  readonly secretSet: boolean;
}

/** One parameter context being edited. */
export interface ContextDraft {
  readonly id: string;
  readonly name: string;
  readonly description: string;
  readonly rows: readonly ParameterRow[];
}

/** The whole dialog's draft: every context and which one the flow is bound to. */
export interface ParametersDraft {
  readonly contexts: readonly ContextDraft[];
  readonly boundContextId: string | null;
}

let nextKey = 1;
/** A fresh local row key. */
export function rowKey(): string {
  return `row-${nextKey++}`;
}

/** The draft of what the server holds. */
export function draftOf(view: ParametersView): ParametersDraft {
  return {
    boundContextId: view.boundContextId,
    contexts: view.contexts.map((context) => ({
      id: context.id,
      name: context.name,
      description: context.description ?? '',
      rows: context.parameters.map((parameter) => ({
        key: rowKey(),
        name: parameter.name,
        sensitive: parameter.sensitive,
        description: parameter.description ?? '',
        value: typeof parameter.value === 'string' ? parameter.value : '',
        secretSet: typeof parameter.value === 'object' && parameter.value.set,
      })),
    })),
  };
}

/** An empty parameter row. */
export function emptyRow(): ParameterRow {
  return {
    key: rowKey(),
    name: '',
    sensitive: false,
    description: '',
    value: '',
    secretSet: false,
  };
}

/**
 * What to send: a sensitive row with nothing typed omits its value, so the server keeps the saved
 * secret; a row made sensitive sends what is typed (the plain value it had, unless replaced).
 */
export function saveInput(flowId: string, draft: ParametersDraft): ParametersInput {
  return {
    flowId,
    boundContextId: draft.boundContextId,
    contexts: draft.contexts.map((context) => ({
      id: context.id,
      name: context.name.trim(),
      ...(context.description.trim() ? { description: context.description.trim() } : {}),
      parameters: context.rows.map((row) => ({
        name: row.name.trim(),
        sensitive: row.sensitive,
        ...(row.description.trim() ? { description: row.description.trim() } : {}),
        ...(row.sensitive && row.value === '' ? {} : { value: row.value }),
      })),
    })),
  };
}

/** Problems the server would refuse, by row key (or context id), found before sending. */
export function draftProblems(draft: ParametersDraft): Map<string, string> {
  const problems = new Map<string, string>();
  for (const context of draft.contexts) {
    if (context.name.trim() === '') problems.set(context.id, 'A parameter context needs a name');
    const seen = new Set<string>();
    for (const row of context.rows) {
      const name = row.name.trim();
      if (name === '') problems.set(row.key, 'A parameter needs a name');
      else if (!/^[\p{L}\p{N} ._-]+$/u.test(name)) {
        problems.set(row.key, "Names may hold letters, digits, spaces, '.', '-' and '_'");
      } else if (seen.has(name)) problems.set(row.key, `'${name}' appears twice`);
      seen.add(name);
    }
  }
  return problems;
}
