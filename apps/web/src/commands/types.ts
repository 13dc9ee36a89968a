import type { ApiInputs, ApiOutputs } from '../api/types.js';

type Mutation<R extends keyof ApiInputs, P extends keyof ApiInputs[R] & keyof ApiOutputs[R]> = {
  mutate(input: ApiInputs[R][P]): Promise<ApiOutputs[R][P]>;
};

/**
 * The part of the API that commands use: the edit procedures. The real tRPC client fits it;
 * tests pass an in-memory fake.
 */
export interface CommandApi {
  readonly processors: {
    readonly add: Mutation<'processors', 'add'>;
    readonly update: Mutation<'processors', 'update'>;
    readonly move: Mutation<'processors', 'move'>;
    readonly delete: Mutation<'processors', 'delete'>;
    readonly disable: Mutation<'processors', 'disable'>;
  };
  readonly connections: {
    readonly add: Mutation<'connections', 'add'>;
    readonly update: Mutation<'connections', 'update'>;
    readonly delete: Mutation<'connections', 'delete'>;
  };
  readonly labels: {
    readonly add: Mutation<'labels', 'add'>;
    readonly update: Mutation<'labels', 'update'>;
    readonly delete: Mutation<'labels', 'delete'>;
  };
}

/**
 * What a command runs against. Ids a command holds are the ones it saw when it was made;
 * `resolve` turns one into the component's id today, since a component deleted and re-created
 * by an undo comes back with a new server id.
 */
export interface CommandContext {
  readonly api: CommandApi;
  readonly flowId: string;
  /** The current id of a component known by an older id (or a command's placeholder ref). */
  resolve(id: string): string;
  /** Records that the component known as `from` is now `to` (re-created, or first created). */
  alias(from: string, to: string): void;
}

/**
 * One undoable edit: `do` applies it, `undo` applies its inverse, both through the API. Built by
 * a pure factory from the flow as it was before the edit (see the other files of this folder).
 */
export interface Command {
  /** What the edit was, for the Undo/Redo buttons' titles ("Undo Move 2 processors"). */
  readonly label: string;
  do(ctx: CommandContext): Promise<void>;
  undo(ctx: CommandContext): Promise<void>;
}
