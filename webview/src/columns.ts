/**
 * A fast layout for large graphs ("show all" on a configuration with hundreds of backends), where
 * ELK's layered algorithm takes tens of seconds. The topology already has a column structure
 * (clients, VIPs, nodes, frontends, backends, servers), so elements are put in the column of their
 * kind and stacked top to bottom in model order; an element never starts above what was placed
 * before it further right, which keeps each backend's servers beside it. Containers wrap their
 * contents. Edges run right, then along a shared vertical lane just left of the target column,
 * then right into the target. Linear in the size of the graph, and deterministic.
 *
 * No DOM types here: the CLI and the tests import this module.
 *
 * @packageDocumentation
 */
import type {
  TopologyElement,
  TopologyElementKind,
  TopologyGraph,
} from '../../server/src/core/topology/graph.js';
import {
  METRICS,
  edgeLabelText,
  elementText,
  routableEdges,
  simulatedNodes,
  textHeight,
  textWidth,
  type Box,
  type EdgeRoute,
  type Point,
  type TopologyLayout,
} from './measure.js';

/** The column of each kind of box; `more` takes the column after whatever points at it. */
const COLUMN: Readonly<Record<TopologyElementKind, number>> = {
  clients: 0,
  vip: 1,
  node: 2,
  'sync-group': 2,
  haproxy: 3,
  frontend: 3,
  listen: 3,
  'virtual-server': 3,
  backend: 4,
  'real-server': 4,
  server: 5,
  more: 5,
};

const MARGIN = 16;
const GAP_Y = 12;
const PAD = 12;
const LANE = 16;

interface Placed {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Lays a graph out in columns (see the module comment). */
export function columnLayout(graph: TopologyGraph): TopologyLayout {
  const simulated = simulatedNodes(graph);
  const byId = new Map(graph.elements.map((element) => [element.id, element]));
  const children = new Map<string | undefined, TopologyElement[]>();
  for (const element of graph.elements) {
    const parent =
      element.parent !== undefined && byId.has(element.parent) && element.parent !== element.id
        ? element.parent
        : undefined;
    const list = children.get(parent) ?? [];
    list.push(element);
    children.set(parent, list);
  }
  const edges = routableEdges(graph);

  // Columns of leaves; a `more` box follows its source.
  const column = new Map<string, number>();
  for (const element of graph.elements) column.set(element.id, COLUMN[element.kind]);
  for (const edge of edges) {
    const target = byId.get(edge.to);
    if (target?.kind === 'more') column.set(target.id, (column.get(edge.from) ?? 4) + 1);
  }

  // Each container's span of columns and nesting depth, from its contents.
  const span = new Map<string, [number, number]>();
  const visiting = new Set<string>();
  const spanOf = (element: TopologyElement): [number, number] => {
    const known = span.get(element.id);
    if (known !== undefined) return known;
    const inner = children.get(element.id);
    const own = column.get(element.id) ?? 0;
    if (inner === undefined || visiting.has(element.id)) return [own, own];
    visiting.add(element.id);
    let low = Infinity;
    let high = -Infinity;
    for (const child of inner) {
      const [a, b] = spanOf(child);
      low = Math.min(low, a);
      high = Math.max(high, b);
    }
    visiting.delete(element.id);
    const result: [number, number] = [low, high];
    span.set(element.id, result);
    return result;
  };
  for (const element of graph.elements) spanOf(element);

  // Column widths: the widest leaf; the gap before a column leaves room for incoming labels.
  const size = new Map<string, { width: number; height: number; header: number }>();
  const columns = Math.max(6, ...[...column.values()].map((value) => value + 1));
  const widths = Array<number>(columns).fill(METRICS.minWidth);
  for (const element of graph.elements) {
    const text = elementText(element, simulated);
    const width = Math.max(METRICS.minWidth, textWidth(text));
    const header = textHeight(text);
    size.set(element.id, { width, height: header + METRICS.padY, header });
    if (!children.has(element.id)) {
      const at = column.get(element.id) ?? 0;
      widths[at] = Math.max(widths[at] ?? 0, width);
    }
  }
  const labelRoom = Array<number>(columns).fill(0);
  for (const edge of edges) {
    const label = edgeLabelText(edge);
    if (label === undefined) continue;
    const at = span.get(edge.to)?.[0] ?? column.get(edge.to) ?? 0;
    labelRoom[at] = Math.max(labelRoom[at] ?? 0, Array.from(label).length * METRICS.detailChar + 6);
  }
  const left: number[] = [];
  let x = MARGIN;
  for (let at = 0; at < columns; at++) {
    // Room for three levels of container borders and the lane where edges turn.
    x += at === 0 ? 0 : 3 * PAD + LANE + 24 + (labelRoom[at] ?? 0);
    left.push(x);
    x += widths[at] ?? 0;
  }

  const boxes = new Map<string, Placed>();
  /**
   * Places the elements of one container (or the top level) below `top`, with `bottom[c]` the
   * lowest point used so far in column c. Returns the height used.
   */
  const place = (items: readonly TopologyElement[], top: number, depth: number): number => {
    const bottom = Array<number>(columns).fill(top);
    let used = top;
    // The top level goes column by column, so that every column starts at the top; inside a
    // container the model's order (a backend, then its servers) keeps related boxes side by side.
    const ordered =
      depth === 0 ? [...items].sort((a, b) => (spanOf(a)[0] ?? 0) - (spanOf(b)[0] ?? 0)) : items;
    for (const element of ordered) {
      const [low, high] = span.get(element.id) ?? [
        column.get(element.id) ?? 0,
        column.get(element.id) ?? 0,
      ];
      const measured = size.get(element.id) ?? { width: METRICS.minWidth, height: 40, header: 32 };
      // Never above anything already placed in this column or further right.
      let y = top;
      for (let at = low; at < columns; at++) y = Math.max(y, bottom[at] ?? top);
      const inner = children.get(element.id);
      let box: Placed;
      if (inner === undefined) {
        box = { x: left[low] ?? 0, y, width: measured.width, height: measured.height };
      } else {
        const contentHeight =
          place(inner, y + measured.header + 6, depth + 1) - (y + measured.header + 6);
        const innerDepth = depthBelow(element.id);
        const x0 = (left[low] ?? 0) - PAD * innerDepth;
        const x1 = (left[high] ?? 0) + (widths[high] ?? 0) + PAD * innerDepth;
        box = {
          x: x0,
          y,
          width: Math.max(measured.width, x1 - x0),
          height: measured.header + 6 + contentHeight + PAD,
        };
      }
      boxes.set(element.id, box);
      for (let at = low; at <= high; at++) bottom[at] = box.y + box.height + GAP_Y;
      used = Math.max(used, box.y + box.height);
    }
    return used;
  };
  const depthMemo = new Map<string, number>();
  const depthBelow = (id: string): number => {
    const known = depthMemo.get(id);
    if (known !== undefined) return known;
    depthMemo.set(id, 1);
    const inner = children.get(id) ?? [];
    const depth =
      1 +
      Math.max(
        0,
        ...inner.filter((child) => children.has(child.id)).map((child) => depthBelow(child.id)),
      );
    depthMemo.set(id, depth);
    return depth;
  };
  const height = place(children.get(undefined) ?? [], MARGIN, 0) + MARGIN;
  // Elements caught in a parent cycle were never reached from the top: put them at the bottom.
  let spare = height;
  for (const element of graph.elements) {
    if (boxes.has(element.id)) continue;
    const measured = size.get(element.id) ?? { width: METRICS.minWidth, height: 40, header: 32 };
    boxes.set(element.id, { x: MARGIN, y: spare, width: measured.width, height: measured.height });
    spare += measured.height + GAP_Y;
  }

  const routes = new Map<string, EdgeRoute>();
  // Labels of several edges into one box are stacked rather than drawn over each other.
  const labelsInto = new Map<string, number>();
  for (const edge of edges) {
    const from = boxes.get(edge.from);
    const to = boxes.get(edge.to);
    if (from === undefined || to === undefined) continue;
    // Containers are entered and left at their header, leaves at their middle.
    const fromY = from.y + Math.min(from.height / 2, (size.get(edge.from)?.header ?? 0) / 2 + 6);
    const toY = to.y + Math.min(to.height / 2, (size.get(edge.to)?.header ?? 0) / 2 + 6);
    const start: Point = { x: from.x + from.width, y: fromY };
    const end: Point = { x: to.x, y: toY };
    const label = edgeLabelText(edge);
    const stacked = label === undefined ? 0 : (labelsInto.get(edge.to) ?? 0);
    if (label !== undefined) labelsInto.set(edge.to, stacked + 1);
    const labelWidth = label === undefined ? 0 : Array.from(label).length * METRICS.detailChar + 6;
    const targetColumn = span.get(edge.to)?.[0] ?? column.get(edge.to) ?? 0;
    const lane = Math.max(start.x + 8, end.x - (labelRoom[targetColumn] ?? 0) - LANE);
    const points: Point[] =
      end.x > start.x
        ? [start, { x: lane, y: start.y }, { x: lane, y: end.y }, end]
        : [start, { x: start.x + 8, y: start.y }, { x: start.x + 8, y: end.y }, end];
    routes.set(edge.id, {
      points: points.filter(
        (point, index) =>
          index === 0 || point.x !== points[index - 1]?.x || point.y !== points[index - 1]?.y,
      ),
      ...(label === undefined
        ? {}
        : {
            label: {
              x: lane + 4,
              y: end.y - (stacked + 1) * METRICS.detailLine - 1,
              width: labelWidth,
              height: METRICS.detailLine,
            },
          }),
    });
  }

  let width = 0;
  for (const box of boxes.values()) width = Math.max(width, box.x + box.width);
  const frozen = new Map<string, Box>(boxes);
  return {
    width: width + MARGIN,
    height: Math.max(height, spare) + MARGIN,
    boxes: frozen,
    edges: routes,
  };
}
