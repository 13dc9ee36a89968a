import type { LogLevel } from '../processor/process-context.js';

/** A warning or error shown to operators, kept and searchable (not dropped after 5 minutes). */
export interface Bulletin {
  readonly id: number;
  readonly time: number;
  readonly level: LogLevel;
  readonly componentId: string;
  readonly componentName: string;
  readonly componentType: string;
  readonly message: string;
  readonly flowFileId?: string;
}
