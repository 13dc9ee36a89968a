import { describe, expect, it } from 'vitest';
import { captureLogs } from '../../test/log-capture.js';
import { errorRecord, levelOfBulletin } from './logger.js';

describe('createLogger', () => {
  it('writes JSON lines with the level as a word, an ISO time and the name sluice', () => {
    // Given a logger at info
    const logs = captureLogs('info');

    // When it logs at debug and at warn
    logs.logger.debug('not shown');
    logs.logger.warn({ flows: 2 }, 'something to know');

    // Then only the warning is written, as one JSON record
    expect(logs.records()).toMatchObject([
      { level: 'warn', name: 'sluice', flows: 2, msg: 'something to know' },
    ]);
    expect(logs.records()[0]!['time']).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
  });

  it('redacts cookies, credentials and passwords from any record built by hand', () => {
    // Given a record that carries every kind of secret the server handles
    const logs = captureLogs('info');

    // When it is logged
    logs.logger.info(
      {
        req: { headers: { cookie: 'sluice_session=abc123', authorization: 'Basic dXNlcjpwdw==' } },
        res: { headers: { 'set-cookie': 'sluice_session=def456' } },
        password: 'top-level-pw',
        input: { username: 'admin', password: 'nested-pw' },
      },
      'login',
    );

    // Then none of the values is written, and the rest is
    const text = logs.text();
    for (const secret of ['abc123', 'dXNlcjpwdw', 'def456', 'top-level-pw', 'nested-pw']) {
      expect(text).not.toContain(secret);
    }
    expect(logs.records()[0]).toMatchObject({
      input: { username: 'admin', password: '[Redacted]' },
    });
  });
});

describe('errorRecord', () => {
  it("masks the flows' secrets in an error's message and stack", () => {
    // Given an error that quotes a password
    const error = new Error("login to db failed for password 'pa55word'");

    // When it becomes a log field
    const record = errorRecord(error, ['pa55word']);

    // Then the password is masked everywhere
    expect(record.type).toBe('Error');
    expect(record.message).not.toContain('pa55word');
    expect(record.stack).toBeDefined();
    expect(record.stack).not.toContain('pa55word');
    expect(errorRecord('plain pa55word', ['pa55word']).message).not.toContain('pa55word');
  });
});

describe('levelOfBulletin', () => {
  it("maps NiFi's bulletin levels to pino's", () => {
    expect((['DEBUG', 'INFO', 'WARN', 'ERROR'] as const).map(levelOfBulletin)).toEqual([
      'debug',
      'info',
      'warn',
      'error',
    ]);
  });
});
