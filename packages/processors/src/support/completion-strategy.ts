import type { ValidationIssue } from '@sluice/engine';

/** NiFi's Completion Strategy of the fetch processors (FetchFile, FetchSFTP). */
export type CompletionStrategy = 'None' | 'Move File' | 'Delete File';

/** What a fetch processor's validation reads of its completion properties. */
interface CompletionProperties {
  raw(key: 'completionStrategy' | 'moveDestinationDirectory'): string | undefined;
}

/**
 * A fetch processor's cross-property check, as NiFi's: Move File needs a Move Destination
 * Directory.
 */
export function validateMoveDestination(ctx: CompletionProperties): ValidationIssue[] {
  const destination = ctx.raw('moveDestinationDirectory');
  if (
    ctx.raw('completionStrategy') === 'Move File' &&
    (destination === undefined || destination.trim() === '')
  ) {
    return [
      {
        property: 'moveDestinationDirectory',
        message:
          "'Move Destination Directory' is required when 'Completion Strategy' is 'Move File'",
      },
    ];
  }
  return [];
}
