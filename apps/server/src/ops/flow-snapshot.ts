import type { ConnectionStatus, FlowEngine, LogLevel, ProcessorStatus } from '@sluice/engine';
import type { DirectorySizes, DirectoryUsage } from './directory-sizes.js';

/** The window of the engine's statistics and of the bulletin counts: NiFi's five minutes. */
export const WINDOW_MS = 5 * 60_000;

/** A connection's status with the names of its ends, for metric labels. */
export interface ConnectionSnapshot extends ConnectionStatus {
  readonly name: string;
  readonly sourceId: string;
  readonly sourceName: string;
  readonly destinationId: string;
  readonly destinationName: string;
}

/** The repositories whose size on disk is reported. */
export const REPOSITORY_KINDS = ['flowfile', 'content', 'provenance'] as const;
/** One of {@link REPOSITORY_KINDS}. */
export type RepositoryKind = (typeof REPOSITORY_KINDS)[number];

/** Everything one scrape reports about one flow, read once and shared by every metric. */
export interface FlowSnapshot {
  readonly flowId: string;
  readonly flowName: string;
  readonly processors: readonly ProcessorStatus[];
  readonly connections: readonly ConnectionSnapshot[];
  /** Bulletins of the last {@link WINDOW_MS}, by level. */
  readonly bulletins: Readonly<Record<LogLevel, number>>;
  /** ERROR bulletins of the last {@link WINDOW_MS}, by component id. */
  readonly errors: ReadonlyMap<string, number>;
  readonly repositories: Readonly<Record<RepositoryKind, DirectoryUsage>>;
}

/** A connection without a name is known by its relationships, as NiFi's canvas shows it. */
function connectionName(name: string | undefined, relationships: readonly string[]): string {
  return name?.trim() || relationships.join(', ');
}

/** Reads what the metrics report about one flow: statuses, bulletin counts and repository sizes. */
export async function snapshotOf(
  engine: FlowEngine,
  sizes: DirectorySizes,
  now = Date.now(),
): Promise<FlowSnapshot> {
  const { flow } = engine.document;
  const processorNames = new Map(flow.processors.map((p) => [p.id, p.name]));
  const configs = new Map(flow.connections.map((c) => [c.id, c]));
  const connections = engine.connectionStatus().map((status): ConnectionSnapshot => {
    const config = configs.get(status.id);
    const sourceId = config?.source.id ?? '';
    const destinationId = config?.destination.id ?? '';
    return {
      ...status,
      name: connectionName(config?.name, config?.relationships ?? []),
      sourceId,
      sourceName: processorNames.get(sourceId) ?? '',
      destinationId,
      destinationName: processorNames.get(destinationId) ?? '',
    };
  });
  const bulletins: Record<LogLevel, number> = { DEBUG: 0, INFO: 0, WARN: 0, ERROR: 0 };
  const errors = new Map<string, number>();
  // Walks back from the newest and stops at the window's start: the cost is recent bulletins only.
  for (const bulletin of engine.bulletins.query({
    since: now - WINDOW_MS,
    limit: Number.MAX_SAFE_INTEGER,
  })) {
    bulletins[bulletin.level]++;
    if (bulletin.level === 'ERROR')
      errors.set(bulletin.componentId, (errors.get(bulletin.componentId) ?? 0) + 1);
  }
  const [flowfile, content, provenance] = await Promise.all([
    sizes.usage(engine.flowFiles.dir),
    sizes.usage(engine.content.dir),
    sizes.usage(engine.provenance.dir),
  ]);
  return {
    flowId: flow.id,
    flowName: flow.name,
    processors: engine.processorStatus(),
    connections,
    bulletins,
    errors,
    repositories: { flowfile, content, provenance },
  };
}

/** The repository directories of an engine, to keep only their cached sizes. */
export function repositoryDirs(engine: FlowEngine): string[] {
  return [engine.flowFiles.dir, engine.content.dir, engine.provenance.dir];
}
