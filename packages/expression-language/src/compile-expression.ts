import type {
  ArgumentNode,
  ExpressionNode,
  FunctionCallNode,
  ParameterRefNode,
  SubjectNode,
  SubjectlessCallNode,
} from './ast.js';
import { asExpressionError, type CallSite } from './call-site.js';
import { ExpressionError, describeLocation } from './errors.js';
import type { CompiledArgument, Evaluator, FunctionDef } from './functions/function-def.js';
import { allFunctions, findFunction } from './functions/registry.js';
import { closestMatch } from './suggest.js';
import type { Value } from './values.js';

/** What compiling a template collects on the way: its text and the names it reads. */
export interface CompileState {
  readonly template: string;
  readonly attributes: Set<string>;
  readonly parameters: Set<string>;
}

const NOTHING: Evaluator = () => null;

/**
 * Compiles `${...}` into a closure that computes its value. Functions are looked up and their
 * arity checked here, so a misspelt name is a compile error, not a per-flowfile failure.
 */
export function compileExpression(node: ExpressionNode, state: CompileState): Evaluator {
  let evaluator = compileSubject(node.subject, state);
  for (const call of node.calls) evaluator = compileCall(call, evaluator, state);
  return evaluator;
}

/** Compiles `#{name}`: its value from the context, or an error naming the missing parameter. */
export function compileParameter(node: ParameterRefNode, state: CompileState): Evaluator<string> {
  const { name } = node;
  state.parameters.add(name);
  return (ctx) => {
    const value = ctx.parameter?.(name);
    if (value === undefined) {
      throw new ExpressionError({
        code: 'undefined-parameter',
        template: state.template,
        position: node.start,
        message: `Parameter '${name}' is not defined`,
      });
    }
    return value;
  };
}

function compileSubject(node: SubjectNode, state: CompileState): Evaluator {
  switch (node.kind) {
    case 'attribute': {
      const { name } = node;
      state.attributes.add(name);
      return (ctx) => ctx.attribute(name) ?? null;
    }
    case 'parameter':
      return compileParameter(node, state);
    case 'subjectless-call':
      return compileCall(node, NOTHING, state);
    default: {
      const unreachable: never = node;
      return unreachable;
    }
  }
}

function compileCall(
  node: FunctionCallNode | SubjectlessCallNode,
  subject: Evaluator,
  state: CompileState,
): Evaluator {
  const hasSubject = node.kind === 'call';
  const def = lookUp(node, hasSubject, state.template);
  const args = node.args.map((arg) => compileArgument(arg, state));
  const site: CallSite = {
    fn: node.fn,
    template: state.template,
    position: node.start,
    atCompile: false,
  };
  let evaluate: Evaluator;
  try {
    evaluate = def.build({ subject, args, site });
  } catch (error) {
    throw asExpressionError(error, { ...site, atCompile: true });
  }
  return (ctx) => {
    try {
      return evaluate(ctx);
    } catch (error) {
      throw asExpressionError(error, site);
    }
  };
}

function lookUp(
  node: FunctionCallNode | SubjectlessCallNode,
  hasSubject: boolean,
  template: string,
): FunctionDef {
  const where = describeLocation(template, node.start);
  const fail = (
    code: 'unknown-function' | 'misplaced-function' | 'wrong-arity',
    message: string,
  ): never => {
    throw new ExpressionError({ code, template, position: node.start, message });
  };
  const def = findFunction(node.fn);
  if (def === undefined) {
    const names = (wanted: boolean): string[] =>
      allFunctions()
        .filter((fn) => fn.takesSubject === wanted)
        .map((fn) => fn.name);
    const suggestion =
      closestMatch(node.fn, names(hasSubject)) ?? closestMatch(node.fn, names(!hasSubject));
    return fail(
      'unknown-function',
      `Unknown function '${node.fn}' at ${where}${suggestion === undefined ? '' : `; did you mean '${suggestion}'?`}`,
    );
  }
  if (def.takesSubject && !hasSubject) {
    return fail(
      'misplaced-function',
      `Function '${def.name}' at ${where} needs a subject, as in \${attribute:${def.signature}}`,
    );
  }
  if (!def.takesSubject && hasSubject) {
    return fail(
      'misplaced-function',
      `Function '${def.name}' at ${where} takes no subject; write \${${def.signature}}`,
    );
  }
  const count = node.args.length;
  if (count < def.minArgs || count > def.maxArgs) {
    return fail(
      'wrong-arity',
      `Function '${def.name}' at ${where} takes ${describeArity(def)} but was given ${count}; usage: ${def.signature}`,
    );
  }
  return def;
}

function describeArity({ minArgs, maxArgs }: FunctionDef): string {
  const plural = (n: number): string => (n === 1 ? 'argument' : 'arguments');
  if (maxArgs === Infinity) return `at least ${minArgs} ${plural(minArgs)}`;
  if (minArgs === maxArgs) return minArgs === 0 ? 'no arguments' : `${minArgs} ${plural(minArgs)}`;
  return maxArgs - minArgs === 1
    ? `${minArgs} or ${maxArgs} arguments`
    : `${minArgs} to ${maxArgs} arguments`;
}

function compileArgument(node: ArgumentNode, state: CompileState): CompiledArgument {
  switch (node.kind) {
    case 'string':
    case 'number':
    case 'boolean': {
      const value: Value = node.value;
      return { node, evaluate: () => value, constant: { value } };
    }
    case 'expression':
      return { node, evaluate: compileExpression(node, state), constant: undefined };
    case 'parameter':
      return { node, evaluate: compileParameter(node, state), constant: undefined };
    default: {
      const unreachable: never = node;
      return unreachable;
    }
  }
}
