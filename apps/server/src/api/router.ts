import { bulletinProcedures } from './bulletin-procedures.js';
import { auditProcedures, authProcedures, userProcedures } from './auth-procedures.js';
import { catalog, serviceCatalog } from './catalog.js';
import { controllerServiceProcedures } from './controller-service-procedures.js';
import { connectionProcedures } from './connection-procedures.js';
import { flowProcedures } from './flow-procedures.js';
import { labelProcedures } from './label-procedures.js';
import { parameterProcedures } from './parameter-procedures.js';
import { processorControlProcedures } from './processor-control.js';
import { processorEditProcedures } from './processor-edits.js';
import { provenanceProcedures } from './provenance-procedures.js';
import { queueProcedures } from './queue-procedures.js';
import { statusHistoryProcedure } from './status-history-procedures.js';
import { statusProcedures } from './status-procedures.js';
import { validateDraftProcedure } from './validate-draft.js';
import { versionProcedures } from './version-procedures.js';
import { router, viewerProcedure } from './trpc.js';

/** Sluice's API: one tRPC router, every input validated with zod. */
export const appRouter = router({
  auth: router(authProcedures),
  users: router(userProcedures),
  audit: router(auditProcedures),
  flows: router(flowProcedures),
  processors: router({
    ...processorEditProcedures,
    ...processorControlProcedures,
    validateDraft: validateDraftProcedure,
  }),
  connections: router(connectionProcedures),
  queues: router(queueProcedures),
  labels: router(labelProcedures),
  parameters: router(parameterProcedures),
  catalog: router({
    list: viewerProcedure.query(({ ctx }) => catalog(ctx.workspace.registry)),
    services: viewerProcedure.query(({ ctx }) => serviceCatalog(ctx.workspace.registry)),
  }),
  controllerServices: router(controllerServiceProcedures),
  status: router({ ...statusProcedures, history: statusHistoryProcedure }),
  bulletins: router(bulletinProcedures),
  provenance: router(provenanceProcedures),
  versions: router(versionProcedures),
});

/** The router's type, for the web client's `createTRPCClient<AppRouter>`. */
export type AppRouter = typeof appRouter;
