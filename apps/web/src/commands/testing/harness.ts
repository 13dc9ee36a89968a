import type { ProcessorView } from '../../api/types.js';
import { CommandRegistry } from '../registry.js';
import { fakeServer, type FakeServer } from './fake-api.js';

/** A fake server and a registry on it, with helpers to seed the flow. */
export interface Harness {
  readonly server: FakeServer;
  readonly history: CommandRegistry;
  /** Adds a processor straight on the server (as if made before the history began). */
  seedProcessor(type: string, name: string, x?: number): Promise<ProcessorView>;
  /** Connects two seeded processors straight on the server. */
  seedConnection(source: string, destination: string, relationships: string[]): Promise<string>;
}

/** A fresh harness with an empty flow. */
export function harness(): Harness {
  const server = fakeServer();
  const history = new CommandRegistry(server.api);
  history.reset('flow');
  return {
    server,
    history,
    async seedProcessor(type, name, x = 0) {
      const added = await server.api.processors.add.mutate({
        flowId: 'flow',
        type,
        name,
        position: { x, y: 0 },
      });
      return added.processor;
    },
    async seedConnection(source, destination, relationships) {
      const added = await server.api.connections.add.mutate({
        flowId: 'flow',
        source,
        destination,
        relationships,
      });
      return added.id;
    },
  };
}
