/**
 * The HTML document of the topology view, shared by the VS Code panel and `halint topology
 * --format html`. The Content-Security-Policy allows no remote resource and only scripts and
 * styles that carry the page's nonce; the graph travels as JSON inside a non-executable script
 * element, escaped so that no label can close that element.
 *
 * No DOM types here: the VS Code host, the CLI and the tests import this module.
 *
 * @packageDocumentation
 */
import type { TopologyGraph } from '../../server/src/core/topology/graph.js';

/** The page inside VS Code: script and stylesheet are webview URIs, the graph comes by message. */
export interface VscodePageOptions {
  readonly mode: 'vscode';
  readonly title: string;
  /** A fresh random value per page load (letters and digits). */
  readonly nonce: string;
  /** `webview.cspSource`. */
  readonly cspSource: string;
  /** `webview.asWebviewUri(dist/webview.js)`, as a string. */
  readonly scriptUri: string;
  /** `webview.asWebviewUri(dist/webview.css)`, as a string. */
  readonly styleUri: string;
}

/** A self-contained page: script, stylesheet and graphs inline; opens offline from a file. */
export interface StandalonePageOptions {
  readonly mode: 'standalone';
  readonly title: string;
  readonly nonce: string;
  /** Text of `dist/webview.js`. */
  readonly script: string;
  /** Text of `dist/webview.css`. */
  readonly style: string;
  /** One graph per cluster; the page offers a choice when there are several. */
  readonly graphs: readonly TopologyGraph[];
}

/** Options of {@link renderPage}. */
export type PageOptions = VscodePageOptions | StandalonePageOptions;

/** What the standalone page embeds in `#topology-data`. */
export interface EmbeddedData {
  readonly graphs: readonly TopologyGraph[];
}

/** Id of the element that carries the embedded graphs. */
export const DATA_ELEMENT_ID = 'topology-data';

/** Escapes text for HTML element content and double-quoted attribute values. */
export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/**
 * JSON that is safe inside `<script type="application/json">`: `<`, `>` and `&` are written as
 * `\u` escapes (so `</script>` or `<!--` in a label cannot end or confuse the element), and so are
 * U+2028/U+2029 (line terminators for older JavaScript parsers). `JSON.parse` restores them all.
 */
export function embedJson(value: unknown): string {
  return JSON.stringify(value).replace(
    /[<>&\u2028\u2029]/g,
    (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

/**
 * Makes inline code safe inside a `<script>` or `<style>` element: the only sequence that could
 * end the element early is `</script` (or `</style`), which a bundle may contain inside a string.
 */
function inlineSafe(code: string, tag: 'script' | 'style'): string {
  return code.replace(new RegExp(`</(${tag})`, 'gi'), '<\\/$1');
}

/** The Content-Security-Policy of a page. */
export function contentSecurityPolicy(options: PageOptions): string {
  const nonce = `'nonce-${options.nonce}'`;
  const source = options.mode === 'vscode' ? `${options.cspSource} ` : '';
  const directives = [
    "default-src 'none'",
    // Images only from the page itself: the PNG export draws the SVG through a blob/data URL.
    `img-src ${source}data: blob:`,
    `style-src ${source}${nonce}`,
    `script-src ${nonce}`,
    "base-uri 'none'",
    "form-action 'none'",
  ];
  if (options.mode === 'vscode') directives.push(`font-src ${options.cspSource}`);
  return directives.join('; ');
}

/** The static part of the page that the script fills in; ids are the DOM contract of the view. */
function body(title: string): string {
  return `<header id="header">
  <h1 id="title">${escapeHtml(title)}</h1>
  <span id="counts" aria-live="polite"></span>
  <select id="cluster" aria-label="Cluster" hidden></select>
  <div id="toolbar" role="toolbar" aria-label="View">
    <button id="zoom-out" type="button" title="Zoom out" aria-label="Zoom out">−</button>
    <button id="zoom-in" type="button" title="Zoom in" aria-label="Zoom in">+</button>
    <button id="fit" type="button" title="Fit to window">Fit</button>
    <button id="show-all" type="button" hidden>Show all</button>
    <button id="export-svg" type="button">Export SVG</button>
    <button id="export-png" type="button">Export PNG</button>
  </div>
</header>
<main id="layout">
  <section id="viewport" aria-label="Topology diagram"><p id="message" role="status"></p></section>
  <aside id="side">
    <section id="controls" aria-label="Failover simulation"></section>
    <section id="outcome" aria-live="polite" aria-label="Simulation outcome"></section>
    <details id="legend-box"><summary>Legend</summary><div id="legend"></div></details>
  </aside>
</main>
<footer id="status" role="status" aria-live="polite"></footer>`;
}

/** The full HTML document. */
export function renderPage(options: PageOptions): string {
  const nonce = escapeHtml(options.nonce);
  const head = [
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${escapeHtml(contentSecurityPolicy(options))}">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    '<meta name="color-scheme" content="light dark">',
    `<title>${escapeHtml(options.title)}</title>`,
  ];
  let scripts: string;
  if (options.mode === 'vscode') {
    head.push(`<link rel="stylesheet" href="${escapeHtml(options.styleUri)}" nonce="${nonce}">`);
    scripts = `<script nonce="${nonce}" src="${escapeHtml(options.scriptUri)}"></script>`;
  } else {
    head.push(`<style nonce="${nonce}">${inlineSafe(options.style, 'style')}</style>`);
    const data: EmbeddedData = { graphs: options.graphs };
    scripts = [
      `<script type="application/json" id="${DATA_ELEMENT_ID}" nonce="${nonce}">${embedJson(data)}</script>`,
      `<script nonce="${nonce}">${inlineSafe(options.script, 'script')}</script>`,
    ].join('\n');
  }
  return `<!DOCTYPE html>
<html lang="en">
<head>
${head.join('\n')}
</head>
<body data-mode="${options.mode}">
${body(options.title)}
${scripts}
</body>
</html>
`;
}
