import type { EventType, SearchInput } from './types.js';

/** The search form as typed: every field a string, empty meaning "any". */
export interface SearchCriteria {
  readonly componentId: string;
  readonly flowFileId: string;
  readonly filename: string;
  /** `datetime-local` values (local time, `2026-05-01T14:03`), or empty. */
  readonly from: string;
  readonly to: string;
  readonly type: EventType | '';
}

/** A form with nothing filled in: the newest events of the flow. */
export const NO_CRITERIA: SearchCriteria = {
  componentId: '',
  flowFileId: '',
  filename: '',
  from: '',
  to: '',
  type: '',
};

/** Rows a search asks for. */
export const SEARCH_LIMIT = 500;

/** The search input of a form, or the problem that stops it (a person can fix it in the form). */
export type CriteriaResult =
  | { readonly ok: true; readonly input: SearchInput }
  | { readonly ok: false; readonly problem: string };

/** Epoch millis of a `datetime-local` value, or NaN. */
function instantOf(value: string): number {
  return value === '' ? NaN : new Date(value).getTime();
}

/** Turns the form into `provenance.search` input for a flow. */
export function searchInputOf(flowId: string, criteria: SearchCriteria): CriteriaResult {
  const input: { -readonly [K in keyof SearchInput]: SearchInput[K] } = {
    flowId,
    limit: SEARCH_LIMIT,
  };
  if (criteria.componentId !== '') input.componentId = criteria.componentId;
  const flowFileId = criteria.flowFileId.trim();
  if (flowFileId !== '') input.flowFileId = flowFileId;
  if (criteria.filename !== '') input.filename = criteria.filename;
  if (criteria.type !== '') input.types = [criteria.type];
  if (criteria.from !== '') {
    const from = instantOf(criteria.from);
    if (Number.isNaN(from))
      return { ok: false, problem: `'${criteria.from}' is not a date and time` };
    input.from = from;
  }
  if (criteria.to !== '') {
    const to = instantOf(criteria.to);
    if (Number.isNaN(to)) return { ok: false, problem: `'${criteria.to}' is not a date and time` };
    // A minute picked in the form includes all of that minute.
    input.to = to + 59_999;
  }
  if (input.from !== undefined && input.to !== undefined && input.from > input.to) {
    return { ok: false, problem: 'From is after To: no event can match' };
  }
  return { ok: true, input };
}
