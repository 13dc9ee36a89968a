/** One problem of a refused flow file: where it is (a JSON path, `$` for the whole file) and what. */
export interface ImportIssue {
  readonly path: string;
  readonly message: string;
}

/** Why the server refused a flow file: every issue it listed, and its message as a fallback. */
export interface ImportRefusal {
  readonly message: string;
  readonly issues: readonly ImportIssue[];
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

function isIssue(value: unknown): value is ImportIssue {
  return (
    isRecord(value) && typeof value['path'] === 'string' && typeof value['message'] === 'string'
  );
}

/**
 * The refusal in a failed `flows.import`, or null when the failure is not about the file (the
 * server unreachable, an internal error), which is reported like any failed action instead.
 * A refusal is a BAD_REQUEST; its issues are in `error.data.issues` (see the server's error
 * formatter), read defensively since the client only types the default error shape.
 */
export function importRefusal(error: unknown): ImportRefusal | null {
  if (!(error instanceof Error)) return null;
  const data: unknown = (error as { data?: unknown }).data;
  if (!isRecord(data) || data['code'] !== 'BAD_REQUEST') return null;
  const issues = Array.isArray(data['issues']) ? data['issues'].filter(isIssue) : [];
  return {
    message: error.message,
    issues: issues.map((issue) => ({ path: issue.path, message: issue.message })),
  };
}
