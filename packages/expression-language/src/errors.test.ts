import { describe, expect, it } from 'vitest';
import { ExpressionError, describeLocation, locate } from './errors.js';

describe('locate', () => {
  it('counts lines and columns from 1', () => {
    expect(locate('abc', 0)).toEqual({ line: 1, column: 1 });
    expect(locate('abc', 2)).toEqual({ line: 1, column: 3 });
    expect(locate('ab\ncd\nef', 4)).toEqual({ line: 2, column: 2 });
    expect(locate('ab\ncd\nef', 6)).toEqual({ line: 3, column: 1 });
  });

  it('clamps offsets outside the text', () => {
    expect(locate('ab', 10)).toEqual({ line: 1, column: 3 });
    expect(locate('ab', -1)).toEqual({ line: 1, column: 1 });
  });
});

describe('describeLocation', () => {
  it('names the line only in multi-line text', () => {
    expect(describeLocation('abc', 1)).toBe('column 2');
    expect(describeLocation('a\nbc', 3)).toBe('line 2, column 2');
  });
});

describe('ExpressionError', () => {
  it('carries code, template, position, line and column', () => {
    const error = new ExpressionError({
      code: 'syntax',
      message: 'bad',
      template: 'x\ny',
      position: 2,
    });
    expect(error).toBeInstanceOf(Error);
    expect(error).toMatchObject({
      name: 'ExpressionError',
      code: 'syntax',
      message: 'bad',
      position: 2,
      line: 2,
      column: 1,
    });
  });

  it('keeps the cause', () => {
    const cause = new RangeError('too big');
    expect(
      new ExpressionError({ code: 'evaluation', message: 'm', template: '', position: 0, cause })
        .cause,
    ).toBe(cause);
  });
});
