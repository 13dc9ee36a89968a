import type { CatalogEntry, FlowView } from '../api/types.js';
import {
  committedSecrets,
  declaredChanges,
  declaredDraft,
  type DeclaredDraft,
} from './declared-draft.js';
import type { ProcessorChange } from './processor-panel.js';

/** A processor as the flow shows it: sensitive properties are `{ set }`, never the value. */
export type ProcessorView = FlowView['flow']['processors'][number];

/** The scheduling settings of a processor. */
export type Scheduling = ProcessorView['scheduling'];

/** Scheduling as the form edits it: every field a string a person types, except the choices. */
export interface SchedulingDraft {
  readonly strategy: Scheduling['strategy'];
  readonly period: string;
  readonly cron: string;
  readonly concurrentTasks: string;
  readonly penaltyDuration: string;
  readonly yieldDuration: string;
  readonly bulletinLevel: Scheduling['bulletinLevel'];
}

/**
 * One user-added (dynamic) property; `id` keeps a row's identity while its name is edited. A
 * sensitive row (NiFi's sensitive dynamic property) never holds its saved value: `value` is only
 * what was typed to replace it, and `secretSet` whether the server holds one.
 */
export interface DynamicRow {
  readonly id: number;
  readonly name: string;
  readonly value: string;
  readonly sensitive: boolean;
  /** For a sensitive row: whether a value is saved on the server (all the browser learns of it). */
  readonly secretSet: boolean;
}

/** A problem found in the browser before the server is asked, keyed like the server's issues. */
export interface LocalIssue {
  readonly property: string;
  readonly message: string;
}

/** Everything the processor panel edits, before Apply. */
export interface ProcessorDraft extends DeclaredDraft {
  readonly name: string;
  readonly comments: string;
  readonly dynamic: readonly DynamicRow[];
  readonly scheduling: SchedulingDraft;
  readonly autoTerminated: readonly string[];
}

let nextRowId = 1;

/** A new dynamic property row with an id no other row has. */
export function dynamicRow(
  name = '',
  value = '',
  secret?: { readonly secretSet: boolean },
): DynamicRow {
  return {
    id: nextRowId++,
    name,
    value,
    sensitive: secret !== undefined,
    secretSet: secret?.secretSet ?? false,
  };
}

/** The form's starting point: the processor as saved. */
export function draftFromProcessor(processor: ProcessorView, entry: CatalogEntry): ProcessorDraft {
  const dynamic: DynamicRow[] = [];
  for (const [key, saved] of Object.entries(processor.properties)) {
    if (key in entry.ui) continue;
    // A sensitive dynamic property comes as `{ set }`: the row knows only whether it is set.
    dynamic.push(
      typeof saved === 'string'
        ? dynamicRow(key, saved)
        : dynamicRow(key, '', { secretSet: saved.set }),
    );
  }
  const { scheduling } = processor;
  return {
    name: processor.name,
    comments: processor.comments ?? '',
    ...declaredDraft(processor.properties, entry.ui),
    dynamic,
    scheduling: {
      strategy: scheduling.strategy,
      period: scheduling.period,
      cron: scheduling.cron ?? '',
      concurrentTasks: String(scheduling.concurrentTasks),
      penaltyDuration: scheduling.penaltyDuration,
      yieldDuration: scheduling.yieldDuration,
      bulletinLevel: scheduling.bulletinLevel,
    },
    autoTerminated: [...processor.autoTerminatedRelationships],
  };
}

/** The dynamic properties by name; a later row of the same name wins, unnamed rows are ignored. */
function dynamicMap(rows: readonly DynamicRow[]): Map<string, DynamicRow> {
  return new Map(rows.filter((r) => r.name !== '').map((r) => [r.name, r]));
}

/** The names of the sensitive dynamic properties, sorted: what the server keeps as a list. */
function sensitiveNames(rows: readonly DynamicRow[]): string[] {
  return [...dynamicMap(rows).values()]
    .filter((row) => row.sensitive)
    .map((row) => row.name)
    .sort();
}

/** Whether the form holds a newly typed value for the sensitive dynamic property `name`. */
export function typedDynamicSecret(draft: ProcessorDraft, name: string): boolean {
  const row = dynamicMap(draft.dynamic).get(name);
  return row !== undefined && row.sensitive && row.value !== '';
}

/** Concurrent tasks as a number, or undefined when the text is not a whole number. */
export function parseTasks(text: string): number | undefined {
  return /^\s*-?\d+\s*$/.test(text) ? Number(text) : undefined;
}

function propertyChanges(
  base: ProcessorDraft,
  draft: ProcessorDraft,
): Record<string, string | null> {
  const changes = declaredChanges(base, draft);
  const before = dynamicMap(base.dynamic);
  const after = dynamicMap(draft.dynamic);
  for (const name of before.keys()) if (!after.has(name)) changes[name] = null;
  for (const [name, row] of after) {
    // An untouched secret is never sent: the server keeps the value the browser never had.
    if (row.sensitive) {
      if (row.value !== '') changes[name] = row.value;
    } else if (before.get(name)?.value !== row.value || before.get(name)?.sensitive) {
      changes[name] = row.value;
    }
  }
  return changes;
}

function schedulingChanges(
  base: SchedulingDraft,
  draft: SchedulingDraft,
): NonNullable<ProcessorChange['scheduling']> {
  const changes: NonNullable<ProcessorChange['scheduling']> = {};
  if (draft.strategy !== base.strategy) changes.strategy = draft.strategy;
  if (draft.period !== base.period) changes.period = draft.period;
  if (draft.cron !== base.cron) changes.cron = draft.cron === '' ? null : draft.cron;
  const tasks = parseTasks(draft.concurrentTasks);
  // A count that is not a whole number is a local issue; it is never sent.
  if (tasks !== undefined && tasks !== parseTasks(base.concurrentTasks)) {
    changes.concurrentTasks = tasks;
  }
  if (draft.penaltyDuration !== base.penaltyDuration) {
    changes.penaltyDuration = draft.penaltyDuration;
  }
  if (draft.yieldDuration !== base.yieldDuration) changes.yieldDuration = draft.yieldDuration;
  if (draft.bulletinLevel !== base.bulletinLevel) changes.bulletinLevel = draft.bulletinLevel;
  return changes;
}

function sameSet(a: readonly string[], b: readonly string[]): boolean {
  const set = new Set(a);
  return set.size === new Set(b).size && b.every((x) => set.has(x));
}

/**
 * What Apply sends: only the fields that differ from what is saved, so an edit never rewrites a
 * value someone else changed meanwhile, and an untouched secret is never sent at all.
 */
export function changeOf(base: ProcessorDraft, draft: ProcessorDraft): ProcessorChange {
  const change: ProcessorChange = {};
  if (draft.name !== base.name) change.name = draft.name;
  if (draft.comments !== base.comments) change.comments = draft.comments;
  const properties = propertyChanges(base, draft);
  if (Object.keys(properties).length > 0) change.properties = properties;
  const sensitive = sensitiveNames(draft.dynamic);
  if (!sameSet(sensitiveNames(base.dynamic), sensitive)) {
    change.sensitiveDynamicProperties = sensitive;
  }
  const scheduling = schedulingChanges(base.scheduling, draft.scheduling);
  if (Object.keys(scheduling).length > 0) change.scheduling = scheduling;
  if (!sameSet(base.autoTerminated, draft.autoTerminated)) {
    change.autoTerminatedRelationships = [...draft.autoTerminated];
  }
  return change;
}

/** Whether a change changes nothing (a clean form). */
export function isEmptyChange(change: object): boolean {
  return Object.keys(change).length === 0;
}

/**
 * The form after its change was applied: secrets typed are now "set" (sensitive dynamic ones
 * too, their typed value forgotten), cleared ones "not set", unnamed rows are gone. It matches
 * what the saved processor will give, so the form is clean.
 */
export function committed(draft: ProcessorDraft): ProcessorDraft {
  const names = dynamicMap(draft.dynamic);
  const dynamic = draft.dynamic
    .filter((row) => names.get(row.name) === row)
    .map((row) =>
      row.sensitive ? { ...row, value: '', secretSet: row.secretSet || row.value !== '' } : row,
    );
  return { ...draft, ...committedSecrets(draft), dynamic };
}

/**
 * Problems the browser sees without asking the server: a task count that is not a whole number,
 * dynamic properties without a name, with a name used twice, or with a declared property's name.
 */
export function localIssues(draft: ProcessorDraft): LocalIssue[] {
  const issues: LocalIssue[] = [];
  if (parseTasks(draft.scheduling.concurrentTasks) === undefined) {
    issues.push({
      property: 'scheduling.concurrentTasks',
      message: `Concurrent Tasks must be a whole number of at least 1 (got ${JSON.stringify(draft.scheduling.concurrentTasks)})`,
    });
  }
  const seen = new Set<string>();
  for (const row of draft.dynamic) {
    const property = `dynamic:${row.id}`;
    if (row.name === '') {
      if (row.value !== '') issues.push({ property, message: 'A dynamic property needs a name' });
    } else if (row.name in draft.values || row.name in draft.secrets) {
      issues.push({
        property,
        message: `'${row.name}' is a property of this processor; give the dynamic property another name`,
      });
    } else if (seen.has(row.name)) {
      issues.push({ property, message: `There are two dynamic properties named '${row.name}'` });
    }
    seen.add(row.name);
  }
  return issues;
}
