export { SCHEMA_VERSION } from '@sluice/flow-schema';
