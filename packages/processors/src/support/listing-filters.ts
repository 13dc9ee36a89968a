import { prop } from '@sluice/engine';

/**
 * The age and size properties NiFi's listing processors (ListFile, ListSFTP) share, with NiFi's
 * names, descriptions and defaults. Spread into a processor's `properties` where they belong.
 */
export const AGE_AND_SIZE_PROPERTIES = {
  minimumFileAge: prop.duration({
    name: 'Minimum File Age',
    description:
      'The minimum age that a file must be in order to be pulled; any file younger than this amount of time (according to last modification date) will be ignored',
    default: '0 sec',
  }),
  maximumFileAge: prop.duration({
    name: 'Maximum File Age',
    description:
      'The maximum age that a file must be in order to be pulled; any file older than this amount of time (according to last modification date) will be ignored',
  }),
  minimumFileSize: prop.dataSize({
    name: 'Minimum File Size',
    description: 'The minimum size that a file must be in order to be pulled',
    default: '0 B',
  }),
  maximumFileSize: prop.dataSize({
    name: 'Maximum File Size',
    description: 'The maximum size that a file can be in order to be pulled',
  }),
};

/** The age (ms) and size (bytes) bounds of one listing, and the time the ages are measured at. */
export interface AgeAndSizeFilter {
  readonly minAge: number;
  readonly maxAge: number | undefined;
  readonly minSize: number;
  readonly maxSize: number | undefined;
  readonly now: number;
}

/** The properties of {@link AGE_AND_SIZE_PROPERTIES} as a processor's context reads them. */
interface AgeAndSizeValues {
  property(key: keyof typeof AGE_AND_SIZE_PROPERTIES): number | undefined;
}

/** The filter a listing processor's age and size properties configure, measured from `now`. */
export function ageAndSizeFilter(ctx: AgeAndSizeValues, now = Date.now()): AgeAndSizeFilter {
  return {
    minAge: ctx.property('minimumFileAge') ?? 0,
    maxAge: ctx.property('maximumFileAge'),
    minSize: ctx.property('minimumFileSize') ?? 0,
    maxSize: ctx.property('maximumFileSize'),
    now,
  };
}

/** Whether a file of `size` bytes last modified at `mtimeMs` passes the age and size filter. */
export function passesAgeAndSize(
  file: { readonly size: number; readonly mtimeMs: number },
  filter: AgeAndSizeFilter,
): boolean {
  if (file.size < filter.minSize) return false;
  if (filter.maxSize !== undefined && file.size > filter.maxSize) return false;
  const age = filter.now - file.mtimeMs;
  if (age < filter.minAge) return false;
  return filter.maxAge === undefined || age <= filter.maxAge;
}
