import type { FlowDocumentInput } from '@sluice/flow-schema';

type FlowInput = FlowDocumentInput['flow'];
type ProcessorInput = NonNullable<FlowInput['processors']>[number];

/** Where {@link queueFlow}'s connection goes: a processor of the flow, placed anywhere. */
export type QueueDestination = Omit<ProcessorInput, 'position'>;

const position = { x: 0, y: 0 };

/**
 * A flow for the queue and swap tests: processor `gen` (of type `sourceType`) sends `success`
 * to `destination` through connection `q`. `q` never applies back-pressure, so everything `gen`
 * makes stays queued (and swaps to disk past the threshold) until the destination runs.
 */
export function queueFlow(
  name: string,
  sourceType: string,
  destination: QueueDestination,
): FlowInput {
  return {
    id: 'f',
    name,
    processors: [
      { id: 'gen', type: sourceType, name: 'Gen', position },
      { ...destination, position },
    ],
    connections: [
      {
        id: 'q',
        source: { id: 'gen' },
        relationships: ['success'],
        destination: { id: destination.id },
        backPressure: { objectThreshold: 0 },
      },
    ],
  };
}
