import type { JSX } from 'react';
import type { Issue } from './issue-routing.js';

/** Props of {@link IssueList}. */
export interface IssueListProps {
  readonly issues: readonly Issue[];
  /** True while a newer draft is being checked: the list may be about to change. */
  readonly busy: boolean;
}

/**
 * Every problem of the draft in one list (one item per issue), so nothing is missed in a long
 * form; absent when there is none, so "valid" needs no words.
 */
export function IssueList({ issues, busy }: IssueListProps): JSX.Element | null {
  if (issues.length === 0) return null;
  return (
    <section className="panel-issues" aria-label="Validation errors" aria-busy={busy}>
      <h3 className="panel-issues-title">
        {issues.length === 1 ? '1 problem' : `${issues.length} problems`}
      </h3>
      <ul data-testid="validation-errors" aria-live="polite">
        {issues.map((issue, i) => (
          <li key={`${i}:${issue.message}`}>{issue.message}</li>
        ))}
      </ul>
    </section>
  );
}
