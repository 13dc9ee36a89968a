import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createApp } from './app.js';
import { AuthService } from './auth/auth-service.js';
import { closeVersioning } from './versions/versions-of.js';
import { FlowWorkspace, type FlowWorkspaceOptions } from './flows/flow-workspace.js';

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
}

/** A listening Sluice: its address and workspace, and a close that stops both. */
export interface SluiceServer {
  readonly url: string;
  readonly port: number;
  readonly workspace: FlowWorkspace;
  readonly auth: AuthService;
  /** Stops listening, drops open connections (live streams included) and closes every flow. */
  close(): Promise<void>;
}

/**
 * Opens the workspace and serves it: what `npm start` runs, and what the browser tests start
 * in-process. Rejects (after closing the workspace) when the port cannot be had.
 */
export async function startSluice(options: SluiceServerOptions): Promise<SluiceServer> {
  const workspace = await FlowWorkspace.open(options);
  const auth = await AuthService.open(options.dataDir, options.authEnv);
  const app = createApp({ workspace, auth, ...(options.webDir ? { webDir: options.webDir } : {}) });
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
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${options.host}:${port}`,
    port,
    workspace,
    auth,
    async close() {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await closed;
      await closeVersioning(workspace);
      await workspace.close();
      await auth.audit.flush();
    },
  };
}
