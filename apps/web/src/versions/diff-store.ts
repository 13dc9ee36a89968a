import { create } from 'zustand';
import type { VersionDiffView } from './types.js';

/** How a component on the canvas differs in the diff shown. */
export type DiffMark = 'added' | 'removed' | 'changed';

/** The diff drawn on the canvas, if any, and the mark of each component id it names. */
export interface DiffState {
  readonly diff: VersionDiffView | null;
  /**
   * Marks by component id; cards and edges read their own entry with a selector, so showing or
   * leaving a diff renders only the components it names.
   */
  readonly marks: Readonly<Record<string, DiffMark>>;
  show(diff: VersionDiffView): void;
  clear(): void;
}

const NO_MARKS: Readonly<Record<string, DiffMark>> = {};

/** The marks of a diff's processors, connections and labels, by id. */
export function marksOf(diff: VersionDiffView): Record<string, DiffMark> {
  const marks: Record<string, DiffMark> = {};
  for (const component of diff.diff.components) {
    if (
      component.kind === 'processor' ||
      component.kind === 'connection' ||
      component.kind === 'label'
    ) {
      marks[component.id] = component.change;
    }
  }
  return marks;
}

/** The diff store. */
export const useDiffStore = create<DiffState>()((set) => ({
  diff: null,
  marks: NO_MARKS,
  show(diff) {
    set({ diff, marks: marksOf(diff) });
  },
  clear() {
    set({ diff: null, marks: NO_MARKS });
  },
}));
