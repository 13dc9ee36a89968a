import { defineControllerService, prop } from '@sluice/engine';
import { CSV_FORMATS } from '../lookup/csv-format.js';
import { LookupServiceApi, type LookupService } from '../lookup/lookup-service.js';
import { ReloadingCsvTable } from '../lookup/reloading-csv-table.js';

/** A Character Set check: undefined when Node can decode the encoding, else why not. */
function charsetProblem(value: string): string | undefined {
  try {
    new TextDecoder(value.trim());
    return undefined;
  } catch {
    return `'${value}' is not a character set Sluice can decode (e.g. UTF-8, ISO-8859-1, windows-1252, EUC-KR, Shift_JIS, UTF-16LE)`;
  }
}

const properties = {
  csvFile: prop.string({
    name: 'CSV File',
    description: 'Path to a CSV File in which the key value pairs can be looked up.',
    required: true,
    el: 'environment',
  }),
  csvFormat: prop.choice({
    name: 'CSV Format',
    description: 'Specifies which "format" the CSV data is in.',
    values: CSV_FORMATS,
    default: 'default',
  }),
  charset: prop.string({
    name: 'Character Set',
    description: 'The Character Encoding that is used to decode the CSV file.',
    default: 'UTF-8',
    el: 'environment',
    validate: charsetProblem,
  }),
  lookupKeyColumn: prop.string({
    name: 'Lookup Key Column',
    description:
      'The field in the CSV file that will serve as the lookup key. This is the field that will be matched against the property specified in the lookup processor.',
    required: true,
    el: 'environment',
  }),
  lookupValueColumn: prop.string({
    name: 'Lookup Value Column',
    description: 'Lookup value column.',
    required: true,
    el: 'environment',
  }),
  ignoreDuplicates: prop.boolean({
    name: 'Ignore Duplicates',
    description:
      'Ignore duplicate keys for records in the CSV file: the last value of a repeated key is kept, with a warning. When false, a repeated key refuses the file.',
    default: 'true',
  }),
} as const;

/**
 * NiFi's SimpleCsvFileLookupService: a reloadable CSV file-based lookup service, the first line of
 * the file being the header. Enabling reads the file, and is refused with the reason when the
 * file is missing, not valid CSV, lacks the key or value column, has a blank key, or (without
 * Ignore Duplicates) repeats a key. Afterwards the file is checked for changes (modification
 * time, size, inode) at most once a second, on lookup, and reloaded when it changed; while a
 * changed file cannot be read, lookups fail (LookupAttribute routes to failure) until it can.
 *
 * Not supported: NiFi's custom format settings (Value Separator, Quote Character, Escape
 * Character, Comment Marker, Trim Fields, Quote Mode) and the MySQL and Informix formats;
 * backslash escapes in the Default Format (quotes inside a quoted value are doubled).
 */
export const SimpleCsvFileLookupService = defineControllerService({
  type: 'SimpleCsvFileLookupService',
  description:
    'A reloadable CSV file-based lookup service. The first line of the csv file is considered as header.',
  tags: ['lookup', 'cache', 'enrich', 'join', 'csv', 'reloadable', 'key', 'value'],
  properties,
  provides: LookupServiceApi,
  async enable(ctx): Promise<LookupService> {
    const table = await ReloadingCsvTable.open(
      {
        file: ctx.requiredProperty('csvFile').trim(),
        format: ctx.requiredProperty('csvFormat'),
        charset: ctx.requiredProperty('charset').trim(),
        keyColumn: ctx.requiredProperty('lookupKeyColumn'),
        valueColumn: ctx.requiredProperty('lookupValueColumn'),
        ignoreDuplicates: ctx.property('ignoreDuplicates') ?? true,
      },
      ctx.log,
    );
    ctx.log.info(`Loaded ${table.size} lookup entries from ${table.config.file}`);
    return { lookup: (key) => table.lookup(key) };
  },
});
