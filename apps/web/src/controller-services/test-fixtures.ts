import type { ControllerServiceView, ServiceCatalogEntry } from '../api/types.js';
import { propertyHints, type PropertyHints } from '../testing/fixtures.js';

/** Fixtures for the controller services tests, shaped as catalog.services and the list give them. */

function serviceType(
  type: string,
  provides: string,
  description: string,
  ui: Record<string, PropertyHints>,
): ServiceCatalogEntry {
  return {
    type,
    description,
    tags: [],
    provides,
    schema: {
      $schema: 'https://json-schema.org/draft/2020-12/schema',
      title: type,
      type: 'object',
      properties: {},
      required: [],
      additionalProperties: false,
    } as ServiceCatalogEntry['schema'],
    ui,
    propertyOrder: Object.keys(ui),
  };
}

/** An SFTP connection type: host, port, a user, a password (sensitive), a choice. */
export const sftpType = serviceType(
  'StandardSftpConnectionService',
  'SftpConnectionService',
  'Connects to an SFTP server with a password or a private key.',
  {
    hostname: propertyHints({
      displayName: 'Hostname',
      kind: 'string',
      required: true,
      description: 'The SFTP server to connect to.',
    }),
    port: propertyHints({
      displayName: 'Port',
      kind: 'integer',
      required: true,
      defaultValue: '22',
    }),
    username: propertyHints({ displayName: 'Username', kind: 'string', required: true }),
    password: propertyHints({
      displayName: 'Password',
      kind: 'string',
      sensitive: true,
      description: 'The password of the user.',
    }),
    hostKeyCheck: propertyHints({
      displayName: 'Strict Host Key Checking',
      kind: 'boolean',
      defaultValue: 'true',
      allowableValues: [{ value: 'true' }, { value: 'false' }],
    }),
  },
);

/** A second type providing the same API, so a choice is needed. */
export const sftpPoolType = serviceType(
  'PooledSftpConnectionService',
  'SftpConnectionService',
  'Keeps a pool of SFTP connections open.',
  { hostname: propertyHints({ displayName: 'Hostname', kind: 'string', required: true }) },
);

/** A Kafka connection type: another API. */
export const kafkaType = serviceType(
  'Kafka3ConnectionService',
  'KafkaConnectionService',
  'Connects to Kafka 3 or later brokers.',
  {
    bootstrap: propertyHints({ displayName: 'Bootstrap Servers', kind: 'string', required: true }),
  },
);

/** A listed controller service: disabled, valid, used by nobody, unless told otherwise. */
export function serviceOf(
  id: string,
  overrides: Partial<ControllerServiceView> = {},
): ControllerServiceView {
  return {
    id,
    type: sftpType.type,
    name: `Service ${id}`,
    properties: { hostname: 'sftp.example', password: { set: false } },
    state: 'DISABLED',
    provides: sftpType.provides,
    validationErrors: [],
    referencedBy: [],
    ...overrides,
  };
}
