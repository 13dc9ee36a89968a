import type { CatalogEntry, FlowView } from '../api/types.js';
import { connection, processor, propertyHints, type PropertyHints } from '../testing/fixtures.js';

/** Fixtures for the panels' tests: catalog entries shaped as the server's catalog.list gives them. */

function entry(
  type: string,
  ui: Record<string, PropertyHints>,
  extra: Partial<CatalogEntry> = {},
): CatalogEntry {
  return {
    type,
    description: `${type} for tests`,
    tags: [],
    inputRequirement: 'required',
    defaultRunSchedule: null,
    relationships: [
      { name: 'success', description: 'Flowfiles that were processed' },
      { name: 'failure', description: 'Flowfiles that could not be processed' },
    ],
    dynamicProperties: null,
    schema: {
      $schema: 'https://json-schema.org/draft/2020-12/schema',
      title: type,
      type: 'object',
      properties: {},
      required: [],
      additionalProperties: false,
    } as CatalogEntry['schema'],
    ui,
    propertyOrder: Object.keys(ui),
    ...extra,
  };
}

/** A ReplaceText-like type: a choice, an EL regex, an EL text, a boolean, an integer. */
export const replaceTextEntry: CatalogEntry = entry('ReplaceText', {
  replacementStrategy: propertyHints({
    displayName: 'Replacement Strategy',
    kind: 'choice',
    description: 'How and what to replace within the content.',
    required: true,
    defaultValue: 'Regex Replace',
    allowableValues: [
      { value: 'Regex Replace', description: 'Replaces every match of the Search Value' },
      { value: 'Literal Replace', displayName: 'Literal', description: 'Replaces literally' },
    ],
  }),
  searchValue: propertyHints({
    displayName: 'Search Value',
    kind: 'string',
    description: 'What to search for: a regular expression in Java syntax.',
    required: true,
    defaultValue: '(?s)(^.*$)',
    expressionLanguage: 'flowfile',
  }),
  replacementValue: propertyHints({
    displayName: 'Replacement Value',
    kind: 'text',
    description: 'The text that replaces what matched.',
    required: true,
    defaultValue: '$1',
    expressionLanguage: 'flowfile',
  }),
  ignoreCase: propertyHints({
    displayName: 'Ignore Case',
    kind: 'boolean',
    defaultValue: 'false',
    required: true,
    allowableValues: [{ value: 'true' }, { value: 'false' }],
  }),
  maxBufferSize: propertyHints({ displayName: 'Maximum Buffer Size', kind: 'dataSize' }),
});

/** A type with secrets, like the server tests' SecretSink. */
export const secretSinkEntry: CatalogEntry = entry(
  'SecretSink',
  {
    user: propertyHints({
      displayName: 'User',
      kind: 'string',
      defaultValue: 'admin',
      required: true,
    }),
    password: propertyHints({
      displayName: 'Password',
      kind: 'string',
      description: 'The password',
      sensitive: true,
    }),
    pin: propertyHints({ displayName: 'PIN', kind: 'integer', sensitive: true }),
  },
  { relationships: [{ name: 'success', description: 'Everything' }] },
);

/** A RouteOnAttribute-like type: each dynamic property is a condition and a relationship. */
export const routeEntry: CatalogEntry = entry(
  'RouteOnAttribute',
  {
    routingStrategy: propertyHints({
      displayName: 'Routing Strategy',
      kind: 'choice',
      required: true,
      defaultValue: 'Route to Property name',
      allowableValues: [
        { value: 'Route to Property name', displayName: 'Route to Property name' },
        { value: 'Route to matched if all match', displayName: "Route to 'matched' if all match" },
      ],
    }),
  },
  {
    relationships: [
      { name: 'unmatched', description: 'Flowfiles that match no condition' },
      { name: 'matched', description: 'Flowfiles that match' },
    ],
    dynamicProperties: {
      description: 'A condition: an expression that evaluates to true or false.',
      expressionScope: 'flowfile',
      addsRelationship: true,
    },
  },
);

/** An InvokeHTTP-like type whose dynamic properties (headers) may be marked sensitive. */
export const headersEntry: CatalogEntry = entry(
  'InvokeHTTP',
  {},
  {
    dynamicProperties: {
      description: 'A request header.',
      expressionScope: 'flowfile',
      supportsSensitive: true,
    },
  },
);

/** A ListSFTP-like type: a reference to an SFTP connection service, and a remote path. */
export const listSftpEntry: CatalogEntry = entry(
  'ListSFTP',
  {
    connection: propertyHints({
      displayName: 'SFTP Connection Service',
      kind: 'service',
      description: 'The connection to the SFTP server.',
      required: true,
      serviceApi: 'SftpConnectionService',
    }),
    remotePath: propertyHints({ displayName: 'Remote Path', kind: 'string', defaultValue: '.' }),
  },
  { inputRequirement: 'forbidden', relationships: [{ name: 'success', description: 'Listed' }] },
);

type ProcessorView = FlowView['flow']['processors'][number];
type ConnectionView = FlowView['flow']['connections'][number];

/** A saved processor of a type, with defaults like the server's. */
export function processorOf(type: string, partial: Partial<ProcessorView> = {}): ProcessorView {
  return processor(`${type}-1`, { type, name: type, ...partial });
}

/** A saved connection with the schema's defaults. */
export function connectionOf(partial: Partial<ConnectionView> = {}): ConnectionView {
  return { ...connection('c-1', 'a', 'b'), ...partial };
}
