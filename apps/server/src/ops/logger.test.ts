import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { captureLogs } from '../../test/log-capture.js';
import { createLogger, errorRecord, levelOfBulletin, whenLogsWritten } from './logger.js';

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

describe('whenLogsWritten', () => {
  it('calls back only once every line is written by the asynchronous destination', async () => {
    // given the production destination (asynchronous writes) into a file, and many lines
    const dir = await mkdtemp(path.join(tmpdir(), 'sluice-logger-'));
    try {
      const file = path.join(dir, 'out.log');
      const destination = pino.destination({ dest: file, sync: false, mkdir: true });
      await new Promise((resolve) => destination.once('ready', resolve));
      const logger = createLogger({ level: 'info', destination });
      for (let i = 0; i < 2_000; i++) logger.info({ i }, `line ${i} ${'x'.repeat(100)}`);
      logger.info('Shutdown complete');

      // when it calls back, the file is read at once, as process.exit would cut it
      // (logger.flush called back while a write was still in flight)
      const text = await new Promise<string>((resolve) => {
        whenLogsWritten(logger, () => resolve(readFileSync(file, 'utf8')));
      });

      // then every line is there, the last one last
      const lines = text.trim().split('\n');
      expect(lines).toHaveLength(2_001);
      expect(JSON.parse(lines.at(-1)!)).toMatchObject({ msg: 'Shutdown complete' });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
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
