import { describe, expect, it } from 'vitest';
import { errorReason, statusProblem } from './elasticsearch-request-error.js';

const ALL_SHARDS_FAILED = {
  error: {
    type: 'search_phase_execution_exception',
    reason: 'all shards failed',
    root_cause: [{ type: 'query_shard_exception', reason: 'failed to create query' }],
  },
  status: 400,
};

describe('errorReason', () => {
  it('reads type and reason, with the root cause when it says more, from a body or its text', () => {
    const expected =
      'search_phase_execution_exception: all shards failed (caused by query_shard_exception: failed to create query)';
    expect(errorReason(ALL_SHARDS_FAILED)).toBe(expected);
    expect(errorReason(JSON.stringify(ALL_SHARDS_FAILED))).toBe(expected);
    expect(
      errorReason({ error: { type: 'x', reason: 'y', root_cause: [{ type: 'x', reason: 'y' }] } }),
    ).toBe('x: y');
  });

  it('keeps a plain-text body (cut short) and has nothing to say about an empty one', () => {
    expect(errorReason('  Bad Gateway  ')).toBe('Bad Gateway');
    expect(errorReason('x'.repeat(600))).toHaveLength(500);
    expect(errorReason('')).toBeUndefined();
    expect(errorReason({ acknowledged: false })).toBeUndefined();
  });
});

describe('statusProblem', () => {
  it('sends 429, 502, 503 and 504 to retry and every other error status to failure', () => {
    for (const status of [429, 502, 503, 504]) {
      expect(statusProblem(status, '', 'http://es:9200').kind).toBe('retry');
    }
    expect(statusProblem(400, ALL_SHARDS_FAILED, 'http://es:9200')).toEqual({
      kind: 'failure',
      status: 400,
      message:
        'Elasticsearch at http://es:9200 refused the request with HTTP 400: search_phase_execution_exception: all shards failed (caused by query_shard_exception: failed to create query)',
    });
    expect(statusProblem(503, '', 'http://es:9200').message).toBe(
      'Elasticsearch at http://es:9200 cannot take the request now (HTTP 503): HTTP 503',
    );
  });
});
