import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { TestRunner } from '@sluice/engine';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { closedAfterEach } from '../../test/support/runners.js';
import { LookupAttribute } from '../lookup-attribute.js';
import type { LookupService } from '../lookup/lookup-service.js';
import { SimpleCsvFileLookupService } from './simple-csv-file-lookup-service.js';

const track = closedAfterEach();
let dir: string;

beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'sluice-csv-lookup-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function csvFile(content: string | Uint8Array, name = 'table.csv'): Promise<string> {
  const file = path.join(dir, name);
  await writeFile(file, content);
  return file;
}

/** Enables the service (through a LookupAttribute runner, as the engine does) and returns it. */
async function enabled(
  properties: Record<string, string>,
): Promise<{ runner: TestRunner; service: LookupService }> {
  const runner = track(
    await TestRunner.create(LookupAttribute, {
      properties: { lookupService: 'lookup', name: '${code}' },
      services: {
        lookup: {
          definition: SimpleCsvFileLookupService,
          properties: { lookupKeyColumn: 'code', lookupValueColumn: 'name', ...properties },
        },
      },
      autoTerminate: ['matched', 'unmatched', 'failure'],
    }),
  );
  const service = runner.engine.controllerServices.get('lookup')!.instance() as LookupService;
  return { runner, service };
}

/** Why enabling the service is refused. */
async function enableProblem(properties: Record<string, string>): Promise<string> {
  try {
    await enabled(properties);
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error('the service was enabled');
}

describe('SimpleCsvFileLookupService', () => {
  it('looks up the value column by the key column, wherever they are in the header', async () => {
    const csvFile_ = await csvFile('name,region,code\nKorea,Asia,KR\nFrance,Europe,FR\n');
    const { service } = await enabled({ csvFile: csvFile_ });
    expect(await service.lookup('KR')).toBe('Korea');
    expect(await service.lookup('FR')).toBe('France');
    expect(await service.lookup('DE')).toBeUndefined();
    expect(await service.lookup('  ')).toBeUndefined();
  });

  it('reads quoted values with commas, doubled quotes and line breaks (RFC4180)', async () => {
    const file = await csvFile(
      'code,name\r\nSEL,"Seoul, Korea"\r\nQ,"the ""quoted"" one"\r\nML,"two\r\nlines"\r\nSP, keeps spaces \r\n',
    );
    const { service } = await enabled({ csvFile: file, csvFormat: 'RFC4180' });
    expect(await service.lookup('SEL')).toBe('Seoul, Korea');
    expect(await service.lookup('Q')).toBe('the "quoted" one');
    expect(await service.lookup('ML')).toBe('two\r\nlines');
    expect(await service.lookup('SP')).toBe(' keeps spaces ');
  });

  it('trims the spaces around values in the Default Format, not inside quotes', async () => {
    const file = await csvFile('code , name\n KR , Korea \nUS,"  United States  "\n');
    const { service } = await enabled({ csvFile: file });
    expect(await service.lookup('KR')).toBe('Korea');
    expect(await service.lookup('US')).toBe('  United States  ');
  });

  it('reads tab-delimited files', async () => {
    const file = await csvFile('code\tname\nKR\tKorea, Republic of\n');
    const { service } = await enabled({ csvFile: file, csvFormat: 'tdf' });
    expect(await service.lookup('KR')).toBe('Korea, Republic of');
  });

  it('decodes the file with its Character Set', async () => {
    const latin1 = Buffer.from('code,name\nFR,Fran\xe7ais\n', 'latin1');
    const { service } = await enabled({ csvFile: await csvFile(latin1), charset: 'ISO-8859-1' });
    expect(await service.lookup('FR')).toBe('Français');
  });

  it('refuses a file that is not valid in its Character Set, naming the file', async () => {
    const file = await csvFile(Buffer.from([0x63, 0x6f, 0x64, 0x65, 0x0a, 0xff, 0xfe]));
    expect(await enableProblem({ csvFile: file })).toContain(
      `CSV File ${file} is not valid UTF-8 text`,
    );
  });

  it('refuses a Character Set it cannot decode, before enabling', async () => {
    const file = await csvFile('code,name\n');
    expect(await enableProblem({ csvFile: file, charset: 'EBCDIC-XYZ' })).toBe(
      "Could not enable service 'lookup': Character Set: 'Character Set' 'EBCDIC-XYZ' is not a character set Sluice can decode (e.g. UTF-8, ISO-8859-1, windows-1252, EUC-KR, Shift_JIS, UTF-16LE)",
    );
  });

  it('refuses to enable when the file does not exist, naming it', async () => {
    const missing = path.join(dir, 'missing.csv');
    expect(await enableProblem({ csvFile: missing })).toBe(
      `Could not enable service 'lookup': CSV File ${missing} does not exist`,
    );
  });

  it('refuses a key or value column the header does not have, listing the header', async () => {
    const file = await csvFile('id,label\n1,one\n');
    expect(await enableProblem({ csvFile: file })).toBe(
      `Could not enable service 'lookup': Lookup Key Column 'code' is not a column of CSV File ${file}; its header has: 'id', 'label'`,
    );
  });

  it('refuses a blank key and, without Ignore Duplicates, a repeated key, naming the line', async () => {
    const blank = await csvFile('code,name\nKR,Korea\n ,Nowhere\n', 'blank.csv');
    expect(await enableProblem({ csvFile: blank })).toContain(
      `Empty lookup key encountered at line 3 of CSV File ${blank}`,
    );
    const repeated = await csvFile('code,name\nKR,Korea\nKR,Corea\n', 'repeated.csv');
    expect(await enableProblem({ csvFile: repeated, ignoreDuplicates: 'false' })).toContain(
      `Duplicate lookup key encountered: 'KR' at line 3 of CSV File ${repeated}`,
    );
  });

  it('keeps the last value of a repeated key with Ignore Duplicates, and warns', async () => {
    const file = await csvFile('code,name\nKR,Korea\nKR,Corea\n');
    const { runner, service } = await enabled({ csvFile: file });
    expect(await service.lookup('KR')).toBe('Corea');
    const warnings = runner.engine.bulletins.query({ limit: 100 }).map((b) => b.message);
    expect(
      warnings.some((m) => m.includes('Duplicate lookup keys encountered') && m.includes("'KR'")),
    ).toBe(true);
  });

  it('refuses a row too short for the columns and a file that is not valid CSV, naming the line', async () => {
    const short = await csvFile('code,other,name\nKR,x\n', 'short.csv');
    expect(await enableProblem({ csvFile: short })).toContain(
      `line 2 of CSV File ${short} has 2 fields, too few for the columns 'code' and 'name'`,
    );
    const broken = await csvFile('code,name\nKR,"Korea\n', 'broken.csv');
    expect(await enableProblem({ csvFile: broken })).toContain(
      `CSV File ${broken} is not valid CSV in the default format`,
    );
  });

  it('refuses an empty file: it has no header', async () => {
    const file = await csvFile('');
    expect(await enableProblem({ csvFile: file })).toContain('needs a header line');
  });
});
