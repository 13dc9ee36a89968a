import type {
  ApiInputs,
  ConnectionView,
  LabelView,
  Position,
  ProcessorView,
} from '../api/types.js';
import type { CommandContext } from './types.js';

/** Scheduling as `processors.update` takes it. */
type SchedulingInput = NonNullable<ApiInputs['processors']['update']['scheduling']>;

/**
 * Everything needed to create a processor again: what `processors.add` takes plus the settings
 * it does not (scheduling, auto-termination, comments) and whether it was disabled.
 */
export interface ProcessorBlueprint {
  readonly type: string;
  readonly name: string;
  readonly position: Position;
  /**
   * Plain property values only. A sensitive property's value never reaches the browser (the API
   * shows `{ set }`), so a re-created or pasted processor has its secrets unset again.
   */
  readonly properties: Readonly<Record<string, string>>;
  readonly scheduling?: SchedulingInput;
  readonly autoTerminatedRelationships?: readonly string[];
  readonly comments?: string;
  readonly disabled?: boolean;
}

/** The blueprint of an existing processor, at a position (its own by default). */
export function processorBlueprint(
  view: ProcessorView,
  position = view.position,
): ProcessorBlueprint {
  const properties: Record<string, string> = {};
  for (const [key, value] of Object.entries(view.properties)) {
    if (typeof value === 'string') properties[key] = value;
  }
  const { cron, ...scheduling } = view.scheduling;
  return {
    type: view.type,
    name: view.name,
    position,
    properties,
    scheduling: { ...scheduling, ...(cron !== undefined ? { cron } : {}) },
    autoTerminatedRelationships: view.autoTerminatedRelationships,
    ...(view.comments !== undefined ? { comments: view.comments } : {}),
    disabled: view.state === 'DISABLED',
  };
}

/**
 * Creates a processor from a blueprint and records that `ref` (a placeholder, or the id the
 * processor had before it was deleted) now means the new id. If a follow-up call fails, the
 * half-made processor is removed again so a failed command leaves nothing behind.
 */
export async function createProcessor(
  ctx: CommandContext,
  ref: string,
  blueprint: ProcessorBlueprint,
): Promise<string> {
  const { flowId, api } = ctx;
  const added = await api.processors.add.mutate({
    flowId,
    type: blueprint.type,
    name: blueprint.name,
    position: blueprint.position,
    properties: { ...blueprint.properties },
  });
  const id = added.processor.id;
  try {
    if (blueprint.scheduling || blueprint.autoTerminatedRelationships || blueprint.comments) {
      await api.processors.update.mutate({
        flowId,
        id,
        ...(blueprint.scheduling ? { scheduling: blueprint.scheduling } : {}),
        ...(blueprint.autoTerminatedRelationships
          ? { autoTerminatedRelationships: [...blueprint.autoTerminatedRelationships] }
          : {}),
        ...(blueprint.comments !== undefined ? { comments: blueprint.comments } : {}),
      });
    }
    if (blueprint.disabled) await api.processors.disable.mutate({ flowId, ids: id });
  } catch (error) {
    await api.processors.delete.mutate({ flowId, ids: id }).catch(() => undefined);
    throw error;
  }
  ctx.alias(ctx.resolve(ref), id);
  return id;
}

/** Everything needed to create a connection again; its ends are refs, resolved when it runs. */
export interface ConnectionBlueprint {
  readonly source: string;
  readonly destination: string;
  readonly relationships: readonly string[];
  readonly name?: string;
  readonly backPressure?: ConnectionView['backPressure'];
  readonly prioritizers?: ConnectionView['prioritizers'];
  readonly expiration?: string;
  readonly bends?: readonly Position[];
}

/** The blueprint of an existing connection, with its ends renamed by `refOf` (for a paste). */
export function connectionBlueprint(
  view: ConnectionView,
  refOf: (id: string) => string = (id) => id,
): ConnectionBlueprint {
  return {
    source: refOf(view.source.id),
    destination: refOf(view.destination.id),
    relationships: view.relationships,
    ...(view.name !== undefined ? { name: view.name } : {}),
    backPressure: view.backPressure,
    prioritizers: view.prioritizers,
    expiration: view.expiration,
    bends: view.bends,
  };
}

/** Creates a connection from a blueprint and records that `ref` now means its id. */
export async function createConnection(
  ctx: CommandContext,
  ref: string,
  blueprint: ConnectionBlueprint,
): Promise<string> {
  const { source, destination, relationships, backPressure, prioritizers, bends, ...rest } =
    blueprint;
  const added = await ctx.api.connections.add.mutate({
    flowId: ctx.flowId,
    source: ctx.resolve(source),
    destination: ctx.resolve(destination),
    relationships: [...relationships],
    ...rest,
    ...(backPressure ? { backPressure: { ...backPressure } } : {}),
    ...(prioritizers ? { prioritizers: [...prioritizers] } : {}),
    ...(bends && bends.length > 0 ? { bends: [...bends] } : {}),
  });
  ctx.alias(ctx.resolve(ref), added.id);
  return added.id;
}

/** Everything needed to create a label again. */
export type LabelBlueprint = Omit<LabelView, 'id'>;

/** Creates a label from a blueprint and records that `ref` now means its id. */
export async function createLabel(
  ctx: CommandContext,
  ref: string,
  blueprint: LabelBlueprint,
): Promise<string> {
  const added = await ctx.api.labels.add.mutate({
    flowId: ctx.flowId,
    text: blueprint.text,
    position: blueprint.position,
    size: blueprint.size,
    ...(blueprint.style ? { style: blueprint.style } : {}),
  });
  ctx.alias(ctx.resolve(ref), added.id);
  return added.id;
}
