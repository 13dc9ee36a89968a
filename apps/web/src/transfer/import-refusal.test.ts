import { TRPCClientError } from '@trpc/client';
import { describe, expect, it } from 'vitest';
import { importRefusal } from './import-refusal.js';

/** A client error as tRPC builds it from an error response of the server. */
function serverError(message: string, data: Record<string, unknown>): TRPCClientError<never> {
  return TRPCClientError.from({ error: { message, code: -32600, data } });
}

describe('importRefusal', () => {
  it('lists every issue of a refused document by JSON path', () => {
    // Given the BAD_REQUEST the server answers a wrong flow document with
    const error = serverError('2 problems', {
      code: 'BAD_REQUEST',
      httpStatus: 400,
      issues: [
        { path: 'flow.connections[0].destination', message: "no processor with id 'x'" },
        { path: 'flow.processors[1].type', message: "Unknown processor type 'PublishKafka'" },
      ],
    });
    // When its refusal is read
    const refusal = importRefusal(error);
    // Then every issue is there, in order
    expect(refusal).toEqual({
      message: '2 problems',
      issues: [
        { path: 'flow.connections[0].destination', message: "no processor with id 'x'" },
        { path: 'flow.processors[1].type', message: "Unknown processor type 'PublishKafka'" },
      ],
    });
  });

  it('keeps the message when a refusal has no issues', () => {
    const error = serverError('an import takes at most 10 MB', { code: 'BAD_REQUEST' });
    expect(importRefusal(error)).toEqual({ message: 'an import takes at most 10 MB', issues: [] });
  });

  it('skips malformed issues rather than showing them half', () => {
    const error = serverError('bad', {
      code: 'BAD_REQUEST',
      issues: [{ path: '$', message: 'not JSON' }, { path: 3 }, 'text', null],
    });
    expect(importRefusal(error)?.issues).toEqual([{ path: '$', message: 'not JSON' }]);
  });

  it('is null for failures that are not about the file', () => {
    expect(importRefusal(serverError('boom', { code: 'INTERNAL_SERVER_ERROR' }))).toBeNull();
    expect(importRefusal(new TRPCClientError('Failed to fetch'))).toBeNull();
    expect(importRefusal('nope')).toBeNull();
  });
});
