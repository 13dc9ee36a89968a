/**
 * What a compiled template reads while it is evaluated: the flowfile's attributes, the
 * parameter context, a clock and a default time zone. The engine makes one per flowfile.
 */
export interface EvaluationContext {
  /** A flowfile attribute, or undefined when the flowfile has none of that name. */
  attribute(name: string): string | undefined;
  /** A `#{name}` parameter value, or undefined when the parameter is not defined. */
  parameter?(name: string): string | undefined;
  /** The current time for `now()` and two-digit years; injectable for tests. Default `new Date()`. */
  now?(): Date;
  /**
   * Zone for `format`/`toDate` without a zone argument and for printing dates, as an id
   * (`UTC`, `+09:00`, `Asia/Seoul`). NiFi uses the JVM's zone; Sluice defaults to `UTC` so results
   * do not depend on the server; pass the server's zone to get NiFi's behaviour.
   */
  readonly timeZone?: string;
}
