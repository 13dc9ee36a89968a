import { existsSync } from 'node:fs';
import path from 'node:path';
import { createExpressMiddleware } from '@trpc/server/adapters/express';
import express, { type Express, type NextFunction, type Request, type Response } from 'express';
import type { FlowEngine } from '@sluice/engine';
import { appRouter } from './api/router.js';
import { maskDeep, secretValues } from './api/secrets.js';
import type { ApiContext } from './api/trpc.js';
import type { AuthService } from './auth/auth-service.js';
import { requireLogin } from './auth/require-login.js';
import { clearedSessionCookie, sessionCookie, sessionToken } from './auth/session-cookie.js';
import type { FlowWorkspace } from './flows/flow-workspace.js';
import { healthRoutes } from './ops/health.js';
import { errorRecord, silentLogger, type SluiceLogger } from './ops/logger.js';
import { metricsRoute } from './ops/metrics.js';
import { requestLogging } from './ops/request-logging.js';
import type { ServerLifecycle } from './ops/server-lifecycle.js';
import { PROVENANCE_CONTENT_PATH, provenanceContentRoute } from './provenance/content-route.js';
import { queuedContentRoutes } from './queues/content-route.js';
import { statusPage } from './status-page.js';

/**
 * What the HTTP app serves: the flows of a workspace (the tRPC API at `/trpc`), and the flow the
 * status page shows (by default the workspace's first flow).
 */
export type AppContext = (
  | { readonly engine: FlowEngine; readonly workspace?: FlowWorkspace }
  | { readonly engine?: FlowEngine; readonly workspace: FlowWorkspace }
) & {
  /** The built web editor; without one (or without its index.html) `/` shows the status page. */
  readonly webDir?: string;
  /**
   * Users and sessions: every API call and page but the editor's files then needs a login.
   * Without it (an app embedded in a test) nobody logs in and every caller acts as an admin.
   */
  readonly auth?: AuthService;
  /**
   * Where request logs (with their request ids), API errors and server errors go. Without one
   * (tests, the browser tests) nothing is logged.
   */
  readonly logger?: SluiceLogger;
  /** The server's phase, for the readiness probe: 503 once a shutdown begins. */
  readonly lifecycle?: ServerLifecycle;
};

/**
 * Builds Sluice's HTTP app with no side effects (nothing listens until `main.ts` says so): the
 * status page and a small JSON API over the running flow. The web editor replaces the page later.
 */
export function createApp(context: AppContext): Express {
  const { workspace, auth } = context;
  const app = express();
  app.disable('x-powered-by');
  const logger = context.logger ?? silentLogger();
  const secrets = () =>
    workspace ? secretValues(workspace) : (context.engine?.secretValues ?? []);
  const engines = () => (workspace ? workspace.list() : context.engine ? [context.engine] : []);

  app.use(requestLogging(logger));
  // Probes and scrapes carry no browser session: they need no login, and answer only to whoever
  // can reach the server's host and port (127.0.0.1 by default). See docs/operations.md.
  app.use(
    healthRoutes({ engines, ...(context.lifecycle ? { lifecycle: context.lifecycle } : {}) }),
  );
  app.get('/metrics', metricsRoute({ engines, secrets }));
  const { lifecycle } = context;
  if (lifecycle) {
    // While the flows close, nothing new may start (an edit would race the engines' close); the
    // probes and the metrics above still answer, so the shutdown can be watched.
    app.use((_req, res, next) => {
      if (lifecycle.phase === 'serving') {
        next();
        return;
      }
      res.setHeader('Connection', 'close');
      res.status(503).json({ error: 'Sluice is shutting down' });
    });
  }

  const apiContext = (req: Request, res: Response): ApiContext => {
    if (!workspace) throw new Error('The API needs a workspace');
    if (!auth) return { workspace };
    const token = sessionToken(req);
    const user = auth.userOf(token);
    return {
      workspace,
      auth,
      ...(user ? { user } : {}),
      setSession: (next) => {
        if (next === null && token) void auth.sessions.end(token);
        res.setHeader(
          'Set-Cookie',
          next === null ? clearedSessionCookie(req.secure) : sessionCookie(next, req.secure),
        );
      },
    };
  };

  if (workspace) {
    app.use(
      '/trpc',
      createExpressMiddleware({
        router: appRouter,
        createContext: ({ req, res }) => apiContext(req, res),
        // Room for a 10 MB flow import, JSON-escaped inside the request.
        maxBodySize: 32 * 1024 * 1024,
        // Logged with the request's id (req.log carries it); never the input (a login's password).
        onError: ({ error, path, req }) => {
          const record = { procedure: path ?? '?', code: error.code };
          if (error.code === 'INTERNAL_SERVER_ERROR') {
            req.log.error(
              { ...record, error: errorRecord(error.cause ?? error, secrets()) },
              `tRPC ${path ?? '?'} failed`,
            );
          } else {
            req.log.info(
              { ...record, reason: errorRecord(error, secrets()).message },
              `tRPC ${path ?? '?'} refused: ${error.code}`,
            );
          }
        },
      }),
    );
  }

  if (auth) app.use(['/api', '/status'], requireLogin(auth));
  if (workspace) app.get(PROVENANCE_CONTENT_PATH, provenanceContentRoute(workspace));
  if (workspace) app.use(queuedContentRoutes(workspace));

  /** The flow of the status page; a workspace may have none left. */
  const shown = (res: Response): FlowEngine | undefined => {
    const engine = context.engine ?? workspace?.list()[0];
    if (!engine) res.status(404).json({ error: 'There is no flow; create one with flows.create' });
    return engine;
  };

  const editorIndex = context.webDir ? path.join(context.webDir, 'index.html') : undefined;
  const hasEditor = editorIndex !== undefined && existsSync(editorIndex);
  if (hasEditor) {
    // Hashed asset names never change content, so they may be cached for good; index.html never.
    app.use(
      '/assets',
      express.static(path.join(context.webDir!, 'assets'), { immutable: true, maxAge: '1y' }),
    );
    app.use(express.static(context.webDir!, { index: false }));
  }

  app.get('/status', (_req, res) => {
    const engine = shown(res);
    if (!engine) return;
    res.type('html').send(statusPage(engine.document.flow.name));
  });

  app.get('/api/status', (_req, res) => {
    const engine = shown(res);
    if (!engine) return;
    const { flow } = engine.document;
    const secrets = workspace ? secretValues(workspace) : [];
    const status = {
      flow: { id: flow.id, name: flow.name },
      processors: engine.processorStatus(),
      connections: engine.connectionStatus().map((status) => {
        const config = flow.connections.find((c) => c.id === status.id);
        return {
          ...status,
          source: config?.source.id,
          destination: config?.destination.id,
          relationships: config?.relationships ?? [],
        };
      }),
    };
    res.json(maskDeep(status, secrets));
  });

  app.get('/api/bulletins', (req, res) => {
    const engine = shown(res);
    if (!engine) return;
    const text = typeof req.query['q'] === 'string' ? req.query['q'] : undefined;
    const bulletins = engine.bulletins.query({ ...(text ? { text } : {}), limit: 200 });
    res.json(maskDeep(bulletins, workspace ? secretValues(workspace) : []));
  });

  if (hasEditor) {
    // The editor routes on the client (e.g. /flows/<id>): every other page GET gets index.html.
    app.get(/^\/(?!trpc\/|api\/|assets\/).*/, (_req, res) => {
      res.setHeader('Cache-Control', 'no-cache');
      res.sendFile(editorIndex!);
    });
  } else {
    app.get('/', (_req, res) => res.redirect('/status'));
  }

  app.use((_req, res) => {
    res.status(404).json({ error: 'Not found' });
  });

  // Errors become a JSON answer with a message; the server never crashes on a request.
  app.use((error: unknown, req: Request, res: Response, _next: NextFunction) => {
    req.log.error({ error: errorRecord(error, secrets()) }, `${req.method} ${req.path} failed`);
    res.status(500).json({ error: error instanceof Error ? error.message : String(error) });
  });
  return app;
}
