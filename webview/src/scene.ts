/**
 * Turns a graph, its layout and the view state (simulation outcome, selection) into a small
 * virtual SVG tree. The same tree becomes DOM in the preview (`dom.ts`) and text in the CLI and
 * the exports (`svg-string.ts`), so the picture is decided once. Colours are left to CSS classes:
 * the preview follows the editor's theme; exports embed {@link EXPORT_CSS}.
 *
 * No DOM types here: the CLI and the tests import this module.
 *
 * @packageDocumentation
 */
import type {
  ScenarioOutcome,
  TopologyEdge,
  TopologyEdgeKind,
  TopologyElement,
  TopologyElementKind,
  TopologyFinding,
  TopologyGraph,
  TopologyLocation,
  TopologyMark,
} from '../../server/src/core/topology/graph.js';
import {
  METRICS,
  MARK_BADGES,
  badgeWidth,
  edgeLabelText,
  elementText,
  simulatedNodes,
  type Box,
  type TopologyLayout,
} from './measure.js';

/** One element of the virtual tree. `text` is plain text, never markup. */
export interface SceneNode {
  readonly tag: string;
  readonly attrs: Readonly<Record<string, string>>;
  readonly children?: readonly SceneNode[];
  readonly text?: string;
}

/** What the scene shows besides the graph itself. */
export interface SceneView {
  /** One outcome per simulated group; without them no holder is highlighted. */
  readonly outcomes?: readonly ScenarioOutcome[];
  /** Element drawn as selected. */
  readonly selected?: string;
  /** Embed {@link EXPORT_CSS} so that the SVG looks right on its own (files, exports). */
  readonly embedStyle?: boolean;
  /**
   * Draw only what meets this rectangle (picture coordinates). Large pictures are windowed so
   * that the page holds the few hundred boxes near the view, not thousands.
   */
  readonly window?: Box;
  /**
   * Boxes and lines only, no text: for a large picture zoomed out so far that text could not be
   * read anyway. Elements keep their data attributes and accessible names.
   */
  readonly compact?: boolean;
}

function meets(a: Box, b: Box): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

function boundsOf(points: readonly { x: number; y: number }[]): Box {
  const xs = points.map((point) => point.x);
  const ys = points.map((point) => point.y);
  const x = Math.min(...xs);
  const y = Math.min(...ys);
  return { x, y, width: Math.max(...xs) - x + 1, height: Math.max(...ys) - y + 1 };
}

/** What each element kind, mark and edge kind means; the legend shows these. */
export const LEGEND: {
  readonly kinds: Readonly<Record<TopologyElementKind, string>>;
  readonly marks: Readonly<Record<TopologyMark, string>>;
  readonly edges: Readonly<Record<TopologyEdgeKind, string>>;
} = {
  kinds: {
    clients: 'Clients: where the traffic comes from',
    vip: 'Virtual IP address (Keepalived VRRP)',
    node: 'Node: one machine of the cluster',
    'sync-group': 'VRRP sync group: instances that fail over together',
    haproxy: 'HAProxy configuration (shared: the same on several nodes)',
    frontend: 'HAProxy frontend',
    listen: 'HAProxy listen section (frontend and backend in one)',
    backend: 'HAProxy backend',
    server: 'Server of a backend',
    more: 'Elements folded away to keep the picture readable',
    'virtual-server': 'Keepalived virtual server (LVS)',
    'real-server': 'Real server of a Keepalived virtual server',
  },
  marks: {
    ssl: 'Binds with TLS',
    transparent: 'Binds transparently (the address may live on another node)',
    backup: 'Backup server: used only when the others are down',
    disabled: 'Disabled: receives no traffic',
    'no-check': 'Never health-checked: traffic goes to it even when it is down',
    missing: 'Referenced but not defined',
    shared: 'Drawn once for several identical nodes',
    drift: 'Differs between nodes',
    opaque: 'Depends on the environment',
  },
  edges: {
    traffic: 'Traffic from clients',
    vip: 'Node that may hold the VIP (bold: holds it now)',
    serves: 'Node runs this HAProxy',
    route: 'use_backend, with its condition',
    'default-route': 'default_backend (dashed)',
    server: 'Backend to server',
    lvs: 'Keepalived virtual server traffic',
  },
};

const SEVERITY_ORDER = ['error', 'warning', 'info', 'hint'] as const;

/** The most severe finding's severity, if any. */
export function worstSeverity(
  findings: readonly TopologyFinding[],
): TopologyFinding['severity'] | undefined {
  return SEVERITY_ORDER.find((severity) =>
    findings.some((finding) => finding.severity === severity),
  );
}

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

/** `2 errors: a; b` style summary of findings, by severity, most severe first. */
export function describeFindings(findings: readonly TopologyFinding[]): string {
  const parts: string[] = [];
  for (const severity of SEVERITY_ORDER) {
    const messages = findings.filter((finding) => finding.severity === severity);
    if (messages.length === 0) continue;
    const word = severity === 'info' ? 'note' : severity;
    parts.push(`${plural(messages.length, word)}: ${messages.map((f) => f.message).join('; ')}`);
  }
  return parts.join('; ');
}

/** `file:line` of a location (one-based line), for tooltips and the standalone status line. */
export function describeLocation(location: TopologyLocation): string {
  return `${location.uri}:${location.range.start.line + 1}`;
}

/** What a screen reader and a tooltip call each kind of element. */
export const KIND_NAMES: Readonly<Record<TopologyElementKind, string>> = {
  clients: 'clients',
  vip: 'virtual IP',
  node: 'node',
  'sync-group': 'VRRP sync group',
  haproxy: 'HAProxy configuration',
  frontend: 'frontend',
  listen: 'listen section',
  backend: 'backend',
  server: 'server',
  more: 'folded',
  'virtual-server': 'virtual server',
  'real-server': 'real server',
};

/**
 * The accessible name of an element: kind, label, marks and findings. A sync group also lists its
 * instances, since what it groups is the point of drawing it.
 */
export function accessibleName(element: TopologyElement, extra?: string): string {
  const parts = [`${KIND_NAMES[element.kind]} ${element.label}`];
  if (element.members !== undefined) {
    parts.push(
      element.members.length === 0 ? 'no instances' : `instances ${element.members.join(', ')}`,
    );
  }
  if (element.marks.length > 0) {
    parts.push(element.marks.map((mark) => MARK_BADGES[mark]).join(', '));
  }
  if (extra !== undefined) parts.push(extra);
  const findings = describeFindings(element.findings);
  parts.push(findings === '' ? 'no findings' : findings);
  return parts.join('; ');
}

/** The simulated state of a node, for its priority line, in one short phrase. */
function priorityText(
  element: TopologyElement,
  graph: TopologyGraph,
  outcomes: readonly ScenarioOutcome[],
): string {
  const node = element.node;
  if (node === undefined) return '';
  const parts: string[] = [];
  for (const outcome of outcomes) {
    const group = graph.groups.find((candidate) => candidate.id === outcome.group);
    const member = group?.members.find((candidate) => candidate.node === node);
    if (member === undefined) continue;
    const value = outcome.priorities[node];
    const shown =
      value === undefined
        ? '?'
        : value === 'fault'
          ? 'FAULT'
          : value === 'down'
            ? 'down'
            : String(value);
    const holds = outcome.holders.includes(node) ? ' (holds VIP)' : '';
    parts.push(
      outcomes.length === 1 ? `priority ${shown}${holds}` : `${member.instance} ${shown}${holds}`,
    );
  }
  return parts.join(' · ');
}

function holderNodes(outcomes: readonly ScenarioOutcome[]): Set<string> {
  return new Set(outcomes.flatMap((outcome) => outcome.holders));
}

function tooltip(lines: readonly (string | undefined)[]): SceneNode {
  return {
    tag: 'title',
    attrs: {},
    text: lines.filter((line) => line !== undefined && line !== '').join('\n'),
  };
}

function elementNode(
  element: TopologyElement,
  box: Box,
  graph: TopologyGraph,
  view: SceneView,
  context: {
    simulated: ReadonlySet<string>;
    holders: ReadonlySet<string>;
    containers: ReadonlySet<string>;
  },
): SceneNode {
  const text = elementText(element, context.simulated);
  const container = context.containers.has(element.id);
  const classes = ['el', `el-${element.kind}`];
  if (container) classes.push('container');
  for (const mark of new Set(element.marks)) classes.push(`mark-${mark}`);
  const severity = worstSeverity(element.findings);
  if (severity !== undefined) classes.push(`sev-${severity}`);
  if (view.selected === element.id) classes.push('selected');
  const attrs: Record<string, string> = {
    'data-id': element.id,
    'data-kind': element.kind,
    role: 'button',
    tabindex: '0',
    transform: `translate(${round(box.x)} ${round(box.y)})`,
  };
  let extra: string | undefined;
  let priority = '';
  if (text.priority && element.node !== undefined) {
    const holder = context.holders.has(element.node);
    if (holder) classes.push('holder');
    attrs['data-holder'] = String(holder);
    attrs['data-node'] = element.node;
    priority = priorityText(element, graph, view.outcomes ?? []);
    const values = (view.outcomes ?? []).map((outcome) => outcome.priorities[element.node ?? '']);
    if (values.includes('down')) classes.push('down');
    else if (values.includes('fault')) classes.push('fault');
    extra = priority === '' ? undefined : priority;
  }
  if (element.count !== undefined) attrs['data-count'] = String(element.count);
  attrs.class = classes.join(' ');
  attrs['aria-label'] = accessibleName(element, extra);

  const children: SceneNode[] = [
    tooltip([
      `${KIND_NAMES[element.kind]} ${element.label}`,
      ...element.details,
      priority,
      ...element.findings.map(
        (finding) => `${finding.severity}: ${finding.message} [${finding.code}]`,
      ),
      element.location === undefined ? undefined : describeLocation(element.location),
    ]),
    {
      tag: 'rect',
      attrs: {
        class: 'box',
        width: round(box.width),
        height: round(box.height),
        rx: container ? '8' : '5',
      },
    },
  ];
  if (view.compact === true) return { tag: 'g', attrs, children: children.slice(1) };
  let y = METRICS.padY + METRICS.labelSize;
  children.push({
    tag: 'text',
    attrs: { class: 'label', x: String(METRICS.padX), y: String(y) },
    text: text.label,
  });
  y += METRICS.labelLine - METRICS.labelSize + METRICS.detailSize;
  for (const line of text.details) {
    children.push({
      tag: 'text',
      attrs: { class: 'detail', x: String(METRICS.padX), y: String(y) },
      text: line,
    });
    y += METRICS.detailLine;
  }
  if (text.priority) {
    children.push({
      tag: 'text',
      attrs: { class: 'priority', x: String(METRICS.padX), y: String(y) },
      text: priority === '' ? 'priority –' : priority,
    });
    y += METRICS.detailLine;
  }
  if (text.badges.length > 0) {
    let x = METRICS.padX;
    const top = y - METRICS.detailSize + 3;
    for (const mark of new Set(element.marks)) {
      const label = MARK_BADGES[mark];
      const width = badgeWidth(label);
      children.push({
        tag: 'g',
        attrs: { class: `badge badge-${mark}`, transform: `translate(${x} ${top})` },
        children: [
          { tag: 'rect', attrs: { width: String(width), height: '14', rx: '7' } },
          {
            tag: 'text',
            attrs: { x: String(width / 2), y: '10.5', 'text-anchor': 'middle' },
            text: label,
          },
        ],
      });
      x += width + METRICS.badgeGap;
    }
  }
  return { tag: 'g', attrs, children };
}

function round(value: number): string {
  return String(Math.round(value * 10) / 10);
}

function pathData(points: readonly { x: number; y: number }[]): string {
  return points
    .map((point, index) => `${index === 0 ? 'M' : 'L'}${round(point.x)} ${round(point.y)}`)
    .join(' ');
}

function edgeNode(
  edge: TopologyEdge,
  layout: TopologyLayout,
  byId: ReadonlyMap<string, TopologyElement>,
  active: ReadonlySet<string>,
  compact: boolean,
): SceneNode | undefined {
  const route = layout.edges.get(edge.id);
  if (route === undefined || route.points.length < 2) return undefined;
  const classes = ['edge', `edge-${edge.kind}`];
  const severity = worstSeverity(edge.findings);
  if (severity !== undefined) classes.push(`sev-${severity}`);
  const attrs: Record<string, string> = {
    'data-id': edge.id,
    'data-kind': edge.kind,
    'data-from': edge.from,
    'data-to': edge.to,
  };
  if (edge.kind === 'vip') {
    const isActive = active.has(edge.id);
    if (isActive) classes.push('active');
    attrs['data-active'] = String(isActive);
  }
  attrs.class = classes.join(' ');
  const from = byId.get(edge.from)?.label ?? edge.from;
  const to = byId.get(edge.to)?.label ?? edge.to;
  const children: SceneNode[] = [
    tooltip([
      `${edge.kind}: ${from} → ${to}`,
      edge.label,
      ...edge.findings.map(
        (finding) => `${finding.severity}: ${finding.message} [${finding.code}]`,
      ),
      edge.location === undefined ? undefined : describeLocation(edge.location),
    ]),
    { tag: 'path', attrs: { d: pathData(route.points), 'marker-end': 'url(#arrow)' } },
  ];
  if (compact) return { tag: 'g', attrs, children: children.slice(1) };
  const label = edgeLabelText(edge);
  if (label !== undefined && route.label !== undefined) {
    const box = route.label;
    children.push(
      {
        tag: 'rect',
        attrs: {
          class: 'edge-label-bg',
          x: round(box.x),
          y: round(box.y),
          width: round(box.width),
          height: round(box.height),
          rx: '3',
        },
      },
      {
        tag: 'text',
        attrs: { class: 'edge-label', x: round(box.x + 3), y: round(box.y + box.height - 4) },
        text: label,
      },
    );
  }
  return { tag: 'g', attrs, children };
}

/** VIP edges that lead to a node holding the VIP under the simulated outcome. */
function activeVipEdges(
  graph: TopologyGraph,
  byId: ReadonlyMap<string, TopologyElement>,
  outcomes: readonly ScenarioOutcome[],
): Set<string> {
  const active = new Set<string>();
  for (const outcome of outcomes) {
    const group = graph.groups.find((candidate) => candidate.id === outcome.group);
    if (group === undefined) continue;
    for (const edge of graph.edges) {
      if (edge.kind !== 'vip' || !group.vips.includes(edge.from)) continue;
      const node = byId.get(edge.to)?.node;
      if (node !== undefined && outcome.holders.includes(node)) active.add(edge.id);
    }
  }
  return active;
}

/**
 * Element ids in reading order: column by column (left to right), top to bottom within a column.
 * Containers come before their contents, which also draws them underneath. Computed once per
 * layout and shared, hence read-only.
 */
export function readingOrder(graph: TopologyGraph, layout: TopologyLayout): readonly string[] {
  // Every redraw (a simulation toggle, a pan across a large picture) needs the order; it only
  // changes with the layout, and sorting thousands of boxes each time is what costs.
  const cached = orderCache.get(layout);
  if (cached !== undefined) return cached;
  const order = sortedIds(graph, layout);
  orderCache.set(layout, order);
  return order;
}

const orderCache = new WeakMap<TopologyLayout, string[]>();

function sortedIds(graph: TopologyGraph, layout: TopologyLayout): string[] {
  const placed = graph.elements.filter((element) => layout.boxes.has(element.id));
  const box = (id: string): Box => layout.boxes.get(id) ?? { x: 0, y: 0, width: 0, height: 0 };
  return placed
    .map((element) => element.id)
    .sort((a, b) => box(a).x - box(b).x || box(a).y - box(b).y || (a < b ? -1 : a > b ? 1 : 0));
}

/** Builds the virtual SVG tree of a laid-out graph. */
export function buildScene(
  graph: TopologyGraph,
  layout: TopologyLayout,
  view: SceneView = {},
): SceneNode {
  const byId = new Map(graph.elements.map((element) => [element.id, element]));
  const containers = new Set(
    graph.elements.map((element) => element.parent).filter((id): id is string => id !== undefined),
  );
  const outcomes = view.outcomes ?? [];
  const context = { simulated: simulatedNodes(graph), holders: holderNodes(outcomes), containers };
  const elements: SceneNode[] = [];
  for (const id of readingOrder(graph, layout)) {
    const element = byId.get(id);
    const box = layout.boxes.get(id);
    if (element === undefined || box === undefined) continue;
    if (view.window !== undefined && !meets(box, view.window)) continue;
    elements.push(elementNode(element, box, graph, view, context));
  }
  const active = activeVipEdges(graph, byId, outcomes);
  const { window } = view;
  const edges = graph.edges
    .filter((edge) => {
      const points = layout.edges.get(edge.id)?.points;
      return window === undefined || (points !== undefined && meets(boundsOf(points), window));
    })
    .map((edge) => edgeNode(edge, layout, byId, active, view.compact === true))
    .filter((node): node is SceneNode => node !== undefined);
  const width = Math.ceil(layout.width);
  const height = Math.ceil(layout.height);
  const children: SceneNode[] = [
    { tag: 'title', attrs: {}, text: `Topology of ${graph.title}` },
    {
      tag: 'defs',
      attrs: {},
      children: [
        {
          tag: 'marker',
          attrs: {
            id: 'arrow',
            viewBox: '0 0 10 10',
            refX: '9',
            refY: '5',
            markerWidth: '7',
            markerHeight: '7',
            orient: 'auto-start-reverse',
            markerUnits: 'userSpaceOnUse',
          },
          children: [{ tag: 'path', attrs: { class: 'arrow-head', d: 'M0 0 L10 5 L0 10 z' } }],
        },
      ],
    },
  ];
  if (view.embedStyle === true) children.push({ tag: 'style', attrs: {}, text: EXPORT_CSS });
  children.push(
    { tag: 'rect', attrs: { class: 'canvas', width: String(width), height: String(height) } },
    // Elements in reading order, which is also the Tab order and draws containers beneath their
    // contents; edges on top, since ELK routes them around boxes and they must stay visible
    // where they cross into a container.
    { tag: 'g', attrs: { class: 'elements' }, children: elements },
    { tag: 'g', attrs: { class: 'edges' }, children: edges },
  );
  return {
    tag: 'svg',
    attrs: {
      xmlns: 'http://www.w3.org/2000/svg',
      class: 'topology',
      width: String(width),
      height: String(height),
      viewBox: `0 0 ${width} ${height}`,
      role: 'group',
      'aria-label': `Topology of ${graph.title}`,
      'font-family': 'system-ui, -apple-system, "Segoe UI", sans-serif',
    },
    children,
  };
}

/**
 * The stylesheet embedded in exported SVG files: fixed light colours, since a file has no editor
 * theme. Kept in step with the drawing rules of `style.css` by class name.
 */
export const EXPORT_CSS = `
.canvas{fill:#fff}
.el .box{fill:#f6f8fa;stroke:#8c959f;stroke-width:1}
.container>.box{fill:#eef2f6;fill-opacity:.6;stroke:#afb8c1}
.el-clients>.box{fill:#eaeef2}
.el-vip>.box{fill:#ddf4ff;stroke:#54aeff}
.el-sync-group>.box{stroke:#54aeff;stroke-width:1.5;stroke-dasharray:10 3 2 3}
.el-node>.box{fill:#f3f0ff;stroke:#a78bfa}
.el-frontend>.box,.el-listen>.box{fill:#dafbe1;stroke:#4ac26b}
.el-backend>.box{fill:#fff8c5;stroke:#d4a72c}
.el-server>.box,.el-real-server>.box{fill:#fff;stroke:#8c959f}
.el-virtual-server>.box{fill:#ffeff7;stroke:#e85aad}
.el-more>.box{fill:#fff;stroke-dasharray:4 3}
.label{font-size:13px;font-weight:600;fill:#1f2328}
.detail,.priority{font-size:11px;fill:#59636e}
.priority{font-weight:600}
.holder>.box{stroke:#0969da;stroke-width:3}
.down>.box,.fault>.box{stroke-dasharray:6 3}
.mark-disabled{opacity:.5}
.mark-missing>.box{stroke:#cf222e;stroke-dasharray:6 4;stroke-width:2}
.mark-no-check>.box{stroke:#cf222e;stroke-dasharray:3 3;stroke-width:2}
.sev-warning>.box{stroke:#bf8700;stroke-width:2.5}
.sev-error>.box{stroke:#cf222e;stroke-width:2.5}
.badge rect{fill:#eaeef2;stroke:#8c959f;stroke-width:.5}
.badge text{font-size:10px;fill:#1f2328}
.badge-no-check rect,.badge-missing rect{fill:#ffebe9;stroke:#cf222e}
.badge-drift rect{fill:#fff8c5;stroke:#bf8700}
.edge path{fill:none;stroke:#6e7781;stroke-width:1.3}
.edge-default-route path{stroke-dasharray:6 4}
.edge-vip path{stroke-dasharray:2 3}
.edge-vip.active path{stroke:#0969da;stroke-width:3;stroke-dasharray:none}
.edge-lvs path{stroke:#e85aad}
.edge.sev-warning path{stroke:#bf8700}
.edge.sev-error path{stroke:#cf222e}
.arrow-head{fill:#6e7781}
.edge-label-bg{fill:#fff;fill-opacity:.85}
.edge-label{font-size:11px;fill:#1f2328}
`.trim();
