import { z } from 'zod';

/** What Elasticsearch said about one document of a `_bulk` request (the item's inner object). */
const bulkItemResult = z.looseObject({
  _index: z.string().optional(),
  _id: z.string().nullish(),
  status: z.number(),
  result: z.string().optional(),
  error: z.unknown().optional(),
});

/** A `_bulk` response: one item per operation, in request order, keyed by the action. */
const bulkResponse = z.looseObject({
  errors: z.boolean(),
  items: z.array(z.record(z.string(), bulkItemResult)),
});

/** One document's outcome, as the processor routes it. */
export type DocumentOutcome =
  | { readonly kind: 'successful' }
  | {
      /** The cluster refused the document for load (per-item HTTP 429 or 503): send it again later. */
      readonly kind: 'retry' | 'error';
      /** The item as Elasticsearch returned it (NiFi's `elasticsearch.bulk.error`). */
      readonly item: Readonly<Record<string, unknown>>;
      readonly status: number;
      readonly type: string;
      readonly reason: string;
    };

/** Per-item statuses a later attempt may get past: the shard or the node was busy or missing. */
const RETRYABLE_ITEM_STATUSES = new Set([429, 503]);

/**
 * Reads a `_bulk` response into one outcome per operation sent, in order. Throws with a readable
 * message when the body is not a bulk response for `expected` operations (e.g. a `filter_path`
 * URL parameter cut it down), since the documents' fate is then unknown.
 */
export function documentOutcomes(
  body: unknown,
  expected: number,
  notFoundIsSuccessful: boolean,
): DocumentOutcome[] {
  const allSuccessful = successfulOutcomes(body, expected, notFoundIsSuccessful);
  if (allSuccessful) return allSuccessful;
  const parsed = bulkResponse.safeParse(body);
  if (!parsed.success) {
    throw new Error(
      `Elasticsearch answered the bulk request with something that is not a bulk response: ${z.prettifyError(parsed.error)}`,
    );
  }
  const items = parsed.data.items;
  if (items.length !== expected) {
    throw new Error(
      `Elasticsearch answered ${items.length} items for a bulk request of ${expected} operations`,
    );
  }
  return items.map((entry) => {
    const item = Object.values(entry)[0];
    if (item === undefined) throw new Error('Elasticsearch answered an empty bulk item');
    if (item.error !== undefined) {
      const { type, reason } = errorText(item.error);
      const kind = RETRYABLE_ITEM_STATUSES.has(item.status) ? 'retry' : 'error';
      return { kind, item, status: item.status, type, reason };
    }
    if (item.result === 'not_found' && !notFoundIsSuccessful) {
      return {
        kind: 'error',
        item,
        status: item.status,
        type: 'not_found',
        reason: `document [${item._id ?? ''}] was not found in index [${item._index ?? ''}]`,
      };
    }
    return { kind: 'successful' };
  });
}

const SUCCESSFUL: DocumentOutcome = { kind: 'successful' };

/**
 * The common answer, `errors: false` with one well-formed item per operation, checked without
 * the schema (it costs more than the rest of the routing for a large batch); undefined for
 * anything else, which {@link documentOutcomes} reads with the schema.
 */
function successfulOutcomes(
  body: unknown,
  expected: number,
  notFoundIsSuccessful: boolean,
): DocumentOutcome[] | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  const { errors, items } = body as { errors?: unknown; items?: unknown };
  if (errors !== false || !Array.isArray(items) || items.length !== expected) return undefined;
  for (const entry of items as unknown[]) {
    if (typeof entry !== 'object' || entry === null) return undefined;
    let item: unknown;
    for (const key in entry) {
      item = (entry as Record<string, unknown>)[key];
      break;
    }
    if (typeof item !== 'object' || item === null) return undefined;
    const { status, error, result } = item as {
      status?: unknown;
      error?: unknown;
      result?: unknown;
    };
    if (typeof status !== 'number' || error !== undefined) return undefined;
    if (result === 'not_found' && !notFoundIsSuccessful) return undefined;
  }
  return new Array<DocumentOutcome>(expected).fill(SUCCESSFUL);
}

/** The error's type and reason, with the innermost `caused_by` reason when there is one. */
function errorText(error: unknown): { type: string; reason: string } {
  if (typeof error === 'string') return { type: 'error', reason: error };
  const {
    type,
    reason,
    caused_by: causedBy,
  } = (error ?? {}) as {
    type?: unknown;
    reason?: unknown;
    caused_by?: unknown;
  };
  const typeText = typeof type === 'string' ? type : 'error';
  let reasonText = typeof reason === 'string' ? reason : JSON.stringify(error);
  const cause = innermostReason(causedBy);
  if (cause !== undefined && cause !== reasonText) reasonText = `${reasonText}: ${cause}`;
  return { type: typeText, reason: reasonText };
}

function innermostReason(cause: unknown): string | undefined {
  let reason: string | undefined;
  for (let at = cause, depth = 0; at && typeof at === 'object' && depth < 10; depth++) {
    const next = at as { reason?: unknown; caused_by?: unknown };
    if (typeof next.reason === 'string') reason = next.reason;
    at = next.caused_by;
  }
  return reason;
}
