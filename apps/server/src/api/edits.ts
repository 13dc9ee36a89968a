import { randomUUID } from 'node:crypto';
import type { FlowEngine } from '@sluice/engine';
import {
  parseFlowDocument,
  type Flow,
  type FlowDocument,
  type Position,
} from '@sluice/flow-schema';
import { z } from 'zod';
import { applied, engineOf, notFound, type ApiContext } from './trpc.js';

/** A canvas position from the browser; rounded to whole pixels before it is saved. */
export const positionInput = z.object({ x: z.number().finite(), y: z.number().finite() });

/** One id or a non-empty list of ids. */
export const idsInput = z.union([z.string().min(1), z.array(z.string().min(1)).min(1).max(10_000)]);

/** The ids of an `idsInput`, as a list without duplicates. */
export function idList(ids: string | readonly string[]): string[] {
  return [...new Set(typeof ids === 'string' ? [ids] : ids)];
}

/** A position rounded to integers (what the serializer keeps anyway). */
export function rounded(position: Position): Position {
  return { x: Math.round(position.x) || 0, y: Math.round(position.y) || 0 };
}

/** A new component id. */
export function newId(): string {
  return randomUUID();
}

/**
 * The next document: the current flow with `change` applied, parsed again so that defaults are
 * filled in and every problem is reported with its JSON path (a FlowValidationError).
 */
export function nextDocument(
  current: FlowDocument,
  change: (flow: Flow) => Partial<Flow>,
): FlowDocument {
  return parseFlowDocument({
    schemaVersion: current.schemaVersion,
    flow: { ...current.flow, ...change(current.flow) },
  });
}

/** Applies an edit to a flow and saves it, or throws BAD_REQUEST with the engine's reasons. */
export async function edit(
  ctx: ApiContext,
  flowId: string,
  build: (current: FlowDocument) => FlowDocument,
): Promise<FlowEngine> {
  const engine = engineOf(ctx, flowId);
  applied(await ctx.workspace.edit(flowId, build));
  return engine;
}

/** Throws NOT_FOUND unless every id is among the flow's components of that kind. */
export function requireIds(
  kind: string,
  ids: readonly string[],
  known: readonly { id: string }[],
  flow: Flow,
): void {
  const have = new Set(known.map((c) => c.id));
  const missing = ids.find((id) => !have.has(id));
  if (missing !== undefined) throw notFound(kind, missing, flow.name);
}
