import { describe, expect, it } from 'vitest';
import { cronProblem } from './cron-problem.js';

describe('cronProblem', () => {
  it('accepts 5-field and seconds-first 6-field expressions', () => {
    expect(cronProblem('0 2 * * *')).toBeUndefined();
    expect(cronProblem('0 0 2 * * ?')).toBeUndefined();
  });

  it('names the field that is out of range', () => {
    expect(cronProblem('99 * * * *')).toMatch(/minute: 99/);
  });
});
