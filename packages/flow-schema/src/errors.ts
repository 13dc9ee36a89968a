/** One problem found in a flow document, located by a JSON path such as `flow.processors[2].id`. */
export interface FlowIssue {
  /** Where the problem is, e.g. `flow.connections[0].destination.id`; `$` is the whole document. */
  readonly path: string;
  /** What is wrong, in words a person editing the flow can act on. */
  readonly message: string;
}

/**
 * Thrown (or returned by the safe variants) when a flow document cannot be accepted.
 *
 * It carries every issue found, not just the first, so one round of editing can fix them all;
 * its message lists them as `path: message` lines below a one-line summary.
 */
export class FlowValidationError extends Error {
  /** A stable code for callers that map errors to API responses. */
  readonly code = 'FLOW_VALIDATION_FAILED';
  /** Every problem found, in document order where that order is known. */
  readonly issues: readonly FlowIssue[];

  constructor(issues: readonly FlowIssue[]) {
    super(formatFlowIssues(issues));
    this.name = 'FlowValidationError';
    this.issues = issues;
  }
}

/** Formats issues as a summary line followed by one `path: message` line per issue. */
export function formatFlowIssues(issues: readonly FlowIssue[]): string {
  const count = issues.length === 1 ? '1 problem' : `${issues.length} problems`;
  return [
    `Invalid flow document (${count}):`,
    ...issues.map((issue) => `${issue.path}: ${issue.message}`),
  ].join('\n');
}
