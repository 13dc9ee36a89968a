/** Placeholder export proving the toolchain resolves workspace sources. */
export const SCHEMA_VERSION = 1;
