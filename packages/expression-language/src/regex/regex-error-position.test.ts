import { describe, expect, it } from 'vitest';
import { regexErrorPosition } from './regex-error-position.js';

describe('regexErrorPosition', () => {
  it('points at the innermost group that is never closed', () => {
    expect(regexErrorPosition('ab(c', 'Unterminated group')).toBe(2);
    expect(regexErrorPosition('(a(?:b)(c', 'Unterminated group')).toBe(7);
  });

  it('ignores parentheses that are escaped, quoted or in a class', () => {
    expect(regexErrorPosition('\\((x[(]\\Q(\\E', 'Unterminated group')).toBe(2);
  });

  it('points at the closing parenthesis that closes nothing', () => {
    expect(regexErrorPosition('(a)b)', "Unmatched ')'")).toBe(4);
  });

  it('points at a quantifier with nothing to repeat, but not at a lazy one', () => {
    expect(regexErrorPosition('*a', 'Nothing to repeat')).toBe(0);
    expect(regexErrorPosition('a*?b|+', 'Nothing to repeat')).toBe(5);
    expect(regexErrorPosition('(?i)a{2}{3}', 'Nothing to repeat')).toBe(8);
    expect(regexErrorPosition('(?:*)', 'Nothing to repeat')).toBe(3);
  });

  it('has no position for reasons a scan cannot place', () => {
    expect(regexErrorPosition('x{3,1}', 'numbers out of order in {} quantifier')).toBeUndefined();
  });
});
