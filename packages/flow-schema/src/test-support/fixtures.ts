import type { FlowDocumentInput } from '../schema.js';

/** The smallest valid hand-written document: only required fields, no components. */
export function minimalDocument(): FlowDocumentInput {
  return { schemaVersion: 1, flow: { id: 'flow-1', name: 'Empty flow' } };
}

/**
 * A small flow after seed 004: ListSFTP → FetchSFTP → ReplaceText → PublishKafka, with a label,
 * a Kafka controller service and a parameter context holding a secret. Only required fields and
 * a few explicit settings are written; everything else comes from defaults.
 */
export function sftpToKafkaDocument(): FlowDocumentInput {
  return {
    schemaVersion: 1,
    flow: {
      id: 'flow-sftp-kafka',
      name: 'SFTP to Kafka',
      parameterContextId: 'ctx-1',
      processors: [
        {
          id: 'p-list',
          type: 'ListSFTP',
          name: 'List notes',
          position: { x: 0, y: 0 },
          properties: { Hostname: 'sftp.local', Password: '#{sftp.password}' },
          scheduling: { period: '1 min' },
        },
        {
          id: 'p-fetch',
          type: 'FetchSFTP',
          name: 'Fetch note',
          position: { x: 0, y: 200 },
          properties: { Hostname: 'sftp.local', Password: 'hunter2' },
        },
        {
          id: 'p-replace',
          type: 'ReplaceText',
          name: 'Strip quotes',
          position: { x: 0, y: 400 },
          properties: { 'Search Value': '"', 'Replacement Value': '' },
          autoTerminatedRelationships: ['failure'],
        },
        {
          id: 'p-publish',
          type: 'PublishKafka',
          name: 'Publish t3q',
          position: { x: 0, y: 600 },
          properties: { 'Topic Name': 't3q', 'Kafka Connection Service': 'svc-kafka' },
          autoTerminatedRelationships: ['success', 'failure'],
        },
      ],
      connections: [
        {
          id: 'c-1',
          source: { id: 'p-list' },
          relationships: ['success'],
          destination: { id: 'p-fetch' },
        },
        {
          id: 'c-2',
          source: { id: 'p-fetch' },
          relationships: ['success'],
          destination: { id: 'p-replace' },
        },
        {
          id: 'c-3',
          source: { id: 'p-replace' },
          relationships: ['success'],
          destination: { id: 'p-publish' },
          prioritizers: ['OLDEST_FIRST', 'FIFO'],
        },
      ],
      labels: [
        {
          id: 'l-1',
          text: 'Seed 004',
          position: { x: -300, y: 0 },
          size: { width: 200, height: 50 },
        },
      ],
      controllerServices: [
        {
          id: 'svc-kafka',
          type: 'KafkaConnectionService',
          name: 'Kafka',
          properties: { 'Bootstrap Servers': 'localhost:9092' },
          state: 'ENABLED',
        },
      ],
      parameterContexts: [
        {
          id: 'ctx-1',
          name: 'SFTP',
          parameters: [
            { name: 'sftp.user', value: 'notes' },
            { name: 'sftp.password', value: 's3cret', sensitive: true },
          ],
        },
      ],
    },
  };
}

/** The relationships of the processor types used in the fixtures, as a processor registry would give them. */
export function fixtureRelationshipsOf(processorType: string): readonly string[] | undefined {
  const relationships: Record<string, readonly string[]> = {
    ListSFTP: ['success'],
    FetchSFTP: ['success', 'comms.failure', 'not.found', 'permission.denied'],
    ReplaceText: ['success', 'failure'],
    PublishKafka: ['success', 'failure'],
  };
  return relationships[processorType];
}
