/**
 * Browser entry of the topology view, in the VS Code webview and in the standalone HTML page
 * that `halint topology --format html` writes. It lays out and draws the graph, runs the failover
 * simulation locally (no round trip), and handles zoom, pan, keyboard, selection and exports.
 *
 * @packageDocumentation
 */
import {
  TOPOLOGY_FORMAT,
  type FailoverScenario,
  type ScenarioOutcome,
  type TopologyGraph,
  type TopologyLocation,
} from '../../server/src/core/topology/graph.js';
import { runScenario } from '../../server/src/core/topology/scenario.js';
import { toDom } from './dom.js';
import { columnLayout } from './columns.js';
import { LARGE_GRAPH, layoutGraph, type Box, type TopologyLayout } from './layout.js';
import { DATA_ELEMENT_ID, type EmbeddedData } from './page.js';
import { isGraphShape, parseHostMessage, type WebviewMessage } from './protocol.js';
import { LEGEND, buildScene, describeLocation, readingOrder, type SceneNode } from './scene.js';
import { toSvgString } from './svg-string.js';
import { createViewport, type ViewportState } from './viewport.js';

/** The part of the VS Code webview API this script uses. */
interface VsCodeApi {
  postMessage(message: WebviewMessage): void;
  getState(): unknown;
  setState(state: unknown): void;
}

declare const acquireVsCodeApi: (() => VsCodeApi) | undefined;

/** What survives graph updates and (in VS Code) reloads of the webview. */
interface SavedState {
  /** The file whose cluster the panel shows (the serializer reopens it after a reload). */
  readonly uri?: string;
  readonly viewport?: ViewportState;
  readonly scenario?: FailoverScenario;
  readonly selected?: string;
}

const vscode = typeof acquireVsCodeApi === 'function' ? acquireVsCodeApi() : undefined;

function byId<T extends HTMLElement>(id: string): T {
  const element = document.getElementById(id);
  if (element === null) throw new Error(`the page has no #${id}`);
  return element as T;
}

function restoredState(): SavedState {
  const raw: unknown = vscode?.getState();
  if (typeof raw !== 'object' || raw === null) return {};
  const state = raw as Record<string, unknown>;
  const strings = (value: unknown): string[] =>
    Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
  const scenario = state.scenario as Record<string, unknown> | undefined;
  const viewport = state.viewport as Record<string, unknown> | undefined;
  const number = (value: unknown): number | undefined =>
    typeof value === 'number' && Number.isFinite(value) ? value : undefined;
  return {
    scenario:
      typeof scenario === 'object' && scenario !== null
        ? {
            nodesDown: strings(scenario.nodesDown),
            haproxyDown: strings(scenario.haproxyDown),
            failing: strings(scenario.failing),
          }
        : undefined,
    viewport:
      typeof viewport === 'object' && viewport !== null
        ? {
            zoom: number(viewport.zoom) ?? 1,
            x: number(viewport.x) ?? 0,
            y: number(viewport.y) ?? 0,
            auto: viewport.auto !== false,
          }
        : undefined,
    selected: typeof state.selected === 'string' ? state.selected : undefined,
    uri: typeof state.uri === 'string' ? state.uri : undefined,
  };
}

const saved = restoredState();
let scenario: FailoverScenario = saved.scenario ?? { nodesDown: [], haproxyDown: [], failing: [] };
let selected: string | undefined = saved.selected;
let source: string | undefined = saved.uri;
let graph: TopologyGraph | undefined;
let layout: TopologyLayout | undefined;
let outcomes: ScenarioOutcome[] = [];
let generation = 0;
let embedded: readonly TopologyGraph[] = [];

const viewportElement = byId<HTMLElement>('viewport');
const stage = document.createElement('div');
stage.id = 'stage';
viewportElement.appendChild(stage);
const message = byId<HTMLElement>('message');
const status = byId<HTMLElement>('status');
const viewport = createViewport(
  viewportElement,
  stage,
  saved.viewport,
  () => persist(),
  () => scheduleWindow(),
);

/** Below this zoom a large picture is drawn without text (unreadable there, and costly). */
const COMPACT_ZOOM = 0.3;

/** The large picture in the page is drawn without text. */
let drawnCompact = false;
/** The part of a large picture that is in the page now (undefined: all of it). */
let drawnWindow: Box | undefined;
let windowPending = false;

function windowed(): boolean {
  return graph !== undefined && graph.elements.length > LARGE_GRAPH;
}

/** The visible part of the picture with one window's worth of margin on every side. */
function wantedWindow(): Box {
  const view = viewport.visible();
  return {
    x: view.x - view.width,
    y: view.y - view.height,
    width: view.width * 3,
    height: view.height * 3,
  };
}

function contains(outer: Box, inner: Box): boolean {
  return (
    inner.x >= outer.x &&
    inner.y >= outer.y &&
    inner.x + inner.width <= outer.x + outer.width &&
    inner.y + inner.height <= outer.y + outer.height
  );
}

/** After a zoom or pan, redraws a large picture once the view leaves the part in the page. */
function scheduleWindow(): void {
  if (windowPending || !windowed()) return;
  windowPending = true;
  requestAnimationFrame(() => {
    windowPending = false;
    if (!windowed()) return;
    const compact = viewport.state().zoom < COMPACT_ZOOM;
    if (
      drawnWindow === undefined ||
      !contains(drawnWindow, viewport.visible()) ||
      compact !== drawnCompact
    ) {
      draw();
    }
  });
}

function persist(): void {
  vscode?.setState({
    uri: source,
    viewport: viewport.state(),
    scenario,
    selected,
  } satisfies SavedState);
}

function post(outgoing: WebviewMessage): void {
  vscode?.postMessage(outgoing);
}

function showMessage(text: string, kind: 'error' | 'info'): void {
  message.textContent = text;
  message.dataset.state = kind;
  message.hidden = false;
}

/** Shows an error instead of the picture: never a half-drawn or stale graph beside an error. */
function showError(text: string): void {
  generation++;
  graph = undefined;
  layout = undefined;
  stage.replaceChildren();
  stage.dataset.state = 'error';
  byId('controls').replaceChildren();
  const outcome = byId('outcome');
  outcome.replaceChildren();
  delete outcome.dataset.signature;
  showMessage(text, 'error');
}

/** The scenario restricted to nodes and checks of the current graph. */
function effectiveScenario(current: TopologyGraph): FailoverScenario {
  const nodes = new Set(current.nodes);
  const checks = new Set(
    current.groups.flatMap((group) => group.members.flatMap((m) => m.checks.map((c) => c.id))),
  );
  return {
    nodesDown: scenario.nodesDown.filter((node) => nodes.has(node)),
    haproxyDown: scenario.haproxyDown.filter((node) => nodes.has(node)),
    failing: scenario.failing.filter((check) => checks.has(check)),
  };
}

function sceneFor(
  current: TopologyGraph,
  placed: TopologyLayout,
  embedStyle: boolean,
  window?: Box,
): SceneNode {
  return buildScene(current, placed, {
    outcomes,
    selected,
    embedStyle,
    ...(window === undefined ? {} : { window, compact: viewport.state().zoom < COMPACT_ZOOM }),
  });
}

/** Redraws the picture from the current graph, layout and simulation; keeps focus where it was. */
function draw(): void {
  if (graph === undefined || layout === undefined) return;
  const current = graph;
  const focused = document.activeElement?.closest('.el')?.getAttribute('data-id');
  const run = effectiveScenario(current);
  outcomes = current.groups.map((group) => runScenario(group, run));
  drawnWindow = windowed() ? wantedWindow() : undefined;
  drawnCompact = drawnWindow !== undefined && viewport.state().zoom < COMPACT_ZOOM;
  const scene = sceneFor(current, layout, false, drawnWindow);
  performance.mark('topology-scene');
  const svg = toDom(scene, document);
  stage.replaceChildren(svg);
  performance.measure('topology-dom', 'topology-scene');
  message.hidden = true;
  viewport.setContent(layout.width, layout.height);
  renderOutcome(current);
  if (focused !== undefined && focused !== null) {
    elementById(focused)?.focus({ preventScroll: true });
  }
}

function elementById(id: string): SVGGElement | undefined {
  for (const element of stage.querySelectorAll<SVGGElement>('g.el')) {
    if (element.getAttribute('data-id') === id) return element;
  }
  return undefined;
}

function renderOutcome(current: TopologyGraph): void {
  const box = byId('outcome');
  const heading = document.createElement('h2');
  heading.textContent = 'Outcome';
  const lines: HTMLElement[] = outcomes.map((outcome) => {
    const line = document.createElement('p');
    line.className = outcome.problem ? 'outcome problem' : 'outcome';
    line.dataset.group = outcome.group;
    line.textContent = outcome.explanation;
    return line;
  });
  if (current.groups.length === 0) {
    const line = document.createElement('p');
    line.className = 'outcome';
    line.textContent = 'No VRRP group: there is no failover to simulate.';
    lines.push(line);
  }
  // The region is live: rewriting the same sentences on every edit would make screen readers
  // repeat them while the user types.
  const signature = JSON.stringify(lines.map((line) => [line.className, line.textContent]));
  if (box.dataset.signature === signature) return;
  box.dataset.signature = signature;
  box.replaceChildren(heading, ...lines);
}

function checkbox(
  label: string,
  checked: boolean,
  data: Record<string, string>,
  onChange: (checked: boolean) => void,
): HTMLLabelElement {
  const wrapper = document.createElement('label');
  const input = document.createElement('input');
  input.type = 'checkbox';
  input.checked = checked;
  for (const [key, value] of Object.entries(data)) input.dataset[key] = value;
  input.addEventListener('change', () => onChange(input.checked));
  wrapper.append(input, document.createTextNode(` ${label}`));
  return wrapper;
}

function toggled(list: readonly string[], item: string, on: boolean): string[] {
  const rest = list.filter((value) => value !== item);
  return on ? [...rest, item] : rest;
}

function updateScenario(next: FailoverScenario): void {
  scenario = next;
  persist();
  draw();
}

function renderControls(current: TopologyGraph): void {
  const box = byId('controls');
  const heading = document.createElement('h2');
  heading.textContent = 'Failover simulation';
  const parts: HTMLElement[] = [heading];
  for (const node of current.nodes) {
    const fieldset = document.createElement('fieldset');
    fieldset.dataset.node = node;
    const legend = document.createElement('legend');
    legend.textContent = node;
    fieldset.append(
      legend,
      checkbox('node down', scenario.nodesDown.includes(node), { sim: 'node-down', node }, (on) =>
        updateScenario({ ...scenario, nodesDown: toggled(scenario.nodesDown, node, on) }),
      ),
      checkbox(
        'HAProxy down',
        scenario.haproxyDown.includes(node),
        { sim: 'haproxy-down', node },
        (on) =>
          updateScenario({ ...scenario, haproxyDown: toggled(scenario.haproxyDown, node, on) }),
      ),
    );
    for (const group of current.groups) {
      for (const member of group.members.filter((candidate) => candidate.node === node)) {
        for (const check of member.checks) {
          const weight = check.weight === 0 ? 'FAULT' : `weight ${check.weight}`;
          fieldset.append(
            checkbox(
              `${member.instance}: ${check.name} fails (${weight})`,
              scenario.failing.includes(check.id),
              { sim: 'check', check: check.id, node },
              (on) =>
                updateScenario({ ...scenario, failing: toggled(scenario.failing, check.id, on) }),
            ),
          );
        }
      }
    }
    parts.push(fieldset);
  }
  const reset = document.createElement('button');
  reset.id = 'reset';
  reset.type = 'button';
  reset.textContent = 'Reset';
  reset.addEventListener('click', () => {
    updateScenario({ nodesDown: [], haproxyDown: [], failing: [] });
    renderControls(current);
  });
  parts.push(reset);
  // A new graph arrives on every edit: keep the keyboard focus on the same control.
  const focused = document.activeElement;
  const key =
    focused instanceof HTMLInputElement && box.contains(focused)
      ? [focused.dataset.sim, focused.dataset.node, focused.dataset.check].join('|')
      : undefined;
  box.replaceChildren(...parts);
  if (key !== undefined) {
    for (const input of box.querySelectorAll('input')) {
      if ([input.dataset.sim, input.dataset.node, input.dataset.check].join('|') === key) {
        input.focus();
      }
    }
  }
}

function renderHeader(current: TopologyGraph): void {
  byId('title').textContent = `Topology: ${current.title}`;
  document.title = `Topology: ${current.title}`;
  const { error, warning } = current.counts;
  const counts = byId('counts');
  counts.textContent = `${error} error${error === 1 ? '' : 's'} · ${warning} warning${warning === 1 ? '' : 's'}`;
  counts.dataset.errors = String(error);
  counts.dataset.warnings = String(warning);
  const showAll = byId<HTMLButtonElement>('show-all');
  showAll.hidden = current.folded <= 0;
  showAll.textContent = `Show all (${current.folded} folded)`;
}

function swatch(scene: SceneNode): SVGElement {
  return toDom(
    {
      tag: 'svg',
      attrs: {
        class: 'swatch',
        width: '44',
        height: '22',
        viewBox: '0 0 44 22',
        'aria-hidden': 'true',
      },
      children: [scene],
    },
    document,
  );
}

function renderLegend(): void {
  const items: HTMLElement[] = [];
  const add = (key: string, picture: SceneNode, text: string): void => {
    const item = document.createElement('div');
    item.className = 'legend-item';
    item.dataset.legend = key;
    const caption = document.createElement('span');
    caption.textContent = text;
    item.append(swatch(picture), caption);
    items.push(item);
  };
  const box = {
    tag: 'rect',
    attrs: { class: 'box', x: '2', y: '2', width: '40', height: '18', rx: '4' },
  };
  for (const [kind, text] of Object.entries(LEGEND.kinds)) {
    add(`kind:${kind}`, { tag: 'g', attrs: { class: `el el-${kind}` }, children: [box] }, text);
  }
  for (const [mark, text] of Object.entries(LEGEND.marks)) {
    add(
      `mark:${mark}`,
      { tag: 'g', attrs: { class: `el el-server mark-${mark}` }, children: [box] },
      text,
    );
  }
  for (const [severity, text] of [
    ['error', 'Has an error (hover for the message)'],
    ['warning', 'Has a warning'],
  ] as const) {
    add(
      `severity:${severity}`,
      { tag: 'g', attrs: { class: `el el-server sev-${severity}` }, children: [box] },
      text,
    );
  }
  add(
    'holder',
    { tag: 'g', attrs: { class: 'el el-node holder' }, children: [box] },
    'Holds the VIP in the simulation',
  );
  for (const [kind, text] of Object.entries(LEGEND.edges)) {
    add(
      `edge:${kind}`,
      {
        tag: 'g',
        attrs: { class: `edge edge-${kind}${kind === 'vip' ? ' active' : ''}` },
        children: [{ tag: 'path', attrs: { d: 'M2 11 L42 11' } }],
      },
      text,
    );
  }
  byId('legend').replaceChildren(...items);
}

/** Puts a laid-out graph on screen; `final` is false for the quick picture shown before ELK's. */
function present(next: TopologyGraph, placed: TopologyLayout, final: boolean): void {
  const fresh = graph !== next;
  graph = next;
  layout = placed;
  if (fresh) {
    renderHeader(next);
    renderControls(next);
  }
  message.hidden = true;
  // Fit before the picture is in the page: measuring the window now costs nothing, while after
  // the insertion it would force a synchronous layout of thousands of SVG nodes.
  viewport.setContent(placed.width, placed.height);
  // A large picture fitted to the window would be thousands of unreadable specks: it starts at
  // full size in the top-left corner instead, and only the part near the view is drawn.
  if (next.elements.length > LARGE_GRAPH && viewport.state().auto) viewport.home();
  else viewport.refit();
  draw();
  if (selected !== undefined) markSelected(selected);
  stage.dataset.elements = String(next.elements.length);
  stage.dataset.state = final ? 'final' : 'preview';
}

/** Resolves after the browser has painted what is on screen now. */
function afterPaint(): Promise<void> {
  return new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
}

async function showGraph(next: TopologyGraph): Promise<void> {
  if ((next.format as number) !== TOPOLOGY_FORMAT) {
    showError(
      `This topology has format ${String(next.format)}; this view draws format ${TOPOLOGY_FORMAT}. Update the extension or halint.`,
    );
    return;
  }
  const mine = ++generation;
  // Until the final picture of this graph is drawn, whatever is on screen is out of date.
  stage.dataset.state = 'pending';
  // Marks for the benchmark (scripts/bench-topology.ts) and the browser's performance panel.
  performance.mark('topology-start');
  const large = next.elements.length > LARGE_GRAPH;
  if (large || layout === undefined) {
    // The column layout takes milliseconds; ELK's first run in a page takes seconds (its code is
    // compiled cold). Show the columns at once, and for a picture ELK can handle, refine it.
    present(next, columnLayout(next), large);
    performance.measure('topology-first', 'topology-start');
    if (large) {
      performance.measure('topology-render', 'topology-start');
      measurePaint(mine);
      return;
    }
    await afterPaint();
    if (mine !== generation) return;
  }
  let placed: TopologyLayout;
  try {
    placed = await layoutGraph(next);
  } catch (error) {
    if (mine === generation) {
      showError(`The layout failed: ${error instanceof Error ? error.message : String(error)}`);
    }
    return;
  }
  // A newer graph arrived while this one was being laid out: it wins.
  if (mine !== generation) return;
  performance.measure('topology-layout', 'topology-start');
  present(next, placed, true);
  performance.measure('topology-render', 'topology-start');
  measurePaint(mine);
}

/** Records when the final picture of a graph has been painted (for the benchmark). */
function measurePaint(mine: number): void {
  void afterPaint().then(() => {
    if (mine === generation) performance.measure('topology-painted', 'topology-start');
  });
}

function markSelected(id: string | undefined): void {
  for (const element of stage.querySelectorAll('g.el.selected')) {
    element.classList.remove('selected');
  }
  selected = id;
  if (id !== undefined) elementById(id)?.classList.add('selected');
  persist();
}

function activate(target: SVGGElement): void {
  const id = target.getAttribute('data-id');
  if (id === null || graph === undefined) return;
  markSelected(id);
  const element = graph.elements.find((candidate) => candidate.id === id);
  const location: TopologyLocation | undefined = element?.location;
  if (location === undefined) {
    status.textContent = `${element?.label ?? id}: not written in a file`;
    return;
  }
  if (vscode !== undefined) post({ type: 'reveal', location });
  else status.textContent = `${element?.label ?? id}: ${describeLocation(location)}`;
}

function focusElement(id: string): void {
  const box = layout?.boxes.get(id);
  if (box === undefined) {
    // Not drawn yet (the graph is still being laid out): select it when it is.
    selected = id;
    return;
  }
  viewport.centreOn(box.x + box.width / 2, box.y + box.height / 2);
  if (elementById(id) === undefined) draw();
  markSelected(id);
  elementById(id)?.focus({ preventScroll: true });
}

stage.addEventListener('click', (event) => {
  if (viewport.wasDrag()) return;
  const target = (event.target as Element).closest<SVGGElement>('g.el');
  if (target !== null) activate(target);
});

stage.addEventListener('keydown', (event) => {
  const target = (event.target as Element).closest<SVGGElement>('g.el');
  if (target === null || graph === undefined || layout === undefined) return;
  if (event.key === 'Enter' || event.key === ' ') {
    event.preventDefault();
    activate(target);
    return;
  }
  const order = readingOrder(graph, layout);
  const at = order.indexOf(target.getAttribute('data-id') ?? '');
  const moves: Record<string, number> = {
    ArrowRight: at + 1,
    ArrowDown: at + 1,
    ArrowLeft: at - 1,
    ArrowUp: at - 1,
    Home: 0,
    End: order.length - 1,
  };
  const next = moves[event.key];
  if (next === undefined) return;
  event.preventDefault();
  const id = order[Math.max(0, Math.min(order.length - 1, next))];
  if (id === undefined) return;
  const box = layout.boxes.get(id);
  if (box !== undefined) viewport.ensureVisible(box);
  // A large picture may not have drawn the element yet.
  if (elementById(id) === undefined) draw();
  elementById(id)?.focus({ preventScroll: true });
});

function exportSvgText(): string | undefined {
  if (graph === undefined || layout === undefined) return undefined;
  return toSvgString(sceneFor(graph, layout, true), true);
}

function download(name: string, blob: Blob): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

function fileStem(): string {
  return `topology-${(graph?.title ?? 'cluster').replace(/[^A-Za-z0-9._-]+/g, '_')}`;
}

/**
 * The bytes of a base64 `data:` URL. Not through `fetch`: the page's Content-Security-Policy has
 * no `connect-src`, so fetching even a data URL is refused.
 */
function dataUrlBlob(url: string): Blob {
  const [header = '', base64 = ''] = url.split(',', 2);
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let index = 0; index < binary.length; index++) bytes[index] = binary.charCodeAt(index);
  return new Blob([bytes], {
    type: /^data:([^;,]+)/.exec(header)?.[1] ?? 'application/octet-stream',
  });
}

async function svgToPng(svg: string, width: number, height: number): Promise<string> {
  const url = URL.createObjectURL(new Blob([svg], { type: 'image/svg+xml' }));
  try {
    const image = new Image();
    image.src = url;
    await image.decode();
    const canvas = document.createElement('canvas');
    const scale = 2;
    canvas.width = Math.ceil(width * scale);
    canvas.height = Math.ceil(height * scale);
    const context = canvas.getContext('2d');
    if (context === null) throw new Error('no 2D canvas');
    context.scale(scale, scale);
    context.drawImage(image, 0, 0, width, height);
    return canvas.toDataURL('image/png');
  } finally {
    URL.revokeObjectURL(url);
  }
}

byId('export-svg').addEventListener('click', () => {
  const svg = exportSvgText();
  if (svg === undefined) return;
  if (vscode !== undefined) post({ type: 'export', format: 'svg', data: svg });
  else download(`${fileStem()}.svg`, new Blob([svg], { type: 'image/svg+xml' }));
});

byId('export-png').addEventListener('click', () => {
  const svg = exportSvgText();
  if (svg === undefined || layout === undefined) return;
  svgToPng(svg, layout.width, layout.height).then(
    (data) => {
      if (vscode !== undefined) post({ type: 'export', format: 'png', data });
      else download(`${fileStem()}.png`, dataUrlBlob(data));
    },
    (error: unknown) => {
      status.textContent = `PNG export failed: ${error instanceof Error ? error.message : String(error)}`;
    },
  );
});

byId('show-all').addEventListener('click', () => {
  if (vscode !== undefined) post({ type: 'showAll' });
  else {
    status.textContent =
      'This page shows a folded picture; run halint topology --all to draw every element.';
  }
});

byId('zoom-in').addEventListener('click', () => viewport.zoomBy(1.25));
byId('zoom-out').addEventListener('click', () => viewport.zoomBy(0.8));
byId('fit').addEventListener('click', () => viewport.fit());

function startStandalone(): void {
  const data = document.getElementById(DATA_ELEMENT_ID);
  let parsed: unknown;
  try {
    parsed = JSON.parse(data?.textContent ?? 'null');
  } catch {
    parsed = undefined;
  }
  const graphs = (parsed as Partial<EmbeddedData> | undefined)?.graphs;
  if (!Array.isArray(graphs) || graphs.length === 0) {
    showError('This page holds no topology.');
    return;
  }
  embedded = graphs.filter(isGraphShape);
  if (embedded.length !== graphs.length) {
    showError('The topology data is malformed.');
    return;
  }
  const select = byId<HTMLSelectElement>('cluster');
  if (embedded.length > 1) {
    select.hidden = false;
    select.replaceChildren(
      ...embedded.map((item, index) => {
        const option = document.createElement('option');
        option.value = String(index);
        option.textContent = item.title;
        return option;
      }),
    );
    select.addEventListener('change', () => {
      const chosen = embedded[Number(select.value)];
      if (chosen !== undefined) void showGraph(chosen);
    });
  }
  const first = embedded[0];
  if (first !== undefined) void showGraph(first);
}

renderLegend();
if (vscode !== undefined) {
  window.addEventListener('message', (event: MessageEvent) => {
    const incoming = parseHostMessage(event.data);
    if (incoming === undefined) return;
    switch (incoming.type) {
      case 'graph':
        if (incoming.uri !== undefined && incoming.uri !== source) {
          source = incoming.uri;
          persist();
        }
        void showGraph(incoming.graph);
        break;
      case 'error':
        showError(incoming.message);
        break;
      case 'focus':
        focusElement(incoming.id);
        break;
    }
  });
  showMessage('Loading the topology…', 'info');
  post({ type: 'ready' });
} else {
  startStandalone();
}
