import { mkdtemp, rename, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { TestRunner } from '@sluice/engine';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { closedAfterEach } from '../test/support/runners.js';
import { LOOKUP_ATTRIBUTE_FAILURE_ATTRIBUTE, LookupAttribute } from './lookup-attribute.js';
import { RELOAD_CHECK_INTERVAL_MS } from './lookup/reloading-csv-table.js';
import { SimpleCsvFileLookupService } from './services/simple-csv-file-lookup-service.js';

const track = closedAfterEach();
let dir: string;
let table: string;

const COUNTRIES =
  'code,name,capital\nKR,"Korea, Republic of",Seoul\nFR,France,Paris\nXX,,Nowhere\n';

beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'sluice-lookup-attribute-'));
  table = path.join(dir, 'countries.csv');
  await writeFile(table, COUNTRIES);
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function runner(
  properties: Record<string, string>,
  service: Record<string, string> = {},
): Promise<TestRunner> {
  return track(
    await TestRunner.create(LookupAttribute, {
      properties: { lookupService: 'countries', ...properties },
      services: {
        countries: {
          definition: SimpleCsvFileLookupService,
          properties: {
            csvFile: table,
            lookupKeyColumn: 'code',
            lookupValueColumn: 'name',
            ...service,
          },
        },
      },
    }),
  );
}

/** Replaces the table atomically, as the service's docs advise, with a modification time one second later. */
async function replaceTable(content: string): Promise<void> {
  const next = path.join(dir, 'next.csv');
  await writeFile(next, content);
  const later = new Date(Date.now() + 1000);
  await utimes(next, later, later);
  await rename(next, table);
}

const waitForReloadCheck = () =>
  new Promise((resolve) => setTimeout(resolve, RELOAD_CHECK_INTERVAL_MS + 100));

describe('LookupAttribute with SimpleCsvFileLookupService', () => {
  it('writes the looked-up value to the attribute named by each property, keys from the expression language', async () => {
    const run = await runner({ 'country.name': '${country:toUpper()}', 'home.name': '${home}' });
    await run.enqueue('body', { country: 'kr', home: 'FR' });

    await run.run();

    const [matched] = await run.flowFiles('matched');
    expect(matched?.attributes).toMatchObject({
      'country.name': 'Korea, Republic of',
      'home.name': 'France',
      country: 'kr',
    });
    expect(matched?.text).toBe('body');
  });

  it('routes a flowfile whose keys are not found to unmatched without Include Empty Values', async () => {
    const run = await runner({ 'country.name': '${country}', includeEmptyValues: 'false' });
    await run.enqueue('', { country: 'KR' });
    await run.enqueue('', { country: 'DE' });
    await run.enqueue('', { country: 'XX' });

    await run.run();

    expect((await run.flowFiles('matched')).map((f) => f.attributes['country.name'])).toEqual([
      'Korea, Republic of',
    ]);
    const unmatched = await run.flowFiles('unmatched');
    expect(unmatched.map((f) => f.attributes['country'])).toEqual(['DE', 'XX']);
    expect(unmatched.every((f) => !('country.name' in f.attributes))).toBe(true);
  });

  it('with Include Empty Values (NiFi default) writes "null" for a missing key, "" for a blank value, and counts both as matched', async () => {
    const run = await runner({ 'country.name': '${country}' });
    await run.enqueue('', { country: 'DE' });
    await run.enqueue('', { country: 'XX' });

    await run.run();

    expect((await run.flowFiles('matched')).map((f) => f.attributes['country.name'])).toEqual([
      'null',
      '',
    ]);
    expect(await run.flowFiles('unmatched')).toEqual([]);
  });

  it('follows the file: a changed table gives the new values, without restarting anything', async () => {
    const run = await runner({ 'country.name': '${country}' });
    await run.enqueue('', { country: 'FR' });
    await run.run();

    // Rewritten in place, as a person editing the file would.
    await writeFile(table, 'code,name\nFR,"République française"\nDE,Deutschland\n');
    await waitForReloadCheck();
    await run.enqueue('', { country: 'FR' });
    await run.enqueue('', { country: 'DE' });
    await run.run();

    expect((await run.flowFiles('matched')).map((f) => f.attributes['country.name'])).toEqual([
      'France',
      'République française',
      'Deutschland',
    ]);
    expect(run.engine.bulletins.query({ limit: 100 })).toEqual([]);
  });

  it('sends flowfiles to failure with the reason while the changed file cannot be read, and recovers', async () => {
    const run = await runner({ 'country.name': '${country}' });
    await rm(table);
    await waitForReloadCheck();
    await run.enqueue('', { country: 'KR', filename: 'first' });
    await run.run();

    const [failed] = await run.flowFiles('failure');
    expect(failed?.attributes[LOOKUP_ATTRIBUTE_FAILURE_ATTRIBUTE]).toBe(
      `looking up 'KR' for 'country.name': CSV File ${table} does not exist (the lookup table cannot follow the file's change; lookups fail until it can be read again)`,
    );
    expect(failed?.flowFile.penalizedUntil).toBeGreaterThan(Date.now());
    expect(run.bulletins().some((b) => b.message.includes('does not exist'))).toBe(true);

    await replaceTable('code,name\nKR,Korea\n');
    await waitForReloadCheck();
    await run.enqueue('', { country: 'KR', filename: 'second' });
    await run.run();
    expect((await run.flowFiles('matched')).map((f) => f.attributes['country.name'])).toEqual([
      'Korea',
    ]);
  });

  it('refuses to start without a user-defined property', async () => {
    const run = await runner({});
    expect(run.validationErrors()).toEqual([
      'At least one user-defined property must be specified: the attribute to set, with the key to look up as its value.',
    ]);
  });

  it('cannot start when the CSV file is missing: the service is not enabled, with the reason', async () => {
    const missing = path.join(dir, 'nope.csv');
    await expect(runner({ 'country.name': '${country}' }, { csvFile: missing })).rejects.toThrow(
      `Could not enable service 'countries': CSV File ${missing} does not exist`,
    );
  });
});
