import type { FlowEngine } from '@sluice/engine';
import type { FlowWorkspace } from '../flows/flow-workspace.js';
import { levelOfBulletin, type SluiceLogger } from './logger.js';

/**
 * Writes every bulletin of every flow (those open now and those opened later) to the log as a
 * structured record: `flowId`, `flowName`, `componentId`, `componentName`, `componentType`,
 * `bulletinLevel`, `bulletinId`, `flowFileId`, with the message as `msg`. The engine has already
 * masked the flow's secrets in the message. Returns a function that stops it.
 */
export function logBulletins(workspace: FlowWorkspace, logger: SluiceLogger): () => void {
  const log = logger.child({ source: 'bulletin' });
  const follow = (engine: FlowEngine) =>
    engine.events.subscribe((event) => {
      if (event.type !== 'bulletin') return;
      const b = event.bulletin;
      const { flow } = engine.document;
      log[levelOfBulletin(b.level)](
        {
          flowId: flow.id,
          flowName: flow.name,
          componentId: b.componentId,
          componentName: b.componentName,
          componentType: b.componentType,
          bulletinLevel: b.level,
          bulletinId: b.id,
          ...(b.flowFileId ? { flowFileId: b.flowFileId } : {}),
        },
        b.message,
      );
    });
  const stops = workspace.list().map(follow);
  const stopFollowingNew = workspace.onEngineOpened((engine) => stops.push(follow(engine)));
  return () => {
    stopFollowingNew();
    for (const stop of stops.splice(0)) stop();
  };
}
