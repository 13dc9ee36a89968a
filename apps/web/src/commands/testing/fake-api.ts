import type { ConnectionView, LabelView, ProcessorView } from '../../api/types.js';
import type { CommandApi } from '../types.js';

/** An in-memory stand-in for the server's edit procedures, for command tests. */
export interface FakeServer {
  readonly api: CommandApi;
  readonly processors: Map<string, ProcessorView>;
  readonly connections: Map<string, ConnectionView>;
  readonly labels: Map<string, LabelView>;
  /** Every call made, as "router.procedure", in order. */
  readonly calls: string[];
  /** Makes the next call of a procedure ("processors.delete") fail with a message. */
  failNext(procedure: string, message: string): void;
}

const defaultScheduling: ProcessorView['scheduling'] = {
  strategy: 'TIMER_DRIVEN',
  period: '0 sec',
  concurrentTasks: 1,
  penaltyDuration: '30 sec',
  yieldDuration: '1 sec',
  bulletinLevel: 'WARN',
};

/**
 * A fake server that behaves like the real one where commands care: fresh ids on every add,
 * a processor's delete takes its connections, `null` removes a property, unknown ids fail.
 */
export function fakeServer(): FakeServer {
  const processors = new Map<string, ProcessorView>();
  const connections = new Map<string, ConnectionView>();
  const labels = new Map<string, LabelView>();
  const calls: string[] = [];
  const failures = new Map<string, string>();
  let next = 1;
  const id = (prefix: string) => `${prefix}-${next++}`;
  const list = (ids: string | string[]) => (typeof ids === 'string' ? [ids] : ids);
  const call = (name: string) => {
    calls.push(name);
    const message = failures.get(name);
    if (message !== undefined) {
      failures.delete(name);
      throw new Error(message);
    }
  };
  const need = <T>(map: Map<string, T>, key: string, kind: string): T => {
    const value = map.get(key);
    if (!value) throw new Error(`No ${kind} with id '${key}'`);
    return value;
  };

  const api: CommandApi = {
    processors: {
      add: {
        async mutate(input) {
          call('processors.add');
          const processor: ProcessorView = {
            id: id('p'),
            type: input.type,
            name: input.name ?? input.type,
            position: input.position,
            properties: input.properties ?? {},
            scheduling: defaultScheduling,
            autoTerminatedRelationships: [],
            state: 'STOPPED',
            relationships: [],
          };
          processors.set(processor.id, processor);
          return { processor, validationErrors: [] };
        },
      },
      update: {
        async mutate(input) {
          call('processors.update');
          const old = need(processors, input.id, 'processor');
          const properties = { ...old.properties };
          for (const [key, value] of Object.entries(input.properties ?? {})) {
            if (value === null) delete properties[key];
            else properties[key] = value;
          }
          const { cron, ...scheduling } = input.scheduling ?? {};
          const nextScheduling = { ...old.scheduling, ...scheduling };
          if (cron === null) delete nextScheduling.cron;
          else if (cron !== undefined) nextScheduling.cron = cron;
          const processor: ProcessorView = {
            ...old,
            ...(input.name !== undefined ? { name: input.name } : {}),
            ...(input.comments !== undefined ? { comments: input.comments } : {}),
            properties,
            scheduling: nextScheduling,
            autoTerminatedRelationships:
              input.autoTerminatedRelationships ?? old.autoTerminatedRelationships,
          };
          processors.set(processor.id, processor);
          return { processor, validationErrors: [] };
        },
      },
      move: {
        async mutate(input) {
          call('processors.move');
          for (const move of input.moves) {
            const old = need(processors, move.id, 'processor');
            processors.set(move.id, { ...old, position: move.position });
          }
          return { moved: input.moves.map((m) => ({ id: m.id, position: m.position })) };
        },
      },
      delete: {
        async mutate(input) {
          call('processors.delete');
          const ids = list(input.ids);
          for (const p of ids) need(processors, p, 'processor');
          const gone: string[] = [];
          for (const [cid, c] of connections) {
            if (ids.includes(c.source.id) || ids.includes(c.destination.id)) {
              connections.delete(cid);
              gone.push(cid);
            }
          }
          for (const p of ids) processors.delete(p);
          return { deleted: ids, deletedConnections: gone };
        },
      },
      disable: {
        async mutate(input) {
          call('processors.disable');
          const results = list(input.ids).map((p) => {
            processors.set(p, { ...need(processors, p, 'processor'), state: 'DISABLED' });
            return { id: p, ok: true, reasons: [], state: 'DISABLED' };
          });
          return { results };
        },
      },
    },
    connections: {
      add: {
        async mutate(input) {
          call('connections.add');
          need(processors, input.source, 'processor');
          need(processors, input.destination, 'processor');
          const connection: ConnectionView = {
            id: id('c'),
            source: { id: input.source },
            destination: { id: input.destination },
            relationships: input.relationships,
            ...(input.name !== undefined ? { name: input.name } : {}),
            backPressure: {
              objectThreshold: input.backPressure?.objectThreshold ?? 10_000,
              dataSizeThreshold: input.backPressure?.dataSizeThreshold ?? '1 GB',
            },
            prioritizers: input.prioritizers ?? [],
            expiration: input.expiration ?? '0 sec',
            bends: input.bends ?? [],
          };
          connections.set(connection.id, connection);
          return connection;
        },
      },
      update: {
        async mutate(input) {
          call('connections.update');
          const old = need(connections, input.id, 'connection');
          const connection: ConnectionView = {
            ...old,
            ...(input.name !== undefined ? { name: input.name } : {}),
            ...(input.destination ? { destination: { id: input.destination } } : {}),
            ...(input.relationships ? { relationships: input.relationships } : {}),
            ...(input.backPressure
              ? { backPressure: { ...old.backPressure, ...input.backPressure } }
              : {}),
            ...(input.prioritizers ? { prioritizers: input.prioritizers } : {}),
            ...(input.expiration !== undefined ? { expiration: input.expiration } : {}),
            ...(input.bends ? { bends: input.bends } : {}),
          };
          connections.set(connection.id, connection);
          return connection;
        },
      },
      delete: {
        async mutate(input) {
          call('connections.delete');
          const ids = list(input.ids);
          for (const c of ids) need(connections, c, 'connection');
          for (const c of ids) connections.delete(c);
          return { deleted: ids };
        },
      },
    },
    labels: {
      add: {
        async mutate(input) {
          call('labels.add');
          const label: LabelView = {
            id: id('l'),
            text: input.text,
            position: input.position,
            size: input.size ?? { width: 200, height: 80 },
            ...(input.style ? { style: input.style } : {}),
          };
          labels.set(label.id, label);
          return label;
        },
      },
      update: {
        async mutate(input) {
          call('labels.update');
          const old = need(labels, input.id, 'label');
          const label: LabelView = {
            ...old,
            ...(input.text !== undefined ? { text: input.text } : {}),
            ...(input.position ? { position: input.position } : {}),
            ...(input.size ? { size: input.size } : {}),
            ...(input.style ? { style: input.style } : {}),
          };
          labels.set(label.id, label);
          return label;
        },
      },
      delete: {
        async mutate(input) {
          call('labels.delete');
          const ids = list(input.ids);
          for (const l of ids) need(labels, l, 'label');
          for (const l of ids) labels.delete(l);
          return { deleted: ids };
        },
      },
    },
  };

  return {
    api,
    processors,
    connections,
    labels,
    calls,
    failNext(procedure, message) {
      failures.set(procedure, message);
    },
  };
}
