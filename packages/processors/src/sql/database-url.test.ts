import { describe, expect, it } from 'vitest';
import { displayUrl, parseDatabaseUrl, type PostgresTarget } from './database-url.js';

function target(text: string): PostgresTarget {
  const parsed = parseDatabaseUrl(text);
  if (!parsed.ok) throw new Error(parsed.problem);
  return parsed.target;
}

function problem(text: string): string {
  const parsed = parseDatabaseUrl(text);
  if (parsed.ok) throw new Error(`${text} was accepted`);
  return parsed.problem;
}

describe('parseDatabaseUrl', () => {
  it("reads NiFi's JDBC URL", () => {
    expect(target('jdbc:postgresql://db.example.com:6543/warehouse')).toEqual({
      host: 'db.example.com',
      port: 6543,
      database: 'warehouse',
      user: undefined,
      ssl: 'disable',
      applicationName: undefined,
      currentSchema: undefined,
      hasPassword: false,
    });
  });

  it('reads the libpq URL, with user, port default and parameters', () => {
    expect(
      target('postgresql://etl@10.0.0.5/events?sslmode=require&application_name=loader'),
    ).toMatchObject({
      host: '10.0.0.5',
      port: 5432,
      database: 'events',
      user: 'etl',
      ssl: 'require',
      applicationName: 'loader',
    });
    expect(target('postgres://h/d').host).toBe('h');
  });

  it('reads the JDBC forms without a host as the local server', () => {
    expect(target('jdbc:postgresql:test')).toMatchObject({
      host: 'localhost',
      port: 5432,
      database: 'test',
    });
    expect(target('jdbc:postgresql:/')).toMatchObject({ host: 'localhost', database: '' });
  });

  it('reads JDBC parameters: user, ssl=true (verify), currentSchema, ApplicationName; ignores driver-only ones', () => {
    expect(
      target(
        'jdbc:postgresql://h:5432/d?user=loader&ssl=true&currentSchema=staging&ApplicationName=nifi&stringtype=unspecified',
      ),
    ).toMatchObject({
      user: 'loader',
      ssl: 'verify-full',
      currentSchema: 'staging',
      applicationName: 'nifi',
    });
  });

  it('reads an IPv6 host and percent-encoded names', () => {
    expect(target('jdbc:postgresql://[::1]:5433/my%20db')).toMatchObject({
      host: '::1',
      port: 5433,
      database: 'my db',
    });
  });

  it('notices a password in the URL, in the user part or as a parameter', () => {
    expect(target('postgresql://u:secret@h/d').hasPassword).toBe(true);
    expect(target('jdbc:postgresql://h/d?user=u&password=secret').hasPassword).toBe(true);
  });

  it('names what is wrong without repeating the URL, which may hold a password', () => {
    const problems = [
      problem('jdbc:mysql://u:hunter2@h:3306/d'),
      problem('http://u:hunter2@h/d'),
      problem('postgresql://u:hunter2@h:port/d'),
      problem('postgresql://u:hunter2@h1:5432,h2:5432/d'),
      problem('postgresql://u:hunter2@h/d?sslmode=sometimes'),
      problem('postgresql:///d?password=hunter2'),
    ];

    expect(problems).toEqual([
      'is a jdbc:mysql URL: this DBCPConnectionPool connects to PostgreSQL only (jdbc:postgresql://host:port/database, jdbc:postgresql:database or postgresql://host:port/database)',
      'is not a PostgreSQL URL: expected jdbc:postgresql://host:port/database, jdbc:postgresql:database or postgresql://host:port/database',
      'cannot be read as a URL: expected jdbc:postgresql://host:port/database, jdbc:postgresql:database or postgresql://host:port/database',
      'names several hosts; one host is supported',
      'has sslmode=sometimes: expected disable, allow, prefer, require, verify-ca or verify-full',
      'names no host: expected jdbc:postgresql://host:port/database, jdbc:postgresql:database or postgresql://host:port/database',
    ]);
    expect(problems.join(' ')).not.toContain('hunter2');
  });
});

describe('displayUrl', () => {
  it('shows the JDBC URL without user, password or parameters', () => {
    expect(displayUrl(target('postgresql://u:secret@db:5433/sales?sslmode=require'))).toBe(
      'jdbc:postgresql://db:5433/sales',
    );
    expect(displayUrl(target('jdbc:postgresql://[::1]/test'))).toBe(
      'jdbc:postgresql://[::1]:5432/test',
    );
  });
});
