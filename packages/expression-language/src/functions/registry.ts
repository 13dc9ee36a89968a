import { DATE_FUNCTIONS } from './date-functions.js';
import { ENCODING_FUNCTIONS } from './encoding-functions.js';
import type { FunctionDef } from './function-def.js';
import { LOGIC_FUNCTIONS } from './logic-functions.js';
import { NUMBER_FUNCTIONS } from './number-functions.js';
import { REGEX_FUNCTIONS } from './regex-functions.js';
import { SEARCH_FUNCTIONS } from './search-functions.js';
import { STRING_FUNCTIONS } from './string-functions.js';
import { SUBJECTLESS_FUNCTIONS } from './subjectless-functions.js';

const ALL: readonly FunctionDef[] = [
  ...SUBJECTLESS_FUNCTIONS,
  ...STRING_FUNCTIONS,
  ...SEARCH_FUNCTIONS,
  ...REGEX_FUNCTIONS,
  ...ENCODING_FUNCTIONS,
  ...LOGIC_FUNCTIONS,
  ...NUMBER_FUNCTIONS,
  ...DATE_FUNCTIONS,
];

const BY_NAME: ReadonlyMap<string, FunctionDef> = new Map(ALL.map((fn) => [fn.name, fn]));

/** The function of a name (names are case-sensitive, as in NiFi). */
export function findFunction(name: string): FunctionDef | undefined {
  return BY_NAME.get(name);
}

/** Every function, for suggestions, docs and editor completion. */
export function allFunctions(): readonly FunctionDef[] {
  return ALL;
}
