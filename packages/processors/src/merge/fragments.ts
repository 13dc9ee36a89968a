import type { FlowFile } from '@sluice/engine';

/** What Defragment reads of a fragment: NiFi's fragment.identifier, fragment.index and fragment.count. */
export type FragmentOf =
  | {
      readonly ok: true;
      readonly identifier: string;
      readonly index: number;
      /** Absent when this fragment does not carry fragment.count (one fragment must). */
      readonly count: number | undefined;
    }
  | { readonly ok: false; readonly reason: string };

const INTEGER = /^\d+$/;

/** Reads a flowfile's fragment attributes; a fragment without usable ones cannot be defragmented. */
export function fragmentOf(flowFile: FlowFile): FragmentOf {
  const { attributes } = flowFile;
  const identifier = attributes['fragment.identifier'];
  if (identifier === undefined || identifier === '') {
    return { ok: false, reason: 'Cannot Defragment: it has no fragment.identifier attribute' };
  }
  const index = attributes['fragment.index'];
  if (index === undefined || !INTEGER.test(index)) {
    return {
      ok: false,
      reason: `Cannot Defragment: its fragment.index ${JSON.stringify(index ?? null)} is not an integer`,
    };
  }
  const count = attributes['fragment.count'];
  if (count !== undefined && !INTEGER.test(count)) {
    return {
      ok: false,
      reason: `Cannot Defragment: its fragment.count ${JSON.stringify(count)} is not an integer`,
    };
  }
  return {
    ok: true,
    identifier,
    index: Number(index),
    count: count === undefined ? undefined : Number(count),
  };
}
