import type { Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { createApp } from './app.js';
import { AuthService } from './auth/auth-service.js';
import { closeVersioning } from './versions/versions-of.js';
import { FlowWorkspace, type FlowWorkspaceOptions } from './flows/flow-workspace.js';
import { logBulletins } from './ops/bulletin-log.js';
import { silentLogger, type SluiceLogger } from './ops/logger.js';
import { ServerLifecycle } from './ops/server-lifecycle.js';

/** What {@link startSluice} needs: a workspace's options plus where to listen and the editor. */
export interface SluiceServerOptions extends FlowWorkspaceOptions {
  readonly host: string;
  /** 0 picks a free port; {@link SluiceServer.url} tells which. */
  readonly port: number;
  readonly webDir?: string;
  /**
   * Environment for the first admin (`SLUICE_ADMIN_USER`, `SLUICE_ADMIN_PASSWORD`); by default
   * the process's. Only read when the data directory has no user yet.
   */
  readonly authEnv?: Readonly<Record<string, string | undefined>>;
  /** Where requests, bulletins and the shutdown are logged; silent by default (tests, embedding). */
  readonly logger?: SluiceLogger;
  /**
   * How long {@link SluiceServer.close} lets requests in flight finish before it drops them
   * (default 5 s). Live streams (SSE) never finish on their own and are dropped at once.
   */
  readonly drainTimeoutMs?: number;
}

/** A listening Sluice: its address and workspace, and a close that stops both. */
export interface SluiceServer {
  readonly url: string;
  readonly port: number;
  readonly workspace: FlowWorkspace;
  readonly auth: AuthService;
  /** Serving, shutting down or closed: what the readiness probe answers from. */
  readonly lifecycle: ServerLifecycle;
  readonly logger: SluiceLogger;
  /**
   * Shuts down in order, logging each step: readiness and every new request but the probes and
   * `/metrics` answer 503; requests in flight finish (up to the drain timeout) and live streams
   * are closed; every flow closes (processors stop and wait for their running sessions to commit
   * or roll back; the WAL, provenance and bulletins are flushed); then the listener closes.
   * Calling it again returns the same promise.
   */
  close(): Promise<void>;
}

const DEFAULT_DRAIN_TIMEOUT_MS = 5000;

/**
 * Opens the workspace and serves it: what `npm start` runs, and what the browser tests start
 * in-process. Rejects (after closing the workspace) when the port cannot be had.
 */
export async function startSluice(options: SluiceServerOptions): Promise<SluiceServer> {
  const logger = options.logger ?? silentLogger();
  const workspace = await FlowWorkspace.open(options);
  const auth = await AuthService.open(options.dataDir, options.authEnv);
  const lifecycle = new ServerLifecycle();
  const app = createApp({
    workspace,
    auth,
    logger,
    lifecycle,
    ...(options.webDir ? { webDir: options.webDir } : {}),
  });
  let server: Server;
  try {
    server = await new Promise<Server>((resolve, reject) => {
      const listening = app.listen(options.port, options.host);
      listening.once('listening', () => resolve(listening));
      listening.once('error', reject);
    });
  } catch (error) {
    await workspace.close();
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`Cannot listen on ${options.host}:${options.port}: ${reason}`, {
      cause: error,
    });
  }
  const inFlight = new Set<ServerResponse>();
  server.on('request', (_req, res: ServerResponse) => {
    inFlight.add(res);
    res.once('close', () => inFlight.delete(res));
  });
  const stopBulletinLog = logBulletins(workspace, logger);
  const { port } = server.address() as AddressInfo;
  const drainTimeoutMs = options.drainTimeoutMs ?? DEFAULT_DRAIN_TIMEOUT_MS;

  const shutdown = async (): Promise<void> => {
    // New requests are refused from here on (503), but for the probes and the metrics.
    lifecycle.beginShutdown();
    let started = Date.now();
    const deadline = started + drainTimeoutMs;
    const working = () => [...inFlight].filter((res) => !isStream(res));
    while (working().length > 0 && Date.now() < deadline) await sleep(20);
    const dropped = working().length;
    const streams = [...inFlight].filter(isStream);
    for (const res of streams) res.socket?.destroy();
    logger.info(
      {
        step: 'requests',
        unfinishedRequests: dropped,
        closedStreams: streams.length,
        durationMs: Date.now() - started,
      },
      dropped > 0
        ? `Refusing new requests; ${dropped} requests still running after ${drainTimeoutMs} ms`
        : 'Refusing new requests; requests in flight finished',
    );
    started = Date.now();
    const engines = workspace.list();
    await closeVersioning(workspace);
    await workspace.close();
    const queued = engines.reduce(
      (sum, engine) => sum + engine.connectionStatus().reduce((n, c) => n + c.queued.count, 0),
      0,
    );
    logger.info(
      {
        step: 'flows',
        flows: engines.length,
        queuedFlowFiles: queued,
        durationMs: Date.now() - started,
      },
      'Closed every flow: processors stopped, their sessions finished, repositories flushed',
    );
    stopBulletinLog();
    await auth.audit.flush();
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    server.closeAllConnections();
    await closed;
    lifecycle.closed();
    logger.info({ step: 'http' }, 'Stopped listening');
  };
  let closing: Promise<void> | undefined;
  return {
    url: `http://${options.host}:${port}`,
    port,
    workspace,
    auth,
    lifecycle,
    logger,
    close() {
      closing ??= shutdown();
      return closing;
    },
  };
}

/** A live stream (the editor's SSE status) never ends by itself: a drain does not wait for it. */
function isStream(res: ServerResponse): boolean {
  return String(res.getHeader('content-type') ?? '').startsWith('text/event-stream');
}
