import { parseDataSize, parseDuration } from '@sluice/flow-schema';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dataSizeProblem, durationProblem } from './units.js';

/** What the server says about a value: its message, or undefined when it accepts it. */
function serverProblem(parse: (text: string) => number, text: string): string | undefined {
  try {
    parse(text);
    return undefined;
  } catch (error) {
    return (error as Error).message;
  }
}

const unitWords = ['sec', 'ms', 'MINS', 'hours', 'd', 'w', 'B', 'kb', 'GiB', 'PB', 'parsec', ''];
const quantity = fc
  .tuple(
    fc.constantFrom('', ' '),
    fc.stringMatching(/^\d{0,3}$/),
    fc.option(fc.stringMatching(/^\d{0,2}$/)),
    fc.constantFrom('', ' ', '  '),
    fc.constantFrom(...unitWords),
  )
  .map(([lead, whole, fraction, gap, unit]) =>
    fraction === null ? `${lead}${whole}${gap}${unit}` : `${lead}${whole}.${fraction}${gap}${unit}`,
  );

describe('durationProblem and dataSizeProblem', () => {
  it('accept what the server accepts', () => {
    expect(durationProblem('30 sec')).toBeUndefined();
    expect(durationProblem('1.5hours')).toBeUndefined();
    expect(dataSizeProblem('1 GB')).toBeUndefined();
    expect(dataSizeProblem('512 bytes')).toBeUndefined();
  });

  it('refuse with the server’s own message', () => {
    expect(durationProblem('soon')).toBe(serverProblem(parseDuration, 'soon'));
    expect(dataSizeProblem('1 GBs')).toMatch(/^Invalid data size "1 GBs": expected/);
  });

  it('agree with flow-schema on any quantity-like text', () => {
    fc.assert(
      fc.property(fc.oneof(quantity, fc.string({ maxLength: 12 })), (text) => {
        expect(durationProblem(text)).toBe(serverProblem(parseDuration, text));
        expect(dataSizeProblem(text)).toBe(serverProblem(parseDataSize, text));
      }),
      { numRuns: 2000 },
    );
  });

  it('agree on numbers so long they overflow', () => {
    const huge = `${'9'.repeat(400)} PB`;
    expect(dataSizeProblem(huge)).toBe(serverProblem(parseDataSize, huge));
  });
});
