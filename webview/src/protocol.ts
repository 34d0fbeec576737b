/**
 * The messages between the topology preview (the webview) and its host (the VS Code panel). The
 * host imports these types with `import type`; the webview validates what it receives with
 * {@link parseHostMessage}, because a webview must treat every message as untrusted input.
 *
 * @packageDocumentation
 */
import type { TopologyGraph, TopologyLocation } from '../../server/src/core/topology/graph.js';

/** Host → webview: a new picture (sent on every edit and after "show all"). */
export interface GraphMessage {
  readonly type: 'graph';
  readonly graph: TopologyGraph;
  /**
   * The file the panel shows the cluster of. The webview keeps it in its saved state, which is
   * what VS Code hands back to the panel's serializer after a window reload.
   */
  readonly uri?: string;
}

/** Host → webview: no picture can be drawn (no cluster, analysis failed); shown instead of one. */
export interface ErrorMessage {
  readonly type: 'error';
  readonly message: string;
}

/** Host → webview: select an element and scroll it into view (e.g. from the editor's cursor). */
export interface FocusMessage {
  readonly type: 'focus';
  readonly id: string;
}

/** Everything the host may send to the webview. */
export type HostMessage = GraphMessage | ErrorMessage | FocusMessage;

/** Webview → host: the script runs and listens; the host answers with a graph. */
export interface ReadyMessage {
  readonly type: 'ready';
}

/** Webview → host: open the file at the element's location. */
export interface RevealMessage {
  readonly type: 'reveal';
  readonly location: TopologyLocation;
}

/** Webview → host: send the graph again without folding (`limit: 0`). */
export interface ShowAllMessage {
  readonly type: 'showAll';
}

/** Webview → host: save an export; `data` is SVG text or a PNG `data:` URL. */
export interface ExportMessage {
  readonly type: 'export';
  readonly format: 'svg' | 'png';
  readonly data: string;
}

/** Everything the webview may send to the host. */
export type WebviewMessage = ReadyMessage | RevealMessage | ShowAllMessage | ExportMessage;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Checks that a graph has the shape the renderer relies on (arrays where arrays are expected,
 * strings for ids). It does not check the format version: the caller reports a wrong version as
 * an error of its own, with the version in the message.
 */
export function isGraphShape(value: unknown): value is TopologyGraph {
  if (!isRecord(value)) return false;
  const { elements, edges, groups, nodes, counts } = value;
  if (typeof value.title !== 'string' || typeof value.folded !== 'number') return false;
  if (!Array.isArray(elements) || !Array.isArray(edges) || !Array.isArray(groups)) return false;
  if (!Array.isArray(nodes) || !isRecord(counts)) return false;
  const elementsOk = elements.every(
    (element) =>
      isRecord(element) &&
      typeof element.id === 'string' &&
      typeof element.kind === 'string' &&
      typeof element.label === 'string' &&
      Array.isArray(element.details) &&
      Array.isArray(element.marks) &&
      Array.isArray(element.findings) &&
      (element.members === undefined ||
        (Array.isArray(element.members) &&
          element.members.every((member) => typeof member === 'string'))),
  );
  const edgesOk = edges.every(
    (edge) =>
      isRecord(edge) &&
      typeof edge.id === 'string' &&
      typeof edge.kind === 'string' &&
      typeof edge.from === 'string' &&
      typeof edge.to === 'string' &&
      Array.isArray(edge.findings),
  );
  const groupsOk = groups.every(
    (group) => isRecord(group) && typeof group.id === 'string' && Array.isArray(group.members),
  );
  return elementsOk && edgesOk && groupsOk;
}

/**
 * Returns the message when it is one the webview understands, otherwise undefined (ignored).
 * A graph message whose graph is malformed is turned into an error message, so that the user
 * sees why nothing is drawn rather than a half picture.
 */
export function parseHostMessage(data: unknown): HostMessage | undefined {
  if (!isRecord(data)) return undefined;
  switch (data.type) {
    case 'graph':
      if (isGraphShape(data.graph)) {
        return typeof data.uri === 'string'
          ? { type: 'graph', graph: data.graph, uri: data.uri }
          : { type: 'graph', graph: data.graph };
      }
      return { type: 'error', message: 'The topology data is malformed.' };
    case 'error':
      return typeof data.message === 'string'
        ? { type: 'error', message: data.message }
        : undefined;
    case 'focus':
      return typeof data.id === 'string' ? { type: 'focus', id: data.id } : undefined;
    default:
      return undefined;
  }
}
