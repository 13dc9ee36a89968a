import { constants } from 'node:fs';
import { access } from 'node:fs/promises';
import express, { type Router } from 'express';
import type { FlowEngine } from '@sluice/engine';
import type { ServerLifecycle } from './server-lifecycle.js';

/** Why the server is not ready, for a person reading the probe's answer. */
export type Readiness =
  | { readonly ready: true; readonly flows: number }
  | { readonly ready: false; readonly reason: string };

/** What the probes look at: the flows now open, and the server's phase when it has one. */
export interface HealthSources {
  readonly engines: () => readonly FlowEngine[];
  readonly lifecycle?: ServerLifecycle;
}

/**
 * Whether the server can take work: it is not shutting down, and every flow's flowfile, content
 * and provenance repository is a directory this process may write. Only `access(W_OK)` on three
 * directories per flow, so a probe every second costs nothing; a full disk is not detected.
 */
export async function readiness(sources: HealthSources): Promise<Readiness> {
  const phase = sources.lifecycle?.phase ?? 'serving';
  if (phase !== 'serving') {
    return {
      ready: false,
      reason: phase === 'closed' ? 'Sluice is stopped' : 'Sluice is shutting down',
    };
  }
  const engines = sources.engines();
  for (const engine of engines) {
    const repositories = [
      ['flowfile', engine.flowFiles.dir],
      ['content', engine.content.dir],
      ['provenance', engine.provenance.dir],
    ] as const;
    for (const [kind, dir] of repositories) {
      try {
        await access(dir, constants.W_OK);
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code ?? String(error);
        return {
          ready: false,
          reason: `The ${kind} repository of flow '${engine.document.flow.name}' is not writable (${code})`,
        };
      }
    }
  }
  return { ready: true, flows: engines.length };
}

/**
 * `GET /health` (liveness: 200 `{status:'ok'}` while the process answers at all) and
 * `GET /health/ready` (readiness: 200 `{status:'ready', flows}`, or 503 `{status:'unavailable',
 * reason}`). Neither needs a login: probes have no browser session. Never cached.
 */
export function healthRoutes(sources: HealthSources): Router {
  const router = express.Router();
  router.get('/health', (_req, res) => {
    res.setHeader('Cache-Control', 'no-store');
    res.json({ status: 'ok' });
  });
  router.get('/health/ready', async (_req, res) => {
    res.setHeader('Cache-Control', 'no-store');
    const result = await readiness(sources);
    if (result.ready) res.json({ status: 'ready', flows: result.flows });
    else res.status(503).json({ status: 'unavailable', reason: result.reason });
  });
  return router;
}
