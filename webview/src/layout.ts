/**
 * Places the elements of a topology graph left to right with ELK's layered algorithm: containers
 * (nodes, HAProxy layers, sync groups) are compound nodes laid out together with their contents,
 * so that an edge from a VIP to a frontend inside a layer is routed across the container's border.
 * Large graphs, where ELK would take seconds to minutes, get the column layout of `columns.ts`.
 * The same input always gives the same layout.
 *
 * No DOM types here: the CLI and the tests import this module.
 *
 * @packageDocumentation
 */
import ElkModule from 'elkjs/lib/elk.bundled.js';
import type { ELK as ElkEngine, ElkExtendedEdge, ElkNode } from 'elkjs/lib/elk-api.js';
import type { TopologyGraph } from '../../server/src/core/topology/graph.js';
import { columnLayout } from './columns.js';
import {
  METRICS,
  edgeLabelText,
  elementText,
  parents,
  routableEdges,
  simulatedNodes,
  textHeight,
  textWidth,
  type EdgeRoute,
  type Point,
  type Box,
  type TopologyLayout,
} from './measure.js';

export * from './measure.js';

/**
 * Above this many elements the column layout replaces ELK. ELK's time grows faster than linearly
 * (measured on a busy two-core machine: a few hundred milliseconds to seconds for 167 elements,
 * 25 s for 4,000) and it runs on the page's only thread, so a picture beyond this size would
 * freeze the view while it is laid out.
 */
export const LARGE_GRAPH = 150;

/**
 * Above this many elements ELK skips its greedy crossing-reduction pass and sweeps less: on a
 * picture of 150 elements that halves the time for hardly a visible difference.
 */
const MEDIUM_GRAPH = 60;

const ROOT_OPTIONS: Readonly<Record<string, string>> = {
  'elk.algorithm': 'layered',
  'elk.direction': 'RIGHT',
  'elk.hierarchyHandling': 'INCLUDE_CHILDREN',
  // Absolute coordinates everywhere: the scene then needs no per-container offsets.
  'elk.json.shapeCoords': 'ROOT',
  'elk.json.edgeCoords': 'ROOT',
  'elk.edgeLabels.placement': 'CENTER',
  'elk.layered.edgeLabels.sideSelection': 'ALWAYS_UP',
  'elk.layered.spacing.nodeNodeBetweenLayers': '56',
  'elk.layered.spacing.edgeNodeBetweenLayers': '20',
  'elk.spacing.nodeNode': '16',
  'elk.spacing.edgeLabel': '3',
  'elk.padding': '[top=16,left=16,bottom=16,right=16]',
  // Keep the model's order (config order) where the crossings allow: stable across edits.
  'elk.layered.considerModelOrder.strategy': 'NODES_AND_EDGES',
  'elk.randomSeed': '1',
};

/** The ELK input for a graph (exported for the benchmark, which times ELK on its own). */
export function toElk(graph: TopologyGraph): ElkNode {
  const parentOf = parents(graph.elements);
  const simulated = simulatedNodes(graph);
  const nodes = new Map<string, ElkNode>();
  for (const element of graph.elements) {
    const text = elementText(element, simulated);
    nodes.set(element.id, {
      id: element.id,
      width: Math.max(METRICS.minWidth, textWidth(text)),
      height: textHeight(text) + METRICS.padY,
    });
  }
  const root: ElkNode = {
    id: '\u0000root',
    layoutOptions: {
      ...ROOT_OPTIONS,
      ...(graph.elements.length > MEDIUM_GRAPH
        ? {
            'elk.layered.crossingMinimization.greedySwitch.type': 'OFF',
            'elk.layered.thoroughness': '2',
          }
        : {}),
    },
    children: [],
  };
  for (const element of graph.elements) {
    const node = nodes.get(element.id);
    if (node === undefined) continue;
    const parentId = parentOf.get(element.id);
    const parent = parentId === undefined ? root : nodes.get(parentId);
    if (parent === undefined) continue;
    (parent.children ??= []).push(node);
  }
  for (const element of graph.elements) {
    const node = nodes.get(element.id);
    if (node?.children === undefined) continue;
    // A container: its size comes from its contents, at least its own header's.
    const header = textHeight(elementText(element, simulated));
    node.layoutOptions = {
      'elk.padding': `[top=${header + 6},left=12,bottom=12,right=12]`,
      'elk.nodeSize.constraints': 'MINIMUM_SIZE',
      'elk.nodeSize.minimum': `(${node.width ?? METRICS.minWidth}, ${header + 20})`,
    };
    delete node.width;
    delete node.height;
  }
  root.edges = routableEdges(graph).map((edge): ElkExtendedEdge => {
    const label = edgeLabelText(edge);
    return {
      id: edge.id,
      sources: [edge.from],
      targets: [edge.to],
      ...(label === undefined
        ? {}
        : {
            labels: [
              {
                text: label,
                width: Array.from(label).length * METRICS.detailChar + 6,
                height: METRICS.detailLine,
              },
            ],
          }),
    };
  });
  return root;
}

/*
 * elkjs is CommonJS. TypeScript (NodeNext) types its default import as the module object, while
 * Node and esbuild hand over `module.exports`, the constructor, which elkjs also exposes as its
 * own `default`: reading `.default` is right in both worlds.
 */
const ELK = ElkModule.default;

let engine: ElkEngine | undefined;

/** Lays a graph out. The promise rejects only on an ELK failure (a bug), never on graph content. */
export async function layoutGraph(graph: TopologyGraph): Promise<TopologyLayout> {
  if (graph.elements.length > LARGE_GRAPH) return columnLayout(graph);
  engine ??= new ELK();
  const result = await engine.layout(toElk(graph));
  const boxes = new Map<string, Box>();
  const visit = (node: ElkNode): void => {
    for (const child of node.children ?? []) {
      boxes.set(child.id, {
        x: child.x ?? 0,
        y: child.y ?? 0,
        width: child.width ?? 0,
        height: child.height ?? 0,
      });
      visit(child);
    }
  };
  visit(result);
  const edges = new Map<string, EdgeRoute>();
  const collect = (node: ElkNode): void => {
    for (const edge of node.edges ?? []) {
      const points: Point[] = [];
      for (const section of edge.sections ?? []) {
        points.push(section.startPoint, ...(section.bendPoints ?? []), section.endPoint);
      }
      const label = edge.labels?.[0];
      edges.set(edge.id, {
        points: points.map(({ x, y }) => ({ x, y })),
        ...(label === undefined
          ? {}
          : {
              label: {
                x: label.x ?? 0,
                y: label.y ?? 0,
                width: label.width ?? 0,
                height: label.height ?? 0,
              },
            }),
      });
    }
    for (const child of node.children ?? []) collect(child);
  };
  collect(result);
  return { width: result.width ?? 0, height: result.height ?? 0, boxes, edges };
}
