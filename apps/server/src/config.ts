import path from 'node:path';
import { parseArgs } from 'node:util';

/** Where and on what Sluice's server runs. */
export interface ServerConfig {
  readonly host: string;
  readonly port: number;
  /** Root of the repositories and flows (`./data` by default). */
  readonly dataDir: string;
  /** The flow to run when there is none saved yet. */
  readonly flowPath: string;
  /** The built web editor the server serves (`apps/web/dist`). */
  readonly webDir: string;
  /** How often each flow records a status-history point, in milliseconds (60 s by default). */
  readonly statusIntervalMs: number;
}

/** The flow `npm start` opens: the local demo shipped in `examples/`. */
export const DEFAULT_FLOW = path.resolve(import.meta.dirname, '../../../examples/local-demo.json');

/** The web editor's build output, next to this package in the monorepo. */
export const DEFAULT_WEB_DIR = path.resolve(import.meta.dirname, '../../web/dist');

/**
 * Reads the server configuration from arguments and environment: `--port`/`SLUICE_PORT`,
 * `--host`/`SLUICE_HOST`, `--data-dir`/`SLUICE_DATA_DIR`, `--flow`/`SLUICE_FLOW`, `--web-dir`/`SLUICE_WEB_DIR`,
 * `--status-interval`/`SLUICE_STATUS_INTERVAL` (seconds between status-history points). Throws
 * with a message naming the bad value.
 */
export function readServerConfig(argv: readonly string[], env: NodeJS.ProcessEnv): ServerConfig {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      'data-dir': { type: 'string' },
      flow: { type: 'string' },
      'web-dir': { type: 'string' },
      'status-interval': { type: 'string' },
    },
    strict: true,
  });
  const portText = values.port ?? env['SLUICE_PORT'] ?? '8080';
  const port = Number(portText);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`Port '${portText}' is not a TCP port (0-65535)`);
  }
  const intervalText = values['status-interval'] ?? env['SLUICE_STATUS_INTERVAL'] ?? '60';
  const interval = Number(intervalText);
  if (!Number.isFinite(interval) || interval < 1 || interval > 3600) {
    throw new Error(`Status interval '${intervalText}' is not a number of seconds (1-3600)`);
  }
  return {
    host: values.host ?? env['SLUICE_HOST'] ?? '127.0.0.1',
    port,
    dataDir: path.resolve(values['data-dir'] ?? env['SLUICE_DATA_DIR'] ?? 'data'),
    flowPath: path.resolve(values.flow ?? env['SLUICE_FLOW'] ?? DEFAULT_FLOW),
    webDir: path.resolve(values['web-dir'] ?? env['SLUICE_WEB_DIR'] ?? DEFAULT_WEB_DIR),
    statusIntervalMs: Math.round(interval * 1000),
  };
}
