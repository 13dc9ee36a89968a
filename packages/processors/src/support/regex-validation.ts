import { javaRegexProblem } from '@sluice/expression-language';

/**
 * A property check that the value is a Java regular expression Sluice can run (NiFi users write
 * Java syntax), else why not: undefined when usable.
 */
export function validJavaRegex(value: string): string | undefined {
  const problem = javaRegexProblem(value);
  return problem ? `is not usable: ${problem}` : undefined;
}
