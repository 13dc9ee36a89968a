import { describe, expect, it } from 'vitest';
import { readOpsConfig } from './ops-config.js';

describe('readOpsConfig', () => {
  it('defaults to info and a 30-second shutdown timeout', () => {
    expect(readOpsConfig({})).toEqual({ logLevel: 'info', shutdownTimeoutMs: 30_000 });
  });

  it('takes SLUICE_LOG_LEVEL (any case) and SLUICE_SHUTDOWN_TIMEOUT_MS', () => {
    expect(
      readOpsConfig({ SLUICE_LOG_LEVEL: 'DEBUG', SLUICE_SHUTDOWN_TIMEOUT_MS: '2500' }),
    ).toEqual({ logLevel: 'debug', shutdownTimeoutMs: 2500 });
    expect(readOpsConfig({ SLUICE_LOG_LEVEL: 'silent' }).logLevel).toBe('silent');
  });

  it('refuses an unknown level or a timeout that is not a positive integer, naming it', () => {
    expect(() => readOpsConfig({ SLUICE_LOG_LEVEL: 'verbose' })).toThrow(
      "SLUICE_LOG_LEVEL 'verbose' is not one of fatal, error, warn, info, debug, trace, silent",
    );
    expect(() => readOpsConfig({ SLUICE_SHUTDOWN_TIMEOUT_MS: '30s' })).toThrow(
      "SLUICE_SHUTDOWN_TIMEOUT_MS '30s' is not a number of milliseconds (1-3600000)",
    );
    expect(() => readOpsConfig({ SLUICE_SHUTDOWN_TIMEOUT_MS: '0' })).toThrow('is not a number');
  });
});
