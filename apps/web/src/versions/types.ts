import type { ApiOutputs } from '../api/types.js';

/** Where the open flow stands against its last version (`versions.status`). */
export type VersionStatus = ApiOutputs['versions']['status'];
/** One committed version of a flow. */
export type VersionInfo = ApiOutputs['versions']['log'][number];
/** A diff between two sides of a flow, as `versions.diff` answers it. */
export type VersionDiffView = ApiOutputs['versions']['diff'];
/** One side of a diff: a version, or the working copy. */
export type VersionSideView = VersionDiffView['from'];
/** A component that differs, with its changed fields and a sketch to draw it as a ghost. */
export type ComponentDiffView = VersionDiffView['diff']['components'][number];
/** One changed field of a component. */
export type FieldChangeView = ComponentDiffView['fields'][number];
/** The configured remote and how far apart the histories were last seen. */
export type RemoteView = ApiOutputs['versions']['remote'];
/** What a push did. */
export type PushView = ApiOutputs['versions']['push'];
/** What a pull did. */
export type PullView = ApiOutputs['versions']['pull'];

/** A side of a diff picked in the history list: a version's hash, or the working copy. */
export type PickedSide = string | 'working';
