/**
 * The server's public surface: the HTTP app, and the API's types for the web editor's client.
 * The editor imports only types from here; nothing of the server reaches the browser bundle.
 */
export { createApp, type AppContext } from './app.js';
export type { AppRouter } from './api/router.js';
export type { LiveMessage } from './api/status-procedures.js';
export type { StatusDelta, StatusSnapshot } from './api/status.js';
export type { ProcessorView, PropertyView } from './api/flow-view.js';
export type { CatalogEntry } from './api/catalog.js';
export { logIn, type LoginSession } from './auth/login-client.js';
export type { Role } from './auth/roles.js';
export { startSluice, type SluiceServer, type SluiceServerOptions } from './server.js';
export { createLogger, silentLogger, type SluiceLogger } from './ops/logger.js';
export { FlowWorkspace, type FlowWorkspaceOptions } from './flows/flow-workspace.js';
