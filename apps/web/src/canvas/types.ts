import type { Edge, Node } from '@xyflow/react';
import type { ConnectionView, LabelView, ProcessorView } from '../api/types.js';

/** A processor card on the canvas; its data is the processor as the graph store holds it. */
export type ProcessorNode = Node<{ readonly processor: ProcessorView }, 'processor'>;
/** A free-text label on the canvas. */
export type LabelNode = Node<{ readonly label: LabelView }, 'label'>;
/** Any node of the canvas. */
export type CanvasNode = ProcessorNode | LabelNode;

/** Data of a connection edge: the connection, and its place among edges with the same ends. */
export interface ConnectionEdgeData extends Record<string, unknown> {
  readonly connection: ConnectionView;
  /** 0-based index among the connections from the same source to the same destination. */
  readonly parallelIndex: number;
  readonly parallelCount: number;
}

/** A connection on the canvas. */
export type ConnectionEdge = Edge<ConnectionEdgeData, 'connection'>;

/** Ids of what is selected on the canvas, by kind. */
export interface CanvasSelection {
  readonly processors: readonly string[];
  readonly labels: readonly string[];
  readonly connections: readonly string[];
}
