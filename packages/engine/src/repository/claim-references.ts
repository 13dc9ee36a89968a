import type { RecoveredRepository } from './wal-operation.js';

/**
 * Counts, per content claim file, the flowfiles that reference it after recovery: those in
 * memory and those in swap files (from the summaries, without reading the swap files). The
 * result is what {@link ContentRepository.initializeReferences} expects.
 */
export function countClaimReferences(recovered: RecoveredRepository): Map<string, number> {
  const counts = new Map<string, number>();
  const add = (file: string, count: number): void => {
    counts.set(file, (counts.get(file) ?? 0) + count);
  };
  for (const flowFiles of recovered.queues.values()) {
    for (const flowFile of flowFiles) if (flowFile.claim !== null) add(flowFile.claim.file, 1);
  }
  for (const summaries of recovered.swapFiles.values()) {
    for (const summary of summaries) {
      for (const [file, count] of Object.entries(summary.claimReferences)) add(file, count);
    }
  }
  return counts;
}
