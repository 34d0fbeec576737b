/**
 * Times the live update of the topology preview, from the last keystroke of an unsaved edit to
 * the new picture, in two parts:
 *
 * 1. The language server (`dist/server.cjs`, over stdio, as the editor runs it): keystrokes go in
 *    as `textDocument/didChange` notifications a typist's interval apart, and the time is taken
 *    from the last one to the `ha/topologyChanged` notification naming the file, then to the
 *    `ha/topology` answer that shows the edit (what the panel asks when notified). The server's
 *    quiet time after an edit is part of it.
 * 2. The webview (`dist/webview.js` in Chromium, with a stand-in for the VS Code API): the time
 *    from posting each new graph to the final picture (ELK layout and SVG) showing the edit.
 *
 * The sum, run by run, is the figure the preview promises (under 500 ms from the last keystroke,
 * the server's quiet time included); what the real editor adds on top (the client's message hops)
 * is printed by the code-server end-to-end suite (`npm run test:e2e`, step "an unsaved edit
 * updates the open preview").
 *
 * Build first (`node scripts/build.mjs`), then run
 * `npx tsx scripts/bench-topology-live.ts [--runs N] [--keys N] [--interval MS]`.
 */
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { setTimeout as delay } from 'node:timers/promises';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import type { TopologyChangedParams, TopologyResult } from '../server/src/lsp/protocol.js';
import type { TopologyGraph } from '../server/src/core/topology/graph.js';
import { renderPage } from '../webview/src/page.js';
import { CHROMIUM, launchChromium } from '../test/helpers/chromium.js';
import { LspTestClient } from '../test/helpers/lsp-harness.js';

const root = join(import.meta.dirname, '..');

/** What the preview promises: the picture shows an edit this soon after the last keystroke. */
const BUDGET_MS = 500;

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

function figures(values: readonly number[]): string {
  return `median ${median(values).toFixed(0)} ms, max ${Math.max(...values).toFixed(0)} ms`;
}

function summary(name: string, values: readonly number[]): string {
  return `${name}: ${figures(values)}`;
}

/** One edit as the typist makes it: a text that grows a character per keystroke. */
interface Edit {
  /** Text of the file after each keystroke. */
  readonly steps: readonly string[];
  /** The graph shows the finished edit. */
  readonly shows: (graph: TopologyGraph) => boolean;
  /** Text the final picture holds once it shows the edit. */
  readonly label: string;
}

/** Renames `backend be_api` to `be_api_<suffix>`, one character per keystroke. */
function renameBackend(base: string, suffix: string): Edit {
  const steps: string[] = [];
  for (let length = 1; length <= suffix.length; length++) {
    steps.push(base.replace('backend be_api\n', `backend be_api${suffix.slice(0, length)}\n`));
  }
  const label = `be_api${suffix}`;
  return {
    steps,
    label,
    shows: (graph) => graph.elements.some((element) => element.label === label),
  };
}

async function serverPart(
  runs: number,
  keys: number,
  interval: number,
): Promise<{ graphs: TopologyGraph[]; labels: string[]; toAnswer: number[] }> {
  const folder = mkdtempSync(join(tmpdir(), 'bench-topology-live-'));
  cpSync(join(root, 'examples'), folder, { recursive: true });
  const file = join(folder, 'lb1', 'haproxy.cfg');
  const uri = pathToFileURL(file).href;
  const base = readFileSync(file, 'utf8');
  const client = LspTestClient.stdio();
  const notified: { at: number; uris: readonly string[] }[] = [];
  client.connection.onNotification('ha/topologyChanged', (params: TopologyChangedParams) => {
    notified.push({ at: performance.now(), uris: params.uris });
  });
  const workspace = pathToFileURL(folder).href;
  const graphs: TopologyGraph[] = [];
  const labels: string[] = [];
  const toNotification: number[] = [];
  const toAnswer: number[] = [];
  const answerOnly: number[] = [];
  try {
    await client.initialize({
      rootUri: workspace,
      workspaceFolders: [{ uri: workspace, name: 'examples' }],
    });
    await client.open(uri, 'haproxy', base);
    const topology = (): Promise<TopologyResult> =>
      client.connection.sendRequest<TopologyResult>('ha/topology', { uri });
    // The first analysis of the workspace, outside the figures.
    const first = await topology();
    if (!first) throw new Error('the server drew no topology for examples/lb1/haproxy.cfg');
    graphs.push(first);
    labels.push('be_api');
    await client.waitFor(() => (notified.length > 0 ? true : undefined), 'the first analysis');
    await delay(500);
    let version = 1;
    for (let run = 0; run < runs; run++) {
      const suffix = `_${String.fromCharCode(97 + (run % 26))}`.padEnd(keys, 'x').slice(0, keys);
      const edit = renameBackend(base, suffix);
      let last = 0;
      for (const [index, text] of edit.steps.entries()) {
        if (index > 0) await delay(interval);
        last = performance.now();
        await client.change(uri, ++version, [{ text }]);
      }
      const note = await client.waitFor(
        () => notified.find((entry) => entry.at > last && entry.uris.includes(uri)),
        'ha/topologyChanged after the last keystroke',
      );
      const asked = performance.now();
      const graph = await topology();
      const answered = performance.now();
      if (!graph || !edit.shows(graph)) {
        throw new Error(`run ${run + 1}: the graph misses the edit`);
      }
      toNotification.push(note.at - last);
      toAnswer.push(answered - last);
      answerOnly.push(answered - asked);
      graphs.push(graph);
      labels.push(edit.label);
      // Back to the saved text, announced like any edit, before the next run.
      await client.change(uri, ++version, [{ text: base }]);
      await delay(600);
    }
  } finally {
    await client.dispose();
    rmSync(folder, { recursive: true, force: true });
  }
  console.log(
    `server (stdio), ${runs} runs of ${keys} keystrokes ${interval} ms apart, from the last keystroke:`,
  );
  console.log(`  ${summary('to ha/topologyChanged', toNotification)}`);
  console.log(`  ${summary('to the ha/topology answer', toAnswer)}`);
  console.log(`  ${summary('ha/topology request alone', answerOnly)}`);
  return { graphs, labels, toAnswer };
}

/** The webview's time from a new graph to its final picture, and the ELK layout's share of it. */
interface WebviewTimes {
  readonly total: number[];
  readonly layout: number[];
}

async function webviewPart(
  graphs: readonly TopologyGraph[],
  labels: readonly string[],
): Promise<WebviewTimes | undefined> {
  const script = join(root, 'dist', 'webview.js');
  if (!existsSync(CHROMIUM) || !existsSync(script)) {
    console.log('webview: skipped (needs /usr/bin/chromium and a built dist/webview.js)');
    return undefined;
  }
  const dir = mkdtempSync(join(tmpdir(), 'bench-topology-live-page-'));
  const page = join(dir, 'vscode.html');
  writeFileSync(
    page,
    renderPage({
      mode: 'vscode',
      title: 'bench',
      nonce: 'YmVuY2g',
      cspSource: 'file:',
      scriptUri: pathToFileURL(script).href,
      styleUri: pathToFileURL(join(root, 'dist', 'webview.css')).href,
    }),
  );
  const browser = await launchChromium();
  const times: WebviewTimes = { total: [], layout: [] };
  try {
    const tab = await browser.newPage({ viewport: { width: 1200, height: 800 } });
    await tab.addInitScript(`
      window.__state = undefined;
      window.acquireVsCodeApi = () => ({
        postMessage: () => undefined,
        getState: () => window.__state,
        setState: (state) => { window.__state = state; },
      });
    `);
    await tab.goto(pathToFileURL(page).href);
    for (const [index, graph] of graphs.entries()) {
      const label = labels[index] ?? '';
      // The stage leaves "final" at once and comes back when this graph's picture is drawn.
      // The page's own mark for ELK (main.ts measures 'topology-layout' from 'topology-start').
      const [elapsed, layout] = await tab.evaluate<[number, number]>(`new Promise((resolve) => {
        const stage = () => document.getElementById('stage');
        const start = performance.now();
        const done = () => {
          const node = stage();
          if (node && node.dataset.state === 'final' &&
              Array.from(node.querySelectorAll('g.el .label')).some((t) => t.textContent === ${JSON.stringify(label)})) {
            const layouts = performance.getEntriesByName('topology-layout');
            resolve([performance.now() - start, layouts[layouts.length - 1]?.duration ?? 0]);
          } else requestAnimationFrame(done);
        };
        window.postMessage({ type: 'graph', graph: ${JSON.stringify(graph)} }, '*');
        requestAnimationFrame(done);
      })`);
      // The first graph of a page is drawn cold (ELK's code compiles): reported apart.
      if (index === 0) console.log(`webview: first picture (cold) ${elapsed.toFixed(0)} ms`);
      else {
        times.total.push(elapsed);
        times.layout.push(layout);
      }
    }
    await tab.close();
  } finally {
    await browser.close();
    rmSync(dir, { recursive: true, force: true });
  }
  console.log(`webview: ${summary('new graph posted to the final picture', times.total)}`);
  console.log(`  ${summary('of which the ELK layout', times.layout)}`);
  return times;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      runs: { type: 'string' },
      keys: { type: 'string' },
      interval: { type: 'string' },
    },
  });
  const runs = Number(values.runs ?? 10);
  const keys = Math.max(1, Number(values.keys ?? 4));
  const interval = Number(values.interval ?? 80);
  if (!existsSync(join(root, 'dist', 'server.cjs'))) {
    throw new Error('dist/server.cjs is missing: run node scripts/build.mjs first');
  }
  const { graphs, labels, toAnswer } = await serverPart(runs, keys, interval);
  const webview = await webviewPart(graphs, labels);
  if (webview === undefined) return;
  // Run by run: the server's answer after the last keystroke plus the webview drawing that answer.
  const total = toAnswer.map((server, run) => server + (webview.total[run] ?? 0));
  const over = total.filter((value) => value > BUDGET_MS).length;
  console.log(
    `last keystroke to the final picture: ${figures(total)}; ${over} of ${total.length} runs over ${BUDGET_MS} ms`,
  );
}

await main();
