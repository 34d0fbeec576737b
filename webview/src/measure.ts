/**
 * What the layouts and the scene share: text measurement with fixed per-character widths (the CLI
 * has no browser, and a picture that comes out the same everywhere is worth a little slack around
 * the labels), the layout result types, and which edges can be drawn at all.
 *
 * No DOM types here: the CLI and the tests import this module.
 *
 * @packageDocumentation
 */
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

/** Each element's container, when it exists and does not lead into a cycle. */
export function parents(elements: readonly TopologyElement[]): Map<string, string> {
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
