import { FlowValidationError } from './errors.js';
import { ROOT_PATH } from './json-path.js';
import { CURRENT_SCHEMA_VERSION } from './schema.js';

export { CURRENT_SCHEMA_VERSION };

/**
 * One step of the migration chain: turns a document of schema version `from` into one of
 * version `to`. Steps see raw, unvalidated JSON and must leave what they do not recognise alone;
 * the schema reports it after the last step.
 */
export interface Migration {
  readonly from: number;
  readonly to: number;
  migrate(doc: unknown): unknown;
}

/** Options for {@link migrateFlowDocument}; the defaults are the real chain and version. */
export interface MigrateOptions {
  readonly migrations?: readonly Migration[];
  readonly currentVersion?: number;
}

type JsonObject = Record<string, unknown>;

function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Applies `update` to each object element of `doc.flow[key]`, copying what it changes. */
function mapFlowArray(doc: JsonObject, key: string, update: (item: JsonObject) => JsonObject) {
  const flow = doc['flow'];
  if (!isJsonObject(flow)) return doc;
  const items = flow[key];
  if (!Array.isArray(items)) return doc;
  const mapped: unknown[] = items.map((item) => (isJsonObject(item) ? update(item) : item));
  return { ...doc, flow: { ...flow, [key]: mapped } };
}

/**
 * Version 0, the early draft format, to version 1: a connection's single `relationship` string
 * becomes the `relationships` list, and a processor's top-level `schedulingPeriod` moves to
 * `scheduling.period`.
 */
export const migrateV0ToV1: Migration = {
  from: 0,
  to: 1,
  migrate(doc) {
    if (!isJsonObject(doc)) return doc;
    const withConnections = mapFlowArray(doc, 'connections', (connection) => {
      if (!('relationship' in connection) || 'relationships' in connection) return connection;
      const { relationship, ...rest } = connection;
      return { ...rest, relationships: [relationship] };
    });
    return mapFlowArray(withConnections, 'processors', (processor) => {
      if (!('schedulingPeriod' in processor)) return processor;
      const { schedulingPeriod, ...rest } = processor;
      const scheduling = rest['scheduling'] ?? {};
      if (!isJsonObject(scheduling) || 'period' in scheduling) return processor;
      return { ...rest, scheduling: { ...scheduling, period: schedulingPeriod } };
    });
  },
};

/** The migration chain, in order; its last step ends at {@link CURRENT_SCHEMA_VERSION}. */
export const MIGRATIONS: readonly Migration[] = [migrateV0ToV1];

function refuse(path: string, message: string): never {
  throw new FlowValidationError([{ path, message }]);
}

/**
 * Brings a raw flow document up to the current schema version by applying each migration step
 * from the document's own `schemaVersion` onwards. The input is not modified.
 *
 * @throws FlowValidationError when the input is not an object, or `schemaVersion` (path
 * `schemaVersion`) is missing, not an integer, unknown, or newer than this package supports.
 */
export function migrateFlowDocument(raw: unknown, options: MigrateOptions = {}): unknown {
  const migrations = options.migrations ?? MIGRATIONS;
  const current = options.currentVersion ?? CURRENT_SCHEMA_VERSION;
  if (!isJsonObject(raw)) {
    refuse(ROOT_PATH, `a flow document must be a JSON object, got ${describeJson(raw)}`);
  }
  const declared = raw['schemaVersion'];
  if (declared === undefined) {
    refuse('schemaVersion', `is required (the current version is ${current})`);
  }
  if (typeof declared !== 'number' || !Number.isInteger(declared)) {
    refuse('schemaVersion', `must be an integer, got ${describeJson(declared)}`);
  }
  if (declared > current) {
    refuse(
      'schemaVersion',
      `version ${declared} is newer than this Sluice supports (${current}); upgrade Sluice to open this flow`,
    );
  }
  let doc: unknown = raw;
  let version = declared;
  while (version < current) {
    const step = migrations.find((migration) => migration.from === version);
    if (step === undefined) {
      refuse(
        'schemaVersion',
        `version ${version} is not a known flow format (the current version is ${current})`,
      );
    }
    if (step.to <= version) {
      throw new Error(`migration from version ${step.from} must move forward, not to ${step.to}`);
    }
    const migrated = step.migrate(doc);
    // The runner, not each step, stamps the version, so a step cannot forget it.
    doc = isJsonObject(migrated) ? { ...migrated, schemaVersion: step.to } : migrated;
    version = step.to;
  }
  return doc;
}

function describeJson(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string') return `the string ${JSON.stringify(value)}`;
  if (typeof value === 'object') return 'an object';
  return `${typeof value} ${String(value)}`;
}
