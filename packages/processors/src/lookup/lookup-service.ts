import { serviceApi } from '@sluice/engine';

/**
 * A key → value lookup table that processors query by key (NiFi's StringLookupService, with its
 * one required coordinate `key`), e.g. a CSV file of codes and names that LookupAttribute
 * enriches flowfiles with.
 */
export interface LookupService {
  /**
   * The value for `key`, or undefined when the table has no such key (or the key is blank).
   *
   * @throws LookupFailure when the table cannot be consulted now (its file became unreadable).
   */
  lookup(key: string): Promise<string | undefined>;
}

/** The service API LookupAttribute refers to. */
export const LookupServiceApi = serviceApi<LookupService>('LookupService');

/** Why a lookup could not be answered (NiFi's LookupFailureException); the message says what and where. */
export class LookupFailure extends Error {}
