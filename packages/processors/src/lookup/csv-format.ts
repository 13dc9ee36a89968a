import type { Options } from 'csv-parse';

/** NiFi's CSV Format values that Sluice reads. */
export const CSV_FORMATS = [
  {
    value: 'default',
    displayName: 'Default Format',
    description:
      'Comma-separated, double-quoted values (a quote inside one doubled), surrounding spaces trimmed. NiFi reads backslash escapes here too; Sluice does not.',
  },
  {
    value: 'RFC4180',
    displayName: 'RFC4180',
    description: 'Same as RFC 4180. Available for compatibility reasons.',
  },
  {
    value: 'rfc-4180',
    displayName: 'RFC 4180',
    description:
      'CSV data follows the RFC 4180 Specification defined at https://tools.ietf.org/html/rfc4180',
  },
  {
    value: 'excel',
    displayName: 'Microsoft Excel',
    description: 'CSV data follows the format used by Microsoft Excel',
  },
  {
    value: 'tdf',
    displayName: 'Tab-Delimited',
    description: 'CSV data is Tab-Delimited instead of Comma Delimited',
  },
] as const;

/** One of {@link CSV_FORMATS}. */
export type CsvFormat = (typeof CSV_FORMATS)[number]['value'];

/**
 * The csv-parse options that read a CSV Format as Apache Commons CSV does. Empty lines are
 * skipped in every format (Commons CSV keeps them in RFC 4180, where NiFi then fails on the
 * blank key), and a leading byte order mark is dropped.
 */
export function csvParseOptions(format: CsvFormat): Options {
  const common: Options = { bom: true, skip_empty_lines: true, relax_column_count: true };
  switch (format) {
    case 'default':
      return { ...common, delimiter: ',', quote: '"', escape: '"', trim: true };
    case 'RFC4180':
    case 'rfc-4180':
    case 'excel':
      return { ...common, delimiter: ',', quote: '"', escape: '"' };
    case 'tdf':
      return { ...common, delimiter: '\t', quote: '"', escape: '"', trim: true };
    default: {
      const exhaustive: never = format;
      throw new Error(`Unknown CSV Format ${String(exhaustive)}`);
    }
  }
}
