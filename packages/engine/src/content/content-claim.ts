/**
 * Where a flowfile's content lives in the content repository: a byte range of one append-only
 * claim file. Many small contents share a claim file (as NiFi's resource claims do), so the file
 * is reference-counted, not the range.
 */
export interface ContentClaim {
  /** Claim file name, relative to the content repository's directory. */
  readonly file: string;
  /** Byte offset of the content in the claim file. */
  readonly offset: number;
  /** Length of the content in bytes. */
  readonly length: number;
}
