import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { connectError, DatabaseAccessError, statementError } from './database-error.js';

const target = { url: 'jdbc:postgresql://db:5432/sales', user: 'etl', password: 'hunter2' };

/** An error as node-postgres builds it from the server's ErrorResponse. */
function serverError(code: string, message: string, fields: Partial<pg.DatabaseError> = {}) {
  const error = new pg.DatabaseError(message, 0, 'error');
  Object.assign(error, { severity: 'ERROR', code, ...fields });
  return error;
}

/** An error as Node's socket reports it. */
function socketError(code: string, message: string): Error {
  return Object.assign(new Error(message), { code });
}

describe('connectError', () => {
  it('names the URL, the user and a wrong password', () => {
    const error = connectError(
      serverError('28P01', 'password authentication failed for user "etl"', { severity: 'FATAL' }),
      target,
      500,
    );

    expect(error).toBeInstanceOf(DatabaseAccessError);
    expect(error.kind).toBe('connection');
    expect(error.sqlState).toBe('28P01');
    expect(error.message).toBe(
      `Cannot connect to jdbc:postgresql://db:5432/sales as user 'etl': password authentication failed for user "etl" (SQLSTATE 28P01)`,
    );
  });

  it('names a refused connection and an unknown host', () => {
    expect(
      connectError(socketError('ECONNREFUSED', 'connect ECONNREFUSED 1.2.3.4:5432'), target, 500)
        .message,
    ).toBe(
      "Cannot connect to jdbc:postgresql://db:5432/sales as user 'etl': the connection was refused (is PostgreSQL running and listening there?) (ECONNREFUSED)",
    );
    expect(
      connectError(socketError('ENOTFOUND', 'getaddrinfo ENOTFOUND db'), target, 500).message,
    ).toContain('the host name is not known (ENOTFOUND)');
  });

  it('names the Max Wait Time when no connection came in time', () => {
    const error = connectError(new Error('timeout exceeded when trying to connect'), target, 500);

    expect(error.message).toContain('no connection within the Max Wait Time (500 ms)');
  });

  it('masks the password should a message ever contain it', () => {
    const error = connectError(new Error('bad login etl:hunter2'), target, 500);

    expect(error.message).not.toContain('hunter2');
    expect(error.message).toContain('etl:********');
  });
});

describe('statementError', () => {
  it('classifies a constraint violation as the statement at fault, with the detail', () => {
    const error = statementError(
      serverError('23505', 'duplicate key value violates unique constraint "t_pkey"', {
        detail: 'Key (id)=(1) already exists.',
      }),
      target,
    );

    expect(error.kind).toBe('statement');
    expect(error.message).toBe(
      'duplicate key value violates unique constraint "t_pkey" (SQLSTATE 23505): Key (id)=(1) already exists.',
    );
  });

  it('classifies deadlocks, serialization failures and timeouts as transient', () => {
    for (const code of ['40P01', '40001', '57014', '55P03', '53300']) {
      expect(statementError(serverError(code, 'busy'), target).kind, code).toBe('transient');
    }
  });

  it('classifies a lost connection, an administrator shutdown and socket errors as connection', () => {
    expect(statementError(new Error('Connection terminated unexpectedly'), target)).toMatchObject({
      kind: 'connection',
      message:
        'The connection to jdbc:postgresql://db:5432/sales failed: Connection terminated unexpectedly',
    });
    expect(
      statementError(
        serverError('57P01', 'terminating connection due to administrator command'),
        target,
      ).kind,
    ).toBe('connection');
    expect(statementError(serverError('08006', 'connection failure'), target).kind).toBe(
      'connection',
    );
    expect(statementError(socketError('EPIPE', 'write EPIPE'), target).message).toContain(
      'the connection was closed (EPIPE)',
    );
  });

  it('classifies a value the driver refused as the statement at fault', () => {
    expect(statementError(new TypeError('bad value'), target).kind).toBe('statement');
  });
});
