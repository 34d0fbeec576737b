/**
 * Places the elements of a topology graph left to right with ELK's layered algorithm: containers
 * (nodes, HAProxy layers, sync groups) are compound nodes laid out together with their contents,
 * so that an edge from a VIP to a frontend inside a layer is routed across the container's border.
 *
 * Text is measured with fixed per-character widths instead of the browser's font metrics: the
 * CLI has no browser, and a picture that comes out the same in the CLI, the tests and the preview
 * is worth a little slack around the labels. The same input always gives the same layout.
 *
 * No DOM types here: the CLI and the tests import this module.
 *
 * @packageDocumentation
 */
import ElkModule from 'elkjs/lib/elk.bundled.js';
import type { ELK as ElkEngine, ElkExtendedEdge, ElkNode } from 'elkjs/lib/elk-api.js';
import type {
  TopologyEdge,
  TopologyElement,
  TopologyGraph,
  TopologyMark,
} from '../../server/src/core/topology/graph.js';

/** A rectangle in picture coordinates (the root's top-left corner is 0,0). */
export interface Box {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

/** A point of an edge's route. */
export interface Point {
  readonly x: number;
  readonly y: number;
}

/** Where an edge runs: a polyline from the source's border to the target's, and its label. */
export interface EdgeRoute {
  readonly points: readonly Point[];
  readonly label?: Box;
}

/** Result of {@link layoutGraph}. Elements and edges that could not be placed are absent. */
export interface TopologyLayout {
  readonly width: number;
  readonly height: number;
  readonly boxes: ReadonlyMap<string, Box>;
  readonly edges: ReadonlyMap<string, EdgeRoute>;
}

/** Font sizes and spacing shared by the layout (to size boxes) and the scene (to draw in them). */
export const METRICS = {
  labelSize: 13,
  detailSize: 11,
  labelLine: 18,
  detailLine: 15,
  badgeLine: 18,
  badgeSize: 10,
  padX: 10,
  padY: 8,
  /** Average advance of a character, generous so that wide glyphs rarely overflow. */
  labelChar: 7.6,
  detailChar: 6.4,
  badgeChar: 6,
  badgePad: 10,
  badgeGap: 4,
  minWidth: 120,
  maxLabelChars: 42,
  maxDetailChars: 56,
  maxEdgeLabelChars: 36,
} as const;

/** Text shown in a badge for each mark; marks drawn by outline or colour alone have a badge too. */
export const MARK_BADGES: Readonly<Record<TopologyMark, string>> = {
  ssl: 'ssl',
  transparent: 'transparent',
  backup: 'backup',
  disabled: 'disabled',
  'no-check': 'no check',
  missing: 'missing',
  shared: 'shared',
  drift: 'drift',
  opaque: 'env',
};

/** Shortens text to `max` characters with an ellipsis; the full text stays in the tooltip. */
export function fitText(text: string, max: number): string {
  const chars = Array.from(text);
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join('')}…`;
}

/** Width the scene gives a badge with this text. */
export function badgeWidth(text: string): number {
  return Array.from(text).length * METRICS.badgeChar + METRICS.badgePad;
}

/** The lines of an element's box, as drawn: label, details, an optional priority line, badges. */
export interface ElementText {
  readonly label: string;
  readonly details: readonly string[];
  /** A line reserved for the simulated priority (nodes that take part in a VRRP group). */
  readonly priority: boolean;
  readonly badges: readonly string[];
}

/** Nodes whose priority the simulation shows. */
export function simulatedNodes(graph: TopologyGraph): ReadonlySet<string> {
  return new Set(graph.groups.flatMap((group) => group.members.map((member) => member.node)));
}

/** What {@link layoutGraph} and the scene draw for an element. */
export function elementText(element: TopologyElement, simulated: ReadonlySet<string>): ElementText {
  const badges = [...new Set(element.marks)]
    .map((mark) => MARK_BADGES[mark])
    .filter((text): text is string => text !== undefined);
  return {
    label: fitText(element.label, METRICS.maxLabelChars),
    details: element.details.map((line) => fitText(line, METRICS.maxDetailChars)),
    priority: element.kind === 'node' && element.node !== undefined && simulated.has(element.node),
    badges,
  };
}

/** Height of the text block (label, details, priority, badges) including the padding above it. */
export function textHeight(text: ElementText): number {
  return (
    METRICS.padY +
    METRICS.labelLine +
    text.details.length * METRICS.detailLine +
    (text.priority ? METRICS.detailLine : 0) +
    (text.badges.length > 0 ? METRICS.badgeLine + 2 : 0)
  );
}

/** Width the text block needs, padding included. */
export function textWidth(text: ElementText): number {
  const label = Array.from(text.label).length * METRICS.labelChar;
  const details =
    Math.max(0, ...text.details.map((line) => Array.from(line).length)) * METRICS.detailChar;
  const priority = text.priority ? 24 * METRICS.detailChar : 0;
  const badges = text.badges.reduce((sum, badge) => sum + badgeWidth(badge) + METRICS.badgeGap, 0);
  return Math.ceil(Math.max(label, details, priority, badges) + 2 * METRICS.padX);
}

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

/** Each element's container, when it exists and does not lead into a cycle. */
function parents(elements: readonly TopologyElement[]): Map<string, string> {
  const byId = new Map(elements.map((element) => [element.id, element]));
  const result = new Map<string, string>();
  for (const element of elements) {
    const seen = new Set([element.id]);
    let parent = element.parent;
    let valid = parent !== undefined;
    while (parent !== undefined) {
      if (seen.has(parent) || !byId.has(parent)) {
        valid = false;
        break;
      }
      seen.add(parent);
      parent = byId.get(parent)?.parent;
    }
    if (valid && element.parent !== undefined) result.set(element.id, element.parent);
  }
  return result;
}

function isAncestor(parentOf: ReadonlyMap<string, string>, ancestor: string, id: string): boolean {
  for (let at = parentOf.get(id); at !== undefined; at = parentOf.get(at)) {
    if (at === ancestor) return true;
  }
  return false;
}

/**
 * Edges the layout routes. An edge between a container and something inside it (a node and its
 * own HAProxy layer) is already said by the nesting; ELK cannot route it, so it is left out.
 */
export function routableEdges(graph: TopologyGraph): TopologyEdge[] {
  const ids = new Set(graph.elements.map((element) => element.id));
  const parentOf = parents(graph.elements);
  return graph.edges.filter(
    (edge) =>
      ids.has(edge.from) &&
      ids.has(edge.to) &&
      edge.from !== edge.to &&
      !isAncestor(parentOf, edge.from, edge.to) &&
      !isAncestor(parentOf, edge.to, edge.from),
  );
}

/** The text on an edge, shortened; `default-route` edges say "default" when unlabelled. */
export function edgeLabelText(edge: TopologyEdge): string | undefined {
  const text = edge.label ?? (edge.kind === 'default-route' ? 'default' : undefined);
  return text === undefined || text === '' ? undefined : fitText(text, METRICS.maxEdgeLabelChars);
}

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
  const root: ElkNode = { id: '\u0000root', layoutOptions: { ...ROOT_OPTIONS }, children: [] };
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
