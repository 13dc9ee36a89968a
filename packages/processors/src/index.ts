/**
 * Sluice's processors, one per file with its test beside it, and the registry of them all.
 */
import { ProcessorRegistry, type AnyProcessorDefinition } from '@sluice/engine';
import { FetchFile } from './fetch-file.js';
import { GenerateFlowFile } from './generate-flow-file.js';
import { ListFile } from './list-file.js';
import { LogAttribute } from './log-attribute.js';
import { PutFile } from './put-file.js';
import { ReplaceText } from './replace-text.js';
import { RouteOnAttribute } from './route-on-attribute.js';
import { UpdateAttribute } from './update-attribute.js';

export {
  FetchFile,
  GenerateFlowFile,
  ListFile,
  LogAttribute,
  PutFile,
  ReplaceText,
  RouteOnAttribute,
  UpdateAttribute,
};

/** Every processor type this package provides. */
export const STANDARD_PROCESSORS: readonly AnyProcessorDefinition[] = [
  FetchFile,
  GenerateFlowFile,
  ListFile,
  LogAttribute,
  PutFile,
  ReplaceText,
  RouteOnAttribute,
  UpdateAttribute,
];

/** A registry holding every standard processor type. */
export function standardRegistry(): ProcessorRegistry {
  return new ProcessorRegistry(STANDARD_PROCESSORS);
}
