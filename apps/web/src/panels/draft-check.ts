import { dynamicFieldKey, type Issue } from './issue-routing.js';
import type { ProcessorChange } from './processor-panel.js';
import { typedDynamicSecret, type LocalIssue, type ProcessorDraft } from './processor-draft.js';

/** The draft part of a processors.validateDraft request. */
export interface DraftCheck {
  properties?: Record<string, string | null>;
  sensitiveDynamicProperties?: string[];
  scheduling?: ProcessorChange['scheduling'];
  autoTerminatedRelationships: string[];
}

/** Whether the form holds a newly typed value for a secret, declared or dynamic. */
function typedSecret(draft: ProcessorDraft, key: string): boolean {
  return draft.secrets[key]?.mode === 'set' || typedDynamicSecret(draft, key);
}

/**
 * What is sent to be checked as you type: the pending change, except typed secrets. A query
 * travels in the URL, where a secret would land in logs and history; the server keeps the saved
 * value for an omitted secret, and the new one is checked when it is applied.
 */
export function draftCheck(change: ProcessorChange, draft: ProcessorDraft): DraftCheck {
  const properties = Object.fromEntries(
    Object.entries(change.properties ?? {}).filter(([key]) => !typedSecret(draft, key)),
  );
  return {
    ...(Object.keys(properties).length > 0 ? { properties } : {}),
    ...(change.sensitiveDynamicProperties
      ? { sensitiveDynamicProperties: [...change.sensitiveDynamicProperties] }
      : {}),
    ...(change.scheduling ? { scheduling: change.scheduling } : {}),
    autoTerminatedRelationships: [...draft.autoTerminated],
  };
}

/**
 * Every issue the form shows: the browser's own first, then the server's, with a dynamic
 * property's issue moved to its row, and none about a secret being replaced (the server judged
 * the saved value, which is on its way out).
 */
export function formIssues(
  local: readonly LocalIssue[],
  server: readonly Issue[],
  draft: ProcessorDraft,
): Issue[] {
  const declared = (key: string) => key in draft.values || key in draft.secrets;
  return [
    ...local,
    ...server.flatMap((issue): Issue[] => {
      const { property } = issue;
      if (property === undefined || property.startsWith('scheduling.')) return [issue];
      if (typedSecret(draft, property)) return [];
      return declared(property)
        ? [issue]
        : [{ ...issue, property: dynamicFieldKey(property, draft.dynamic) }];
    }),
  ];
}
