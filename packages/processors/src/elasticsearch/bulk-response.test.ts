import { describe, expect, it } from 'vitest';
import { documentOutcomes } from './bulk-response.js';

const created = (id: string) => ({
  index: { _index: 'i', _id: id, status: 201, result: 'created' },
});

describe('documentOutcomes', () => {
  it('reads an answer without errors as one successful outcome per operation', () => {
    const body = { errors: false, items: [created('a'), created('b')] };
    expect(documentOutcomes(body, 2, true)).toEqual([
      { kind: 'successful' },
      { kind: 'successful' },
    ]);
  });

  it('gives each document its own outcome when some failed, with the reason', () => {
    const body = {
      errors: true,
      items: [
        created('a'),
        {
          index: {
            _index: 'i',
            _id: 'b',
            status: 400,
            error: {
              type: 'mapper_parsing_exception',
              reason: 'failed to parse field [n]',
              caused_by: { type: 'number_format_exception', reason: 'For input string: "x"' },
            },
          },
        },
        {
          index: {
            _index: 'i',
            _id: 'c',
            status: 429,
            error: { type: 'es_rejected_execution_exception', reason: 'busy' },
          },
        },
      ],
    };
    const outcomes = documentOutcomes(body, 3, true);
    expect(outcomes.map((o) => o.kind)).toEqual(['successful', 'error', 'retry']);
    expect(outcomes[1]).toMatchObject({ status: 400, type: 'mapper_parsing_exception' });
    expect(outcomes[1]?.kind === 'error' && outcomes[1].reason).toContain('For input string');
  });

  it('counts a delete of a missing document as an error only when told to', () => {
    const body = {
      errors: false,
      items: [{ delete: { _index: 'i', _id: 'gone', status: 404, result: 'not_found' } }],
    };
    expect(documentOutcomes(body, 1, true)).toEqual([{ kind: 'successful' }]);
    expect(documentOutcomes(body, 1, false)[0]).toMatchObject({ kind: 'error', type: 'not_found' });
  });

  it('reads an item carrying an error even when the answer says there were none', () => {
    const body = {
      errors: false,
      items: [{ index: { _index: 'i', _id: 'x', status: 400, error: 'refused' } }],
    };
    expect(documentOutcomes(body, 1, true)[0]).toMatchObject({ kind: 'error', reason: 'refused' });
  });

  it('refuses an answer that is not a bulk response, or has the wrong number of items', () => {
    expect(() => documentOutcomes({ took: 3 }, 1, true)).toThrow(/not a bulk response/);
    expect(() => documentOutcomes({ errors: false, items: [created('a')] }, 2, true)).toThrow(
      /1 items for a bulk request of 2 operations/,
    );
    expect(() =>
      documentOutcomes({ errors: false, items: [{ index: { _id: 'a' } }] }, 1, true),
    ).toThrow(/not a bulk response/);
  });
});
