import type { EdgeTypes, NodeTypes } from '@xyflow/react';
import { ConnectionEdge } from './connection-edge.js';
import { LabelNode } from './label-node.js';
import { ProcessorCard } from './processor-card.js';

/**
 * The canvas's node types, one module constant: a new object on each render would make xyflow
 * remount every node.
 */
export const nodeTypes: NodeTypes = { processor: ProcessorCard, label: LabelNode };

/** The canvas's edge types, a module constant for the same reason. */
export const edgeTypes: EdgeTypes = { connection: ConnectionEdge };
