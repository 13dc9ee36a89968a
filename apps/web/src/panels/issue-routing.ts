/** A validation issue as the server (or the browser) reports it. */
export interface Issue {
  /** A property key, `scheduling.<field>`, `dynamic:<row id>`, or absent for the whole processor. */
  readonly property?: string;
  readonly message: string;
}

const RELATIONSHIP = /^Relationship '(.+)' is not connected/;

/**
 * The field an issue belongs under: its property, or `relationship:<name>` for a relationship
 * that is neither connected nor auto-terminated (the server names it only in the message), so
 * the checkbox that fixes it shows the problem too. Undefined: the issue is only in the list.
 */
export function fieldOf(issue: Issue): string | undefined {
  if (issue.property !== undefined) return issue.property;
  const relationship = RELATIONSHIP.exec(issue.message)?.[1];
  return relationship === undefined ? undefined : `relationship:${relationship}`;
}

/** The messages of each field, in the order the issues came. */
export function issuesByField(issues: readonly Issue[]): ReadonlyMap<string, readonly string[]> {
  const byField = new Map<string, string[]>();
  for (const issue of issues) {
    const field = fieldOf(issue);
    if (field === undefined) continue;
    const messages = byField.get(field) ?? [];
    messages.push(issue.message);
    byField.set(field, messages);
  }
  return byField;
}

/**
 * A dynamic property's server issues are keyed by its name; the form keys rows by id (a name can
 * be empty or repeated while it is typed), so server keys are moved to the row that has the name.
 */
export function dynamicFieldKey(
  property: string,
  rows: readonly { readonly id: number; readonly name: string }[],
): string {
  const row = rows.findLast((r) => r.name === property);
  return row ? `dynamic:${row.id}` : property;
}
