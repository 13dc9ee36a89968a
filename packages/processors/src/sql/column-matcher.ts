import type { ColumnInfo } from './table-schema.js';

/**
 * A name as NiFi's Translate Field Names compares it (its default strategy, Remove Underscore):
 * upper case without underscores, so `user_id`, `userId` and `USERID` all match.
 */
export function translatedName(name: string): string {
  return name.trim().toUpperCase().replaceAll('_', '');
}

/**
 * A name as PostgreSQL reads it unquoted: ASCII letters folded to lower case (`Users` is
 * `users`); other characters stay as they are.
 */
export function foldIdentifier(name: string): string {
  return name.replace(/[A-Z]/g, (letter) => letter.toLowerCase());
}

/**
 * Finds the column of a record field or of a configured column name (Update Keys, Delete Keys).
 * An exact match always wins, so two columns that translate alike (`user_id`, `userid`) are
 * still told apart.
 */
export class ColumnMatcher {
  readonly #exact = new Map<string, ColumnInfo>();
  readonly #translated = new Map<string, ColumnInfo>();

  constructor(
    readonly columns: readonly ColumnInfo[],
    /** Translate Field Names. */
    readonly translate: boolean,
    /** Quote Column Identifiers: configured names match exactly instead of folded to lower case. */
    readonly quoteColumns: boolean,
  ) {
    for (const column of columns) {
      this.#exact.set(column.name, column);
      if (!this.#translated.has(translatedName(column.name))) {
        this.#translated.set(translatedName(column.name), column);
      }
    }
  }

  /** The column a record field writes: its exact name, or with Translate Field Names its translated one. */
  forField(field: string): ColumnInfo | undefined {
    return (
      this.#exact.get(field) ??
      (this.translate ? this.#translated.get(translatedName(field)) : undefined)
    );
  }

  /**
   * The column a configured name means: exact, translated (Translate Field Names), or read as
   * PostgreSQL reads an unquoted name (without Quote Column Identifiers).
   */
  forConfiguredName(name: string): ColumnInfo | undefined {
    const trimmed = name.trim();
    return (
      this.#exact.get(trimmed) ??
      (this.translate ? this.#translated.get(translatedName(trimmed)) : undefined) ??
      (this.quoteColumns ? undefined : this.#exact.get(foldIdentifier(trimmed)))
    );
  }

  /** The column names, for messages. */
  names(): string {
    return this.columns.map((c) => c.name).join(', ');
  }
}
