import { allFunctions } from './functions/registry.js';

/** What a function is, for generated docs and editor completion. */
export interface FunctionDoc {
  readonly name: string;
  /** How it is called: `substring(start[, end])`. */
  readonly signature: string;
  readonly description: string;
  /** False for subjectless functions, written `${now()}` rather than `${attr:fn()}`. */
  readonly takesSubject: boolean;
  readonly minArgs: number;
  /** `Infinity` when it takes any number of arguments. */
  readonly maxArgs: number;
}

/** Every function of the language, sorted by name. */
export function listFunctions(): readonly FunctionDoc[] {
  return allFunctions()
    .map(({ name, signature, description, takesSubject, minArgs, maxArgs }) => ({
      name,
      signature,
      description,
      takesSubject,
      minArgs,
      maxArgs,
    }))
    .sort((a, b) => a.name.localeCompare(b.name));
}
