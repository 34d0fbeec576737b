/**
 * Writes a topology graph as a Mermaid `flowchart LR`, for `halint topology --format mermaid`
 * (pasted into Markdown, a wiki or a pull request). Containers become subgraphs, marks and
 * findings become classes. Ids are rewritten to plain identifiers and every label is escaped with
 * Mermaid's entity codes, so no configuration name can break the diagram or inject markup.
 *
 * No DOM types here: the CLI and the tests import this module.
 *
 * @packageDocumentation
 */
import type {
  TopologyEdge,
  TopologyElement,
  TopologyGraph,
} from '../../server/src/core/topology/graph.js';
import { MARK_BADGES, routableEdges } from './measure.js';
import { worstSeverity } from './scene.js';

/**
 * Escapes text for a quoted Mermaid label. Mermaid reads `#…;` as an entity, so the characters
 * that could end the label, open markup or start an entity are written as numeric entities.
 */
export function escapeMermaid(text: string): string {
  return (
    text
      // eslint-disable-next-line no-control-regex -- a line break or tab would end the statement
      .replace(/[\u0000-\u001F]/g, ' ')
      .replace(/["#&<>`|[\]{}()\\;]/g, (char) => `#${char.charCodeAt(0)};`)
  );
}

/** Gives every element id a unique identifier made of letters, digits and underscores. */
function identifiers(elements: readonly TopologyElement[]): Map<string, string> {
  const result = new Map<string, string>();
  const used = new Set<string>();
  for (const element of elements) {
    const base = `n_${element.id.replace(/[^A-Za-z0-9]+/g, '_').replace(/^_+|_+$/g, '')}`;
    let id = base;
    for (let suffix = 2; used.has(id); suffix++) id = `${base}_${suffix}`;
    used.add(id);
    result.set(element.id, id);
  }
  return result;
}

function nodeLabel(element: TopologyElement): string {
  const badges = [...new Set(element.marks)].map((mark) => `[${MARK_BADGES[mark]}]`);
  const lines = [element.label, ...element.details];
  if (badges.length > 0) lines.push(badges.join(' '));
  return lines.map(escapeMermaid).join('<br/>');
}

function nodeShape(element: TopologyElement, id: string): string {
  const label = `"${nodeLabel(element)}"`;
  switch (element.kind) {
    case 'clients':
      return `${id}([${label}])`;
    case 'vip':
      return `${id}{{${label}}}`;
    case 'backend':
      return `${id}[/${label}/]`;
    case 'server':
    case 'real-server':
    case 'more':
      return `${id}(${label})`;
    case 'node':
    case 'sync-group':
    case 'haproxy':
    case 'frontend':
    case 'listen':
    case 'virtual-server':
      return `${id}[${label}]`;
  }
}

function arrow(edge: TopologyEdge): string {
  const label =
    edge.label === undefined || edge.label === '' ? undefined : escapeMermaid(edge.label);
  switch (edge.kind) {
    case 'default-route':
      return label === undefined ? '-. default .->' : `-. "${label}" .->`;
    case 'vip':
      return label === undefined ? '==>' : `==>|"${label}"|`;
    case 'traffic':
    case 'serves':
    case 'route':
    case 'server':
    case 'lvs':
      return label === undefined ? '-->' : `-->|"${label}"|`;
  }
}

const CLASS_DEFS = [
  'classDef error stroke:#cf222e,stroke-width:3px',
  'classDef warning stroke:#bf8700,stroke-width:2px',
  'classDef missing stroke:#cf222e,stroke-dasharray:5 4',
  'classDef nocheck stroke:#cf222e,stroke-dasharray:3 3',
  'classDef disabled opacity:0.5',
];

/** The Mermaid text of one graph: `flowchart LR`, subgraphs, nodes, edges and classes. */
export function toMermaid(graph: TopologyGraph): string {
  const ids = identifiers(graph.elements);
  const children = new Map<string | undefined, TopologyElement[]>();
  const known = new Set(graph.elements.map((element) => element.id));
  for (const element of graph.elements) {
    const parent =
      element.parent !== undefined && known.has(element.parent) ? element.parent : undefined;
    const list = children.get(parent) ?? [];
    list.push(element);
    children.set(parent, list);
  }
  const lines = [`%% Topology of ${graph.title.replace(/[\r\n]/g, ' ')}`, 'flowchart LR'];
  const emitted = new Set<string>();
  const emit = (element: TopologyElement, depth: number): void => {
    if (emitted.has(element.id)) return;
    emitted.add(element.id);
    const indent = '  '.repeat(depth);
    const id = ids.get(element.id) ?? '';
    const inner = children.get(element.id);
    if (inner === undefined) {
      lines.push(`${indent}${nodeShape(element, id)}`);
      return;
    }
    lines.push(`${indent}subgraph ${id}["${nodeLabel(element)}"]`);
    for (const child of inner) emit(child, depth + 1);
    lines.push(`${indent}end`);
  };
  for (const element of children.get(undefined) ?? []) emit(element, 1);
  // Elements caught in a parent cycle are still shown, at the top level.
  for (const element of graph.elements) emit(element, 1);
  for (const edge of routableEdges(graph)) {
    lines.push(`  ${ids.get(edge.from) ?? ''} ${arrow(edge)} ${ids.get(edge.to) ?? ''}`);
  }
  const classes = new Map<string, string[]>();
  const addClass = (name: string, id: string): void => {
    const list = classes.get(name) ?? [];
    list.push(id);
    classes.set(name, list);
  };
  for (const element of graph.elements) {
    const id = ids.get(element.id) ?? '';
    const severity = worstSeverity(element.findings);
    if (severity === 'error' || severity === 'warning') addClass(severity, id);
    if (element.marks.includes('missing')) addClass('missing', id);
    if (element.marks.includes('no-check')) addClass('nocheck', id);
    if (element.marks.includes('disabled')) addClass('disabled', id);
  }
  if (classes.size > 0) {
    for (const definition of CLASS_DEFS) lines.push(`  ${definition}`);
    for (const [name, members] of classes) lines.push(`  class ${members.join(',')} ${name}`);
  }
  return `${lines.join('\n')}\n`;
}
