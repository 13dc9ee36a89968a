import { describe, expect, it } from 'vitest';
import { ExpressionError } from './errors.js';
import { ExpressionLexer, readParameterReference, readStringLiteral, type Token } from './lexer.js';

function tokens(source: string, start = 0): Token[] {
  const lexer = new ExpressionLexer(source, start);
  const out: Token[] = [];
  for (let token = lexer.next(); ; token = lexer.next()) {
    out.push(token);
    if (token.kind === 'end') return out;
  }
}

describe('ExpressionLexer', () => {
  it('splits a chain into tokens with offsets, skipping whitespace', () => {
    expect(tokens("mime.type : append( 'x' , -2 , 1.5e3 )}")).toEqual([
      { kind: 'name', start: 0, end: 9, text: 'mime.type' },
      { kind: 'colon', start: 10, end: 11 },
      { kind: 'name', start: 12, end: 18, text: 'append' },
      { kind: 'lparen', start: 18, end: 19 },
      { kind: 'string', start: 20, end: 23, value: 'x' },
      { kind: 'comma', start: 24, end: 25 },
      { kind: 'number', start: 26, end: 28, value: -2n },
      { kind: 'comma', start: 29, end: 30 },
      { kind: 'number', start: 31, end: 36, value: 1500 },
      { kind: 'rparen', start: 37, end: 38 },
      { kind: 'rbrace', start: 38, end: 39 },
      { kind: 'end', start: 39, end: 39 },
    ]);
  });

  it('reads nested expressions and parameter references', () => {
    expect(tokens('${a} #{my param}').map((token) => token.kind)).toEqual([
      'expression-start',
      'name',
      'rbrace',
      'parameter',
      'end',
    ]);
  });

  it('keeps names with dashes, dots and hashes whole', () => {
    expect(tokens('kafka.topic-name#2')[0]).toMatchObject({
      kind: 'name',
      text: 'kafka.topic-name#2',
    });
  });

  it('peeks without consuming', () => {
    const lexer = new ExpressionLexer('a:b', 0);
    expect(lexer.peek()).toBe(lexer.peek());
    expect(lexer.next().kind).toBe('name');
    expect(lexer.next().kind).toBe('colon');
  });

  it.each([
    ['[', "Unexpected character '[' at column 1"],
    ['$x', "Unexpected character '$' at column 1; nested expressions start with '${'"],
    [
      '99999999999999999999',
      'Number 99999999999999999999 at column 1 does not fit a 64-bit whole number; write it as a decimal (99999999999999999999.0)',
    ],
  ])('refuses %s', (source, message) => {
    expect(() => tokens(source)).toThrow(
      new ExpressionError({ code: 'syntax', message, template: source, position: 0 }),
    );
  });
});

describe('readStringLiteral', () => {
  it('resolves NiFi escapes and keeps other backslashes for regexes', () => {
    expect(readStringLiteral(String.raw`'a\'b\"c\\d\ne\tf\rg\d'`, 0)).toEqual({
      value: 'a\'b"c\\d\ne\tf\rg\\d',
      end: 23,
    });
    expect(readStringLiteral(`"it's"`, 0).value).toBe("it's");
  });

  it('reports a missing closing quote at the opening one', () => {
    expect(() => readStringLiteral("x 'abc", 2)).toThrow(
      "Unterminated string starting at column 3: missing closing '",
    );
  });
});

describe('readParameterReference', () => {
  it('reads names with letters, digits, spaces, dots, dashes and underscores', () => {
    expect(readParameterReference('#{Kafka Brokers_1.a-b}', 0)).toEqual({
      name: 'Kafka Brokers_1.a-b',
      end: 22,
    });
    expect(readParameterReference('#{한글}', 0).name).toBe('한글');
  });

  it.each([
    ['#{a:b}', 'Invalid character ":" in parameter reference at column 4'],
    ['#{}', 'Empty parameter name at column 1'],
    ['#{abc', "Unterminated parameter reference starting at column 1: missing '}'"],
  ])('refuses %s', (source, message) => {
    expect(() => readParameterReference(source, 0)).toThrow(message);
  });
});
