/**
 * The topology preview: a webview panel beside the editor that draws the cluster of the active
 * configuration file. The picture is built by the server (`ha/topology`) and drawn by the webview
 * bundle (`dist/webview.js`); this module only moves messages between the two, opens files when
 * an element is clicked and saves exports. It never reads a configuration itself.
 */
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node.js';
import type {
  TopologyChangedMethod,
  TopologyChangedParams,
  TopologyGraph,
  TopologyLocation,
  TopologyMethod,
  TopologyParams,
  TopologyResult,
} from '../../server/src/lsp/protocol.js';
import { renderPage } from '../../webview/src/page.js';
import type { HostMessage, WebviewMessage } from '../../webview/src/protocol.js';
import { COMMANDS, CONFIG_LANGUAGE_IDS } from './ids.js';

/** View type of the panel; also the serializer's key (`onWebviewPanel:` activation). */
export const TOPOLOGY_VIEW_TYPE = 'haKeepalived.topology';

const TOPOLOGY_METHOD = 'ha/topology' satisfies TopologyMethod;
const CHANGED_METHOD = 'ha/topologyChanged' satisfies TopologyChangedMethod;

/** What the panel needs from the extension. */
export interface TopologyDeps {
  readonly context: vscode.ExtensionContext;
  readonly client: LanguageClient;
  readonly ensureStarted: () => Promise<void>;
  readonly output: vscode.OutputChannel;
}

/** State VS Code keeps for a panel across window reloads (see the serializer). */
interface PanelState {
  readonly uri?: string;
}

function nonce(): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  let text = '';
  for (let i = 0; i < 32; i++) text += alphabet.charAt(Math.floor(Math.random() * alphabet.length));
  return text;
}

function isConfig(document: vscode.TextDocument): boolean {
  return (CONFIG_LANGUAGE_IDS as readonly string[]).includes(document.languageId);
}

/** Checks the shape of a message from the webview: it is untrusted input like any other. */
function parseMessage(value: unknown): WebviewMessage | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const message = value as Record<string, unknown>;
  switch (message.type) {
    case 'ready':
    case 'showAll':
      return { type: message.type };
    case 'reveal': {
      const location = message.location as TopologyLocation | undefined;
      const range = location?.range;
      if (
        typeof location?.uri !== 'string' ||
        typeof range?.start?.line !== 'number' ||
        typeof range.start.character !== 'number' ||
        typeof range.end?.line !== 'number' ||
        typeof range.end.character !== 'number'
      ) {
        return undefined;
      }
      return { type: 'reveal', location };
    }
    case 'export':
      if (
        (message.format !== 'svg' && message.format !== 'png') ||
        typeof message.data !== 'string'
      ) {
        return undefined;
      }
      return { type: 'export', format: message.format, data: message.data };
    default:
      return undefined;
  }
}

/** The one topology panel of the window (it follows the active configuration file). */
class TopologyPanel {
  private uri: string | undefined;
  private limit: number | undefined;
  private graph: TopologyGraph | undefined;
  private pendingFocus: { uri: string; line: number } | undefined;
  private ready = false;
  private inFlight = false;
  private again = false;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(
    readonly panel: vscode.WebviewPanel,
    private readonly deps: TopologyDeps,
    uri: string | undefined,
    private readonly onDispose: () => void,
  ) {
    this.uri = uri;
    const { webview } = panel;
    const dist = vscode.Uri.joinPath(deps.context.extensionUri, 'dist');
    webview.options = { enableScripts: true, localResourceRoots: [dist] };
    webview.html = renderPage({
      mode: 'vscode',
      title: 'Cluster topology',
      nonce: nonce(),
      cspSource: webview.cspSource,
      scriptUri: webview.asWebviewUri(vscode.Uri.joinPath(dist, 'webview.js')).toString(),
      styleUri: webview.asWebviewUri(vscode.Uri.joinPath(dist, 'webview.css')).toString(),
    });
    panel.iconPath = vscode.Uri.joinPath(deps.context.extensionUri, 'images', 'icon.png');
    this.disposables.push(
      webview.onDidReceiveMessage((value: unknown) => void this.receive(value)),
      panel.onDidDispose(() => this.dispose()),
      vscode.window.onDidChangeActiveTextEditor((editor) => {
        // Follow the active configuration file, as the Markdown preview follows its document.
        const document = editor?.document;
        if (!document || !isConfig(document)) return;
        const next = document.uri.toString();
        if (next === this.uri || this.covers(next)) return;
        this.show(next);
      }),
    );
  }

  /** Shows the cluster of `uri` (and selects the element written on `line`, when given). */
  show(uri: string | undefined, line?: number): void {
    if (uri !== undefined) {
      if (uri !== this.uri) this.limit = undefined;
      this.uri = uri;
    }
    if (uri !== undefined && line !== undefined) this.pendingFocus = { uri, line };
    void this.refresh();
  }

  /** The server analysed these files again: draw again if the picture shows one of them. */
  changed(uris: readonly string[]): void {
    if (this.uri === undefined) return;
    if (uris.includes(this.uri) || uris.some((uri) => this.covers(uri))) void this.refresh();
  }

  /** The picture holds an element written in `uri`. */
  private covers(uri: string): boolean {
    return this.graph?.elements.some((element) => element.location?.uri === uri) ?? false;
  }

  private post(message: HostMessage): void {
    void this.panel.webview.postMessage(message);
  }

  /** Asks the server for the graph; requests made meanwhile collapse into one more. */
  async refresh(): Promise<void> {
    if (!this.ready) return;
    if (this.inFlight) {
      this.again = true;
      return;
    }
    this.inFlight = true;
    try {
      do {
        this.again = false;
        await this.load();
      } while (this.again);
    } finally {
      this.inFlight = false;
    }
  }

  private async load(): Promise<void> {
    const uri = this.uri ?? this.guessUri();
    if (uri === undefined) {
      this.post({
        type: 'error',
        message: 'Open a haproxy.cfg or keepalived.conf to see its cluster.',
      });
      return;
    }
    this.uri = uri;
    try {
      await this.deps.ensureStarted();
      const params: TopologyParams = {
        uri,
        ...(this.limit !== undefined ? { limit: this.limit } : {}),
      };
      const graph = await this.deps.client.sendRequest<TopologyResult>(TOPOLOGY_METHOD, params);
      if (!graph) {
        this.post({
          type: 'error',
          message: `${vscode.Uri.parse(uri).path.split('/').pop() ?? uri} belongs to no cluster the server analysed.`,
        });
        return;
      }
      this.graph = graph;
      this.panel.title = `Topology: ${graph.title}`;
      this.post({ type: 'graph', graph, uri });
      const focus = this.pendingFocus;
      this.pendingFocus = undefined;
      if (focus) {
        const element = graph.elements.find(
          (candidate) =>
            candidate.location?.uri === focus.uri &&
            candidate.location.range.start.line <= focus.line &&
            candidate.location.range.end.line >= focus.line,
        );
        if (element) this.post({ type: 'focus', id: element.id });
      }
    } catch (error) {
      this.deps.output.appendLine(`Topology request failed: ${String(error)}`);
      this.post({ type: 'error', message: 'The language server could not build the topology.' });
    }
  }

  /** The active configuration file, else any open one. */
  private guessUri(): string | undefined {
    const active = vscode.window.activeTextEditor?.document;
    if (active && isConfig(active)) return active.uri.toString();
    return vscode.workspace.textDocuments.find(isConfig)?.uri.toString();
  }

  private async receive(value: unknown): Promise<void> {
    const message = parseMessage(value);
    if (!message) return;
    switch (message.type) {
      case 'ready':
        this.ready = true;
        await this.refresh();
        return;
      case 'showAll':
        this.limit = 0;
        await this.refresh();
        return;
      case 'reveal':
        await this.reveal(message.location);
        return;
      case 'export':
        await this.save(message.format, message.data);
        return;
    }
  }

  /** Opens the element's file at its line, in the editor group beside the preview. */
  private async reveal(location: TopologyLocation): Promise<void> {
    const uri = vscode.Uri.parse(location.uri);
    const { start, end } = location.range;
    const range = new vscode.Range(start.line, start.character, end.line, end.character);
    const visible = vscode.window.visibleTextEditors.find(
      (editor) => editor.document.uri.toString() === uri.toString(),
    );
    const column =
      visible?.viewColumn ??
      (this.panel.viewColumn === vscode.ViewColumn.One
        ? vscode.ViewColumn.Two
        : vscode.ViewColumn.One);
    const editor = await vscode.window.showTextDocument(uri, {
      viewColumn: column,
      selection: new vscode.Range(range.start, range.start),
      preserveFocus: false,
    });
    editor.revealRange(range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  }

  private async save(format: 'svg' | 'png', data: string): Promise<void> {
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
    const name = `topology.${format}`;
    const target = await vscode.window.showSaveDialog({
      ...(folder ? { defaultUri: vscode.Uri.joinPath(folder, name) } : {}),
      filters: format === 'svg' ? { 'SVG image': ['svg'] } : { 'PNG image': ['png'] },
    });
    if (!target) return;
    const bytes =
      format === 'svg'
        ? new TextEncoder().encode(data)
        : Buffer.from(data.replace(/^data:image\/png;base64,/, ''), 'base64');
    await vscode.workspace.fs.writeFile(target, bytes);
    void vscode.window.showInformationMessage(`Saved the topology to ${target.fsPath}.`);
  }

  private dispose(): void {
    for (const disposable of this.disposables) disposable.dispose();
    this.onDispose();
  }
}

/**
 * Registers the "Show Topology Preview" command, the notification that keeps the picture live,
 * and the serializer that brings the panel back after a window reload.
 */
export function registerTopology(deps: TopologyDeps): vscode.Disposable[] {
  let current: TopologyPanel | undefined;
  const adopt = (panel: vscode.WebviewPanel, uri: string | undefined): TopologyPanel => {
    const made = new TopologyPanel(panel, deps, uri, () => {
      if (current === made) current = undefined;
    });
    current = made;
    return made;
  };
  const open = (target?: unknown, line?: unknown): void => {
    const uri =
      typeof target === 'string'
        ? target
        : target instanceof vscode.Uri
          ? target.toString()
          : undefined;
    const focusLine = typeof line === 'number' ? line : undefined;
    if (current) {
      current.panel.reveal(undefined, true);
      current.show(uri, focusLine);
      return;
    }
    const panel = vscode.window.createWebviewPanel(
      TOPOLOGY_VIEW_TYPE,
      'Topology',
      { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true },
      {
        enableScripts: true,
        localResourceRoots: [vscode.Uri.joinPath(deps.context.extensionUri, 'dist')],
      },
    );
    adopt(panel, uri).show(uri, focusLine);
  };
  return [
    // The client keeps handlers registered before it starts (and across restarts).
    deps.client.onNotification(CHANGED_METHOD, (params: TopologyChangedParams) =>
      current?.changed(params.uris),
    ),
    vscode.commands.registerCommand(COMMANDS.showTopology, (target?: unknown, line?: unknown) =>
      open(target, line),
    ),
    vscode.window.registerWebviewPanelSerializer(TOPOLOGY_VIEW_TYPE, {
      deserializeWebviewPanel(panel: vscode.WebviewPanel, state: unknown): Promise<void> {
        const saved = (state ?? {}) as PanelState;
        current?.panel.dispose();
        adopt(panel, typeof saved.uri === 'string' ? saved.uri : undefined).show(undefined);
        return Promise.resolve();
      },
    }),
  ];
}
