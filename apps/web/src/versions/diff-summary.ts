import type { ComponentDiffView, FieldChangeView, VersionSideView } from './types.js';

/** How many components were added, removed and changed. */
export interface DiffCounts {
  readonly added: number;
  readonly removed: number;
  readonly changed: number;
}

/** The counts of a diff's components by change. */
export function countChanges(components: readonly ComponentDiffView[]): DiffCounts {
  const counts = { added: 0, removed: 0, changed: 0 };
  for (const component of components) counts[component.change]++;
  return counts;
}

/** A side of a diff in words: `a1b2c3d4 “v1”` or `the working copy`. */
export function sideLabel(side: VersionSideView): string {
  if (side.kind === 'working') return 'the working copy';
  return `${side.version.shortHash} “${side.version.message.split('\n', 1)[0]}”`;
}

const KINDS: Record<ComponentDiffView['kind'], string> = {
  processor: 'Processor',
  connection: 'Connection',
  label: 'Label',
  controllerService: 'Controller service',
  parameterContext: 'Parameter context',
};

/** A component's kind in words. */
export function kindLabel(kind: ComponentDiffView['kind']): string {
  return KINDS[kind];
}

/** A field change in words: `before → after`, `set to after`, `removed (was before)`. */
export function fieldChangeText(field: FieldChangeView): string {
  const shown = (value: string) => (value === '' ? '(empty)' : value);
  if (field.before === null && field.after !== null) return `set to ${shown(field.after)}`;
  if (field.after === null && field.before !== null) return `removed (was ${shown(field.before)})`;
  if (field.hidden && field.before === field.after) return 'changed (value hidden)';
  return `${shown(field.before ?? '')} → ${shown(field.after ?? '')}`;
}
