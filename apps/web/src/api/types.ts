import type { inferRouterInputs, inferRouterOutputs } from '@trpc/server';
import type { AppRouter } from '@sluice/server';

/** Inputs of every procedure, e.g. `ApiInputs['processors']['update']`. */
export type ApiInputs = inferRouterInputs<AppRouter>;
/** Outputs of every procedure, e.g. `ApiOutputs['flows']['get']`. */
export type ApiOutputs = inferRouterOutputs<AppRouter>;

/** A flow as the editor holds it (no secrets: sensitive values are `{ set }`). */
export type FlowView = ApiOutputs['flows']['get'];
/** A processor type of the palette. */
export type CatalogEntry = ApiOutputs['catalog']['list'][number];
