/**
 * Sluice's expression language: NiFi's `${attribute:fn()}` and `#{parameter}` templates,
 * parsed once and compiled to closures that are evaluated per flowfile.
 */
export { compile, containsExpression, validate, type CompiledTemplate } from './compile.js';
export type { EvaluationContext } from './evaluation-context.js';
export { ExpressionError, describeLocation, type ExpressionErrorCode } from './errors.js';
export { parse } from './parser.js';
export type * from './ast.js';
export { listFunctions, type FunctionDoc } from './function-docs.js';
export {
  RegexSyntaxError,
  compileJavaFullMatch,
  compileJavaRegex,
  javaFullMatcher,
  javaRegexProblem,
  quoteRegex,
  translateJavaRegex,
  type CompiledRegex,
  type TranslatedRegex,
} from './regex/java-regex.js';
