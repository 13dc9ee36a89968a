import express, { type Express, type NextFunction, type Request, type Response } from 'express';
import type { FlowEngine } from '@sluice/engine';
import { statusPage } from './status-page.js';

/** What the HTTP app serves. */
export interface AppContext {
  readonly engine: FlowEngine;
}

/**
 * Builds Sluice's HTTP app with no side effects (nothing listens until `main.ts` says so): the
 * status page and a small JSON API over the running flow. The web editor replaces the page later.
 */
export function createApp({ engine }: AppContext): Express {
  const app = express();
  app.disable('x-powered-by');

  app.get('/', (_req, res) => {
    res.type('html').send(statusPage(engine.document.flow.name));
  });

  app.get('/api/status', (_req, res) => {
    const { flow } = engine.document;
    res.json({
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
    });
  });

  app.get('/api/bulletins', (req, res) => {
    const text = typeof req.query['q'] === 'string' ? req.query['q'] : undefined;
    res.json(engine.bulletins.query({ ...(text ? { text } : {}), limit: 200 }));
  });

  app.use((_req, res) => {
    res.status(404).json({ error: 'Not found' });
  });

  // Errors become a JSON answer with a message; the server never crashes on a request.
  app.use((error: unknown, _req: Request, res: Response, _next: NextFunction) => {
    res.status(500).json({ error: error instanceof Error ? error.message : String(error) });
  });
  return app;
}
