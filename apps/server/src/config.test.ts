import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_FLOW, DEFAULT_WEB_DIR, readServerConfig } from './config.js';

describe('readServerConfig', () => {
  it('defaults to 127.0.0.1:8080, ./data and the local demo flow', () => {
    expect(readServerConfig([], {})).toEqual({
      host: '127.0.0.1',
      port: 8080,
      dataDir: path.resolve('data'),
      flowPath: DEFAULT_FLOW,
      webDir: DEFAULT_WEB_DIR,
      statusIntervalMs: 60_000,
    });
    expect(DEFAULT_WEB_DIR).toBe(path.resolve(import.meta.dirname, '../../web/dist'));
  });

  it('takes the editor directory from --web-dir or SLUICE_WEB_DIR', () => {
    expect(readServerConfig([], { SLUICE_WEB_DIR: '/srv/web' }).webDir).toBe('/srv/web');
    expect(readServerConfig(['--web-dir', 'ui'], {}).webDir).toBe(path.resolve('ui'));
  });

  it('takes arguments over the environment', () => {
    const config = readServerConfig(['--port', '9001'], {
      SLUICE_PORT: '9000',
      SLUICE_HOST: '0.0.0.0',
      SLUICE_DATA_DIR: '/tmp/x',
    });
    expect(config.port).toBe(9001);
    expect(config.host).toBe('0.0.0.0');
    expect(config.dataDir).toBe('/tmp/x');
  });

  it('takes the status-history interval in seconds from --status-interval or the environment', () => {
    expect(readServerConfig(['--status-interval', '5'], {}).statusIntervalMs).toBe(5000);
    expect(readServerConfig([], { SLUICE_STATUS_INTERVAL: '1.5' }).statusIntervalMs).toBe(1500);
    expect(() => readServerConfig(['--status-interval', '0'], {})).toThrow(
      "Status interval '0' is not a number of seconds (1-3600)",
    );
  });

  it('refuses a port that is not a TCP port, naming it', () => {
    expect(() => readServerConfig(['--port', 'http'], {})).toThrow(
      "Port 'http' is not a TCP port (0-65535)",
    );
  });
});
