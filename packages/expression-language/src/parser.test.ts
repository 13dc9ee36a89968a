import { describe, expect, it } from 'vitest';
import { ExpressionError } from './errors.js';
import { parse } from './parser.js';

describe('parse', () => {
  it('splits a template into literal text, expressions and parameter references', () => {
    expect(parse('a ${b} #{c}')).toEqual({
      kind: 'template',
      start: 0,
      end: 11,
      parts: [
        { kind: 'literal', start: 0, end: 2, text: 'a ' },
        {
          kind: 'expression',
          start: 2,
          end: 6,
          subject: { kind: 'attribute', start: 4, end: 5, name: 'b', quoted: false },
          calls: [],
        },
        { kind: 'literal', start: 6, end: 7, text: ' ' },
        { kind: 'parameter', start: 7, end: 11, name: 'c' },
      ],
    });
  });

  it('parses chains, arguments of every kind and nesting', () => {
    const [expression] = parse("${'my attr':fn('s', 2, 2.5, true, ${x}, #{p}):g()}").parts;
    expect(expression).toEqual({
      kind: 'expression',
      start: 0,
      end: 50,
      subject: { kind: 'attribute', start: 2, end: 11, name: 'my attr', quoted: true },
      calls: [
        {
          kind: 'call',
          start: 12,
          end: 45,
          fn: 'fn',
          args: [
            { kind: 'string', start: 15, end: 18, value: 's' },
            { kind: 'number', start: 20, end: 21, value: 2n },
            { kind: 'number', start: 23, end: 26, value: 2.5 },
            { kind: 'boolean', start: 28, end: 32, value: true },
            {
              kind: 'expression',
              start: 34,
              end: 38,
              subject: { kind: 'attribute', start: 36, end: 37, name: 'x', quoted: false },
              calls: [],
            },
            { kind: 'parameter', start: 40, end: 44, name: 'p' },
          ],
        },
        { kind: 'call', start: 46, end: 49, fn: 'g', args: [] },
      ],
    });
  });

  it('parses subjectless calls and parameter subjects', () => {
    const [now, parameter] = parse("${now():format('yyyy')}${#{p}:trim()}").parts;
    expect(now).toMatchObject({
      subject: { kind: 'subjectless-call', fn: 'now', args: [], start: 2, end: 7 },
    });
    expect(parameter).toMatchObject({
      subject: { kind: 'parameter', name: 'p' },
      calls: [{ fn: 'trim' }],
    });
  });

  it('merges escaped text into one literal', () => {
    expect(parse('a$${b}c$$d##{e}').parts).toEqual([
      { kind: 'literal', start: 0, end: 15, text: 'a${b}c$$d#{e}' },
    ]);
  });

  it('takes unknown functions (the compiler checks names)', () => {
    expect(parse('${a:whatever()}').parts[0]).toMatchObject({ calls: [{ fn: 'whatever' }] });
  });

  it.each([
    ['${', "Unterminated expression starting at column 1: missing '}'", 0],
    ['x ${a:f(${b)}', "Expected ':' or '}' but found ')' at column 12", 11],
    ['x ${a:f(${b}', "Unterminated expression starting at column 3: missing '}'", 2],
    ['${a b}', "Expected ':' or '}' but found 'b' at column 5", 4],
    ['${:f()}', "Missing attribute name before ':' at column 3", 2],
    ['${a:}', "Expected a function name after ':' but found '}' at column 5", 4],
    ['${a:f(,)}', 'Missing argument at column 7', 6],
    ['${a:f(1 2)}', "Expected ',' or ')' but found '2' at column 9", 8],
    ['${a:f(:)}', "Expected an argument but found ':' at column 7", 6],
    [
      '${1st}',
      "Attribute names that start with a digit must be quoted, as in ${'1st'}; found '1' at column 3",
      2,
    ],
    ['${a:b.c()}', "Unknown function 'b.c' at column 5", 4],
    ['${(}', "Expected an attribute name or a function but found '(' at column 3", 2],
  ])('refuses %s', (template, message, position) => {
    let error: unknown;
    try {
      parse(template);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ExpressionError);
    expect(error).toMatchObject({ message, position });
  });

  it('refuses absurd nesting instead of overflowing the stack', () => {
    const deep = `${'${a:append('.repeat(100)}'x'${')}'.repeat(100)}`;
    expect(() => parse(deep)).toThrow('Expressions are nested more than 64 deep');
  });
});
