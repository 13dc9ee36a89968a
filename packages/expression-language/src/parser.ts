import type {
  ArgumentNode,
  ExpressionNode,
  FunctionCallNode,
  LiteralNode,
  SubjectNode,
  TemplateNode,
  TemplatePart,
} from './ast.js';
import { ExpressionError, describeLocation } from './errors.js';
import { ExpressionLexer, readParameterReference, type Token } from './lexer.js';

const DOLLAR = 36;
const HASH = 35;
const LEFT_BRACE = 123;
/** Deeper nesting than this is surely a mistake, and would risk the call stack. */
const MAX_NESTING = 64;
const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * Parses a property value into its syntax tree.
 *
 * Escapes follow NiFi: in a run of `$` before `{`, each `$$` is a literal `$` and an odd `$`
 * left over starts an expression, so `$${a}` is the text `${a}` and `$$${a}` is `$` then the
 * value of `a`; `##{p}` is likewise the text `#{p}`. A `$` or `#` not followed by `{` is plain
 * text (`$1`, `$$5`).
 *
 * @throws ExpressionError on malformed input, with the offset of the fault.
 */
export function parse(template: string): TemplateNode {
  return new Parser(template).parseTemplate();
}

class Parser {
  private lexer: ExpressionLexer;
  /** Offsets of the `$` of each expression being parsed, innermost last. */
  private readonly open: number[] = [];

  constructor(private readonly source: string) {
    this.lexer = new ExpressionLexer(source, 0);
  }

  parseTemplate(): TemplateNode {
    const source = this.source;
    const parts: TemplatePart[] = [];
    let text = '';
    let textStart = 0;
    const flushText = (end: number): void => {
      if (text !== '')
        parts.push({ kind: 'literal', start: textStart, end, text } satisfies LiteralNode);
      text = '';
    };
    let i = 0;
    while (i < source.length) {
      const code = source.charCodeAt(i);
      if (code !== DOLLAR && code !== HASH) {
        let j = i + 1;
        while (j < source.length && !isSigil(source.charCodeAt(j))) j++;
        text += source.slice(i, j);
        i = j;
        continue;
      }
      let runEnd = i;
      while (runEnd < source.length && source.charCodeAt(runEnd) === code) runEnd++;
      const run = runEnd - i;
      if (source.charCodeAt(runEnd) !== LEFT_BRACE) {
        text += source.slice(i, runEnd);
        i = runEnd;
        continue;
      }
      const sigil = source.charAt(i);
      text += sigil.repeat(run >> 1);
      if ((run & 1) === 0) {
        text += '{';
        i = runEnd + 1;
        continue;
      }
      const start = runEnd - 1;
      flushText(start);
      if (code === DOLLAR) {
        // A fresh lexer per top-level expression: the lexer never sees template-level text.
        this.lexer = new ExpressionLexer(source, start + 2);
        const expression = this.parseExpression(start);
        parts.push(expression);
        i = expression.end;
      } else {
        const { name, end } = readParameterReference(source, start);
        parts.push({ kind: 'parameter', start, end, name });
        i = end;
      }
      textStart = i;
    }
    flushText(source.length);
    return { kind: 'template', start: 0, end: source.length, parts };
  }

  /** Parses `${...}` whose `$` is at `start`; returns with the lexer just past its `}`. */
  private parseExpression(start: number): ExpressionNode {
    if (this.open.length >= MAX_NESTING) {
      throw this.error('syntax', start, `Expressions are nested more than ${MAX_NESTING} deep at`);
    }
    this.open.push(start);
    const subject = this.parseSubject(start);
    const calls: FunctionCallNode[] = [];
    for (;;) {
      const token = this.lexer.next();
      if (token.kind === 'rbrace') {
        this.open.pop();
        return { kind: 'expression', start, end: token.end, subject, calls };
      }
      if (token.kind === 'colon') {
        calls.push(this.parseCall());
        continue;
      }
      this.failUnlessEnded(token);
      throw this.error(
        'syntax',
        token.start,
        `Expected ':' or '}' but found ${this.lexer.describe(token)} at`,
      );
    }
  }

  private parseSubject(expressionStart: number): SubjectNode {
    const token = this.lexer.next();
    switch (token.kind) {
      case 'name': {
        if (this.lexer.peek().kind !== 'lparen') {
          return {
            kind: 'attribute',
            start: token.start,
            end: token.end,
            name: token.text,
            quoted: false,
          };
        }
        const fn = this.functionName(token);
        const { args, end } = this.parseArguments();
        return { kind: 'subjectless-call', start: token.start, end, fn, args };
      }
      case 'string':
        return {
          kind: 'attribute',
          start: token.start,
          end: token.end,
          name: token.value,
          quoted: true,
        };
      case 'parameter':
        return { kind: 'parameter', start: token.start, end: token.end, name: token.name };
      case 'rbrace':
        throw this.error('syntax', expressionStart, 'Empty expression at');
      case 'colon':
        throw this.error('syntax', token.start, "Missing attribute name before ':' at");
      case 'number':
        throw this.error(
          'syntax',
          token.start,
          `Attribute names that start with a digit must be quoted, as in \${'1st'}; found ${this.lexer.describe(token)} at`,
        );
      case 'end':
        throw this.unterminated();
      default:
        throw this.error(
          'syntax',
          token.start,
          `Expected an attribute name or a function but found ${this.lexer.describe(token)} at`,
        );
    }
  }

  private parseCall(): FunctionCallNode {
    const token = this.lexer.next();
    if (token.kind !== 'name') {
      this.failUnlessEnded(token);
      throw this.error(
        'syntax',
        token.start,
        `Expected a function name after ':' but found ${this.lexer.describe(token)} at`,
      );
    }
    const fn = this.functionName(token);
    const { args, end } = this.parseArguments();
    return { kind: 'call', start: token.start, end, fn, args };
  }

  private functionName(token: Token & { kind: 'name' }): string {
    if (this.lexer.peek().kind !== 'lparen') {
      throw this.error('syntax', token.end, `Expected '(' after function name '${token.text}' at`);
    }
    if (!IDENTIFIER.test(token.text)) {
      throw this.error('unknown-function', token.start, `Unknown function '${token.text}' at`);
    }
    return token.text;
  }

  /** Parses `(arg, ...)`, the lexer being just before the `(`. */
  private parseArguments(): { args: ArgumentNode[]; end: number } {
    this.lexer.next();
    const args: ArgumentNode[] = [];
    const first = this.lexer.peek();
    if (first.kind === 'rparen') {
      this.lexer.next();
      return { args, end: first.end };
    }
    for (;;) {
      args.push(this.parseArgument());
      const token = this.lexer.next();
      if (token.kind === 'rparen') return { args, end: token.end };
      if (token.kind === 'comma') continue;
      this.failUnlessEnded(token);
      throw this.error(
        'syntax',
        token.start,
        `Expected ',' or ')' but found ${this.lexer.describe(token)} at`,
      );
    }
  }

  private parseArgument(): ArgumentNode {
    const token = this.lexer.next();
    switch (token.kind) {
      case 'string':
        return { kind: 'string', start: token.start, end: token.end, value: token.value };
      case 'number':
        return { kind: 'number', start: token.start, end: token.end, value: token.value };
      case 'parameter':
        return { kind: 'parameter', start: token.start, end: token.end, name: token.name };
      case 'expression-start':
        return this.parseExpression(token.start);
      case 'name':
        if (token.text === 'true' || token.text === 'false') {
          return {
            kind: 'boolean',
            start: token.start,
            end: token.end,
            value: token.text === 'true',
          };
        }
        throw this.error(
          'syntax',
          token.start,
          `Unexpected ${this.lexer.describe(token)} at`,
          `; text arguments need quotes ('${token.text}') and attributes need \${${token.text}}`,
        );
      case 'comma':
      case 'rparen':
        throw this.error('syntax', token.start, 'Missing argument at');
      case 'end':
        throw this.unterminated();
      default:
        throw this.error(
          'syntax',
          token.start,
          `Expected an argument but found ${this.lexer.describe(token)} at`,
        );
    }
  }

  /** Reports running out of input as an unterminated expression rather than a stray token. */
  private failUnlessEnded(token: Token): void {
    if (token.kind === 'end') throw this.unterminated();
  }

  /** The innermost open expression never got its `}`. */
  private unterminated(): ExpressionError {
    const start = this.open[this.open.length - 1] ?? 0;
    return new ExpressionError({
      code: 'unterminated',
      template: this.source,
      position: start,
      message: `Unterminated expression starting at ${describeLocation(this.source, start)}: missing '}'`,
    });
  }

  private error(
    code: 'syntax' | 'unknown-function',
    position: number,
    text: string,
    suffix = '',
  ): ExpressionError {
    return new ExpressionError({
      code,
      template: this.source,
      position,
      message: `${text} ${describeLocation(this.source, position)}${suffix}`,
    });
  }
}

function isSigil(code: number): boolean {
  return code === DOLLAR || code === HASH;
}
