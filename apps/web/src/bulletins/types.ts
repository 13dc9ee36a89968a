import type { ApiInputs, ApiOutputs, StatusDelta, StatusSnapshot } from '../api/types.js';

/** A bulletin as `bulletins.query` returns it. */
export type BulletinView = ApiOutputs['bulletins']['query'][number];
/** A bulletin's level. */
export type BulletinLevel = BulletinView['level'];
/** A query of the bulletin board. */
export type BulletinQueryInput = ApiInputs['bulletins']['query'];
/** One component's recent bulletins (the last five minutes), as its card's badge shows them. */
export type BulletinBadgeView = NonNullable<StatusSnapshot['bulletins']>['components'][number];
/** The badges and the newest bulletin id of a live snapshot. */
export type BulletinBadgesView = NonNullable<StatusSnapshot['bulletins']>;
/** What a live delta says changed in the badges. */
export type BulletinBadgesDeltaView = NonNullable<StatusDelta['bulletins']>;
