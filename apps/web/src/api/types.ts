import type { inferRouterInputs, inferRouterOutputs } from '@trpc/server';
import type { AppRouter, LiveMessage, StatusDelta, StatusSnapshot } from '@sluice/server';

/** Inputs of every procedure, e.g. `ApiInputs['processors']['update']`. */
export type ApiInputs = inferRouterInputs<AppRouter>;
/** Outputs of every procedure, e.g. `ApiOutputs['flows']['get']`. */
export type ApiOutputs = inferRouterOutputs<AppRouter>;

/** A flow as the editor holds it (no secrets: sensitive values are `{ set }`). */
export type FlowView = ApiOutputs['flows']['get'];
/** A processor type of the palette. */
export type CatalogEntry = ApiOutputs['catalog']['list'][number];
/** A controller service type (`catalog.services`): the API it provides and its property form. */
export type ServiceCatalogEntry = ApiOutputs['catalog']['services'][number];
/** A controller service of a flow: live state, problems and users (`controllerServices.list`). */
export type ControllerServiceView = ApiOutputs['controllerServices']['list'][number];
/** A controller service's state as the engine reports it. */
export type ServiceState = ControllerServiceView['state'];

/** A processor of a flow as the API shows it (sensitive property values are `{ set }`). */
export type ProcessorView = FlowView['flow']['processors'][number];
/** A connection of a flow. */
export type ConnectionView = FlowView['flow']['connections'][number];
/** A free-text label of a flow. */
export type LabelView = FlowView['flow']['labels'][number];
/** One line of `flows.list`: a flow's id, name and counts. */
export type FlowSummary = ApiOutputs['flows']['list'][number];
/** A canvas position. */
export type Position = ProcessorView['position'];

/** One message of the live stats stream: a full snapshot, then deltas. */
export type { LiveMessage, StatusDelta, StatusSnapshot };
/** A processor's live status: run state, validation, 5-minute counters. */
export type ProcessorStatusView = StatusSnapshot['processors'][number];
/** A connection's live status: what is queued, whether it is full, its object threshold. */
export type ConnectionStatusView = StatusSnapshot['connections'][number];
/** A processor's run state as the engine reports it. */
export type RunState = ProcessorStatusView['state'];
