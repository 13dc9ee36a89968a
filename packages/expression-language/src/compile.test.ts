import { describe, expect, it } from 'vitest';
import { compile, containsExpression, validate } from './compile.js';
import { ExpressionError } from './errors.js';
import { contextOf, errorOf, evaluate } from './test-support/evaluate.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('compile: the DESIGN.md examples', () => {
  it('reads an attribute', () => {
    expect(evaluate('${filename}', { filename: 'a.txt' })).toBe('a.txt');
  });

  it('chains functions', () => {
    expect(evaluate("${filename:toUpper():append('.txt')}", { filename: 'report' })).toBe(
      'REPORT.txt',
    );
  });

  it('formats now() with the injected clock', () => {
    expect(evaluate("${now():format('yyyy-MM-dd')}")).toBe('2024-01-15');
    expect(evaluate("twitter-${now():format('yyyyMMdd')}")).toBe('twitter-20240115');
  });

  it('evaluates a subjectless literal', () => {
    expect(evaluate("${literal('x')}")).toBe('x');
  });

  it('makes a random UUID each evaluation', () => {
    const template = compile('${UUID()}');
    const first = template.evaluate(contextOf());
    expect(first).toMatch(UUID);
    expect(template.evaluate(contextOf())).not.toBe(first);
  });

  it('reads a parameter', () => {
    expect(evaluate('#{topic}', {}, { parameters: { topic: 't3q' } })).toBe('t3q');
    expect(evaluate('/data/#{dir name}/x', {}, { parameters: { 'dir name': 'in' } })).toBe(
      '/data/in/x',
    );
  });

  it("keeps the seed's $1 and braces as literal text", () => {
    expect(evaluate('{"${filename}":"$1"}', { filename: 'f.txt' })).toBe('{"f.txt":"$1"}');
  });

  it('escapes a body with quotes, newlines and control characters for JSON', () => {
    const body = 'He said "hi"\\\n\tline 2\r\u0001 한글';
    const out = evaluate('{"body":"${body:escapeJson()}"}', { body });
    expect(out).toBe('{"body":"He said \\"hi\\"\\\\\\n\\tline 2\\r\\u0001 한글"}');
    expect(JSON.parse(out)).toEqual({ body });
  });
});

describe('compile: templates', () => {
  it('mixes literal text, expressions and parameters', () => {
    const out = evaluate(
      '${a}-#{p}-${b:toUpper()}!',
      { a: '1', b: 'x' },
      { parameters: { p: 'P' } },
    );
    expect(out).toBe('1-P-X!');
  });

  it('prints a missing attribute as empty text', () => {
    expect(evaluate('[${missing}]')).toBe('[]');
  });

  it('lets functions see a missing attribute as null', () => {
    expect(evaluate('${missing:isNull()}')).toBe('true');
    expect(evaluate('${missing:isEmpty()}')).toBe('true');
    expect(evaluate('${missing:toUpper()}')).toBe('');
    expect(evaluate('${empty:isNull()}', { empty: '' })).toBe('false');
  });

  it('reads quoted attribute names with spaces', () => {
    expect(evaluate("${'my attr':toUpper()}", { 'my attr': 'v' })).toBe('V');
    expect(evaluate('${"mime.type"}', { 'mime.type': 'text/plain' })).toBe('text/plain');
  });

  it('allows whitespace inside expressions', () => {
    expect(evaluate("${ filename : append( 'x' ) }", { filename: 'f' })).toBe('fx');
  });

  it('evaluates nested expressions as arguments', () => {
    expect(evaluate('${a:append(${b:toUpper()})}', { a: 'x', b: 'y' })).toBe('xY');
  });

  it('takes a parameter as subject or argument', () => {
    const options = { parameters: { dir: '/in', sep: '/' } };
    expect(evaluate("${#{dir}:append('/x')}", {}, options)).toBe('/in/x');
    expect(evaluate('${a:append(#{sep})}', { a: 'p' }, options)).toBe('p/');
  });

  it('prints whole numbers without a decimal point and booleans as words', () => {
    expect(
      evaluate('${a:toNumber()} ${a:toDecimal():multiply(1.5)} ${a:equals(3)}', { a: '3' }),
    ).toBe('3 4.5 true');
  });

  it('prints dates as NiFi does, in UTC by default or the context zone', () => {
    expect(evaluate('${now()}')).toBe('Mon Jan 15 10:30:00 UTC 2024');
    expect(evaluate('${now()}', {}, { timeZone: 'Asia/Seoul' })).toBe(
      'Mon Jan 15 19:30:00 GMT+09:00 2024',
    );
  });
});

describe('compile: escapes', () => {
  it.each([
    ['$${abc}', '${abc}'],
    ['$$${abc}', '$xyz'],
    ['$$$${abc}', '$${abc}'],
    ['$$$$${abc}', '$$xyz'],
    ['I owe you $5', 'I owe you $5'],
    ['You owe me $$5 too', 'You owe me $$5 too'],
    ['##{p}', '#{p}'],
    ['###{p}', '#P'],
    ['# { $ {', '# { $ {'],
  ])('%s evaluates to %s', (template, expected) => {
    expect(evaluate(template, { abc: 'xyz' }, { parameters: { p: 'P' } })).toBe(expected);
  });
});

describe('compile: what a template reads', () => {
  it('lists attributes and parameters once, in order of first use', () => {
    const template = compile("${b:append(${a})}#{p}${'c d'}${b}${x:equals(#{q})}");
    expect(template.attributeNames).toEqual(['b', 'a', 'c d', 'x']);
    expect(template.parameterNames).toEqual(['p', 'q']);
  });

  it('marks templates without expressions as literal and unescapes them', () => {
    const plain = compile('plain $$ text');
    expect(plain.isLiteral).toBe(true);
    expect(plain.evaluate(contextOf())).toBe('plain $$ text');
    const escaped = compile('$${not an expression}');
    expect(escaped.isLiteral).toBe(true);
    expect(escaped.evaluate(contextOf())).toBe('${not an expression}');
    expect(compile('${a}').isLiteral).toBe(false);
    expect(compile('#{a}').isLiteral).toBe(false);
    expect(compile('').evaluate(contextOf())).toBe('');
  });

  it('keeps the source', () => {
    expect(compile('x${a}').source).toBe('x${a}');
  });
});

describe('compile: errors', () => {
  it.each([
    [
      '${name:toUpperr()}',
      "Unknown function 'toUpperr' at column 8; did you mean 'toUpper'?",
      'unknown-function',
      7,
    ],
    [
      'ab${filename',
      "Unterminated expression starting at column 3: missing '}'",
      'unterminated',
      2,
    ],
    [
      "${a:append('x)}",
      "Unterminated string starting at column 12: missing closing '",
      'unterminated',
      11,
    ],
    [
      '#{p',
      "Unterminated parameter reference starting at column 1: missing '}'",
      'unterminated',
      0,
    ],
    ['${}', 'Empty expression at column 1', 'syntax', 0],
    [
      '${a:substring(1, 2, 3)}',
      "Function 'substring' at column 5 takes 1 or 2 arguments but was given 3; usage: substring(start[, end])",
      'wrong-arity',
      4,
    ],
    [
      '${toUpper()}',
      "Function 'toUpper' at column 3 needs a subject, as in ${attribute:toUpper()}",
      'misplaced-function',
      2,
    ],
    [
      '${a:now()}',
      "Function 'now' at column 5 takes no subject; write ${now()}",
      'misplaced-function',
      4,
    ],
    ['${a:toUpper}', "Expected '(' after function name 'toUpper' at column 12", 'syntax', 11],
    [
      '${a:append(b)}',
      "Unexpected 'b' at column 12; text arguments need quotes ('b') and attributes need ${b}",
      'syntax',
      11,
    ],
    ["${a:format('yyyy-QQ')}", undefined, 'invalid-argument', 11],
    [
      "${a:replaceAll('(', 'x')}",
      "replaceAll: '(' is not a valid regular expression: Unterminated group (at column 16)",
      'invalid-argument',
      15,
    ],
    ["${a:format('yyyy', 'Mars/Olympus')}", undefined, 'invalid-argument', 19],
  ])('%s fails at compile time', (template, message, code, position) => {
    const error = validate(template);
    expect(error).toBeInstanceOf(ExpressionError);
    if (message !== undefined) expect(error?.message).toBe(message);
    expect(error?.code).toBe(code);
    expect(error?.position).toBe(position);
    expect(() => compile(template)).toThrow(ExpressionError);
  });

  it('gives line and column in multi-line templates', () => {
    const error = validate('{\n  "a": "${x:frobnicate()}"\n}');
    expect(error?.line).toBe(2);
    expect(error?.column).toBe(13);
    expect(error?.message).toBe("Unknown function 'frobnicate' at line 2, column 13");
  });

  it('throws evaluation errors from evaluate with the position of the failing call', () => {
    const template = compile('n=${x:trim():toNumber()}');
    expect(template.isLiteral).toBe(false);
    const error = errorOf('n=${x:trim():toNumber()}', { x: 'abc' });
    expect(error).toBeInstanceOf(ExpressionError);
    expect(error).toMatchObject({
      message: "toNumber: cannot convert 'abc' to a number",
      code: 'type-mismatch',
      position: 13,
      line: 1,
      column: 14,
    });
  });

  it('fails on a parameter the context does not define', () => {
    expect(errorOf('x #{secret}')).toMatchObject({
      message: "Parameter 'secret' is not defined",
      code: 'undefined-parameter',
      position: 2,
    });
    const noParameters = { attribute: () => undefined };
    expect(() => compile('#{p}').evaluate(noParameters)).toThrow("Parameter 'p' is not defined");
  });

  it('validate returns undefined for a valid template', () => {
    expect(validate("${a:replaceAll('(\\d+)', '<$1>')}")).toBeUndefined();
  });

  it('reports an unknown time zone in the context as an expression error', () => {
    expect(errorOf('${now()}', {}, { timeZone: 'Nowhere/Land' })).toMatchObject({
      code: 'evaluation',
      message: "expression: unknown time zone 'Nowhere/Land' in the evaluation context",
    });
  });
});

describe('containsExpression', () => {
  it.each([
    ['${a}', true],
    ['x #{p} y', true],
    ['$$${a}', true],
    ['$${a}', false],
    ['##{p}', false],
    ['$1 and {braces}', false],
    ['plain', false],
    ['${unterminated', true],
  ])('%s → %s', (text, expected) => {
    expect(containsExpression(text)).toBe(expected);
  });
});
