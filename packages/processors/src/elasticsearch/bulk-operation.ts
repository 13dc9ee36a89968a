/** NiFi's Index Operations; `upsert` is a bulk `update` with `doc_as_upsert`. */
export const INDEX_OPERATIONS = ['index', 'create', 'update', 'upsert', 'delete'] as const;

/** One of {@link INDEX_OPERATIONS}. */
export type IndexOperation = (typeof INDEX_OPERATIONS)[number];

/** One document's part of a `_bulk` request. */
export interface BulkOperation {
  readonly operation: IndexOperation;
  readonly index: string;
  /** The document id; Elasticsearch generates one for `index` and `create` without it. */
  readonly id: string | undefined;
  /** Extra action metadata (NiFi's `BULK:` dynamic properties), e.g. `routing` or `pipeline`. */
  readonly headerFields: Readonly<Record<string, string>>;
  /** The document as JSON text (a valid JSON object); unused for `delete`. */
  readonly document: string;
}

/** The Index Operation a value names (case-insensitive, as NiFi), or undefined. */
export function indexOperationOf(value: string): IndexOperation | undefined {
  const lower = value.trim().toLowerCase();
  return INDEX_OPERATIONS.find((operation) => operation === lower);
}

/** Operations that address an existing document, so they need its id. */
export function needsIdentifier(operation: IndexOperation): boolean {
  return operation === 'update' || operation === 'upsert' || operation === 'delete';
}

/**
 * The NDJSON lines of one operation: the action line, then (except for `delete`) the document
 * line. The document text is sent as written, not parsed and re-serialized, so numbers beyond
 * double precision, key order and every string stay exactly as in the flowfile. Line breaks can
 * only be white space between tokens in valid JSON (inside strings they must be escaped), so
 * turning them into spaces keeps the document identical while fitting it on one line.
 */
export function bulkLines(op: BulkOperation): string[] {
  // NiFi applies BULK: fields with putIfAbsent after _index and _id.
  const fields: [string, string][] = [['_index', op.index]];
  if (op.id !== undefined && op.id !== '') fields.push(['_id', op.id]);
  for (const [key, value] of Object.entries(op.headerFields)) {
    if (value.trim() !== '' && !fields.some(([taken]) => taken === key)) fields.push([key, value]);
  }
  // fromEntries defines own properties, so even a field named __proto__ is sent as written.
  const metadata = Object.fromEntries(fields);
  const operation = op.operation;
  switch (operation) {
    case 'index':
    case 'create':
      return [JSON.stringify({ [operation]: metadata }), oneLine(op.document)];
    case 'update':
      return [JSON.stringify({ update: metadata }), `{"doc":${oneLine(op.document)}}`];
    case 'upsert':
      return [
        JSON.stringify({ update: metadata }),
        `{"doc":${oneLine(op.document)},"doc_as_upsert":true}`,
      ];
    case 'delete':
      return [JSON.stringify({ delete: metadata })];
    default: {
      const exhaustive: never = operation;
      throw new Error(`Unknown Index Operation ${String(exhaustive)}`);
    }
  }
}

function oneLine(json: string): string {
  return json.replace(/[\r\n]+/g, ' ').trim();
}
