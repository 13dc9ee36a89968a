/**
 * A value inside an expression. Whole numbers are `bigint` (NiFi's Long: `divide` truncates,
 * 64-bit) and decimals are `number` (NiFi's Double); `null` is a missing attribute or an absent
 * result, which prints as the empty string.
 */
export type Value = string | bigint | number | boolean | Date | null;

/** A number of either kind. */
export type Numeric = bigint | number;

/** Whether a value is a number of either kind. */
export function isNumeric(value: Value): value is Numeric {
  return typeof value === 'bigint' || typeof value === 'number';
}

/**
 * Prints a decimal. Unlike Java's `Double.toString`, a whole decimal has no trailing `.0`
 * (`3`, not `3.0`).
 */
export function decimalToText(value: number): string {
  return String(value);
}

/** Describes a value with its type, for error messages: `text 'abc'`, `boolean true`. */
export function describeValue(value: Value): string {
  if (value === null) return 'nothing (a missing value)';
  if (typeof value === 'string')
    return `text '${value.length > 40 ? `${value.slice(0, 40)}…` : value}'`;
  if (typeof value === 'bigint') return `whole number ${value}`;
  if (typeof value === 'number') return `decimal ${decimalToText(value)}`;
  if (typeof value === 'boolean') return `boolean ${value}`;
  return `date ${value.toISOString()}`;
}
