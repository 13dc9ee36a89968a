import { createReadStream } from 'node:fs';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { parse } from 'csv-parse';
import { errorCode, messageOf } from '../support/file-errors.js';
import { csvParseOptions, type CsvFormat } from './csv-format.js';

/** How to read a CSV lookup file, as SimpleCsvFileLookupService is configured. */
export interface CsvTableConfig {
  readonly file: string;
  readonly format: CsvFormat;
  /** A WHATWG encoding label (`utf-8`, `euc-kr`, `iso-8859-1`...). */
  readonly charset: string;
  readonly keyColumn: string;
  readonly valueColumn: string;
  /** Whether a key seen twice keeps its last value (with a warning) instead of refusing the file. */
  readonly ignoreDuplicates: boolean;
}

/** A loaded table, and what is worth a warning about it. */
export interface CsvTable {
  readonly entries: ReadonlyMap<string, string>;
  readonly warnings: readonly string[];
}

/** Why a lookup file could not be read, naming it and, for bad content, the line. */
export class CsvTableError extends Error {}

/** Warnings listed one by one before they are counted instead. */
const MAX_LISTED_WARNINGS = 10;

/**
 * Reads a CSV lookup file as NiFi's SimpleCsvFileLookupService does: the first record is the
 * header, the key and value columns are found by name, a blank key refuses the file, and a
 * repeated key either refuses it or keeps the last value. The file is decoded and parsed as a
 * stream, so a large table does not block the event loop.
 *
 * @throws CsvTableError saying what is wrong with the file and where.
 */
export async function loadCsvTable(config: CsvTableConfig): Promise<CsvTable> {
  const { file, keyColumn, valueColumn } = config;
  const entries = new Map<string, string>();
  const duplicates: string[] = [];
  let keyIndex = -1;
  let valueIndex = -1;
  let header: string[] | undefined;
  const parser = parse({ ...csvParseOptions(config.format), info: true });
  // A read or decoding error destroys the parser with it, so the loop below throws it.
  const feeding = pipeline(Readable.from(decodedChunks(file, config.charset)), parser);
  feeding.catch(() => undefined);
  const records = parser as AsyncIterable<{ record: string[]; info: { lines: number } }>;
  try {
    for await (const { record, info } of records) {
      if (header === undefined) {
        header = record;
        keyIndex = columnIndex(header, keyColumn, 'Lookup Key Column', file);
        valueIndex = columnIndex(header, valueColumn, 'Lookup Value Column', file);
        continue;
      }
      const key = record[keyIndex];
      const value = record[valueIndex];
      if (key === undefined || value === undefined) {
        throw new CsvTableError(
          `line ${info.lines} of CSV File ${file} has ${record.length} fields, too few for the columns '${keyColumn}' and '${valueColumn}'`,
        );
      }
      if (key.trim() === '') {
        throw new CsvTableError(
          `Empty lookup key encountered at line ${info.lines} of CSV File ${file}`,
        );
      }
      if (entries.has(key)) {
        if (!config.ignoreDuplicates) {
          throw new CsvTableError(
            `Duplicate lookup key encountered: '${key}' at line ${info.lines} of CSV File ${file} (set Ignore Duplicates to keep the last value)`,
          );
        }
        duplicates.push(key);
      }
      entries.set(key, value);
    }
    await feeding;
  } catch (error) {
    if (error instanceof CsvTableError) throw error;
    throw new CsvTableError(readProblem(config, error), { cause: error });
  }
  if (header === undefined) {
    throw new CsvTableError(`CSV File ${file} is empty: it needs a header line naming its columns`);
  }
  return { entries, warnings: warningsOf(file, entries.size, duplicates) };
}

/** Why reading the file failed: the file system's refusal, or the CSV parser's finding. */
function readProblem(config: CsvTableConfig, error: unknown): string {
  const { file } = config;
  const code = errorCode(error);
  switch (code) {
    case 'ENOENT':
      return `CSV File ${file} does not exist`;
    case 'EACCES':
    case 'EPERM':
      return `CSV File ${file} cannot be read: permission denied`;
    case 'EISDIR':
      return `CSV File ${file} is a directory, not a file`;
    default:
      return code?.startsWith('CSV_')
        ? `CSV File ${file} is not valid CSV in the ${config.format} format: ${messageOf(error)}`
        : `CSV File ${file} cannot be read: ${messageOf(error)}`;
  }
}

function warningsOf(file: string, size: number, duplicates: readonly string[]): string[] {
  const warnings: string[] = [];
  if (duplicates.length > 0) {
    const listed = duplicates.slice(0, MAX_LISTED_WARNINGS).map((key) => `'${key}'`);
    const more =
      duplicates.length > MAX_LISTED_WARNINGS
        ? ` and ${duplicates.length - MAX_LISTED_WARNINGS} more`
        : '';
    warnings.push(
      `Duplicate lookup keys encountered in ${file}: ${listed.join(', ')}${more}; the last value of each is kept`,
    );
  }
  if (size === 0) warnings.push(`Lookup table is empty after reading file: ${file}`);
  return warnings;
}

function columnIndex(
  header: readonly string[],
  column: string,
  property: string,
  file: string,
): number {
  const index = header.indexOf(column);
  if (index < 0) {
    throw new CsvTableError(
      `${property} '${column}' is not a column of CSV File ${file}; its header has: ${header.map((h) => `'${h}'`).join(', ')}`,
    );
  }
  return index;
}

/** The file's text, decoded chunk by chunk; invalid bytes are refused rather than replaced. */
async function* decodedChunks(file: string, charset: string): AsyncGenerator<string> {
  const decoder = new TextDecoder(charset, { fatal: true });
  let offset = 0;
  for await (const chunk of createReadStream(file) as AsyncIterable<Buffer>) {
    try {
      yield decoder.decode(chunk, { stream: true });
    } catch {
      throw new CsvTableError(
        `CSV File ${file} is not valid ${charset} text (in the bytes from offset ${offset}); check its Character Set`,
      );
    }
    offset += chunk.length;
  }
  try {
    yield decoder.decode();
  } catch {
    throw new CsvTableError(`CSV File ${file} ends inside a ${charset} character`);
  }
}
