/**
 * `halint topology`: draws each cluster found among the given files as a standalone HTML page
 * (the editor's interactive preview, offline), a static SVG, or Mermaid text. Files are found,
 * parsed and grouped exactly as `halint` does; the picture comes from the language service's
 * topology graph, so it carries the same findings as the report.
 *
 * `main.ts` loads this module with a dynamic import: it pulls in the layout engine (elkjs),
 * which a plain `halint` run should not pay for.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, realpathSync, writeFileSync } from 'node:fs';
import { basename, dirname, extname, join, relative } from 'node:path';
import { HEALTHY, runScenarios, type ClusterPlan, type TopologyGraph } from '../core/index.js';
import { layoutGraph } from '../../../webview/src/layout.js';
import { toMermaid } from '../../../webview/src/mermaid.js';
import { renderPage } from '../../../webview/src/page.js';
import { buildScene } from '../../../webview/src/scene.js';
import { toSvgString } from '../../../webview/src/svg-string.js';
import {
  TOPOLOGY_HELP,
  UsageError,
  parseTopologyCommandLine,
  type TopologyCliOptions,
} from './args.js';
import { describeFsError } from '../node/discover.js';
import { loadInputs } from '../node/project.js';
import type { RunResult } from './run.js';

/** A problem that ends the command with exit status 2 and this message. */
class TopologyError extends Error {
  override readonly name = 'TopologyError';
}

/**
 * Folder of the running CLI bundle, where `webview.js` and `webview.css` are built beside
 * `cli.cjs`. The bundle is CommonJS and has `__dirname`; run from sources (ESM) there is none,
 * and the script path (through any `node_modules/.bin` link) says the same.
 */
function bundleDir(): string {
  if (typeof __dirname === 'string') return __dirname;
  const script = process.argv[1];
  return script === undefined ? process.cwd() : dirname(realpathSync(script));
}

function readAsset(name: string): string {
  const path = join(bundleDir(), name);
  if (!existsSync(path)) {
    throw new TopologyError(`${path} is missing: build the project first (npm run build)`);
  }
  // The source map cannot be loaded by a page opened from a file; the comment would only 404.
  return readFileSync(path, 'utf8').replace(/\n\/\/# sourceMappingURL=\S+\s*$/, '\n');
}

/** The title of a cluster: its folder, relative to the working directory when that is shorter. */
function titleOf(plan: ClusterPlan): string {
  const path = relative(process.cwd(), plan.id);
  return path === '' ? basename(plan.id) : path.length < plan.id.length ? path : plan.id;
}

async function svgOf(graph: TopologyGraph): Promise<string> {
  const layout = await layoutGraph(graph);
  // The healthy outcome: the picture shows who holds each VIP when nothing fails.
  const outcomes = runScenarios(graph.groups, HEALTHY);
  return `${toSvgString(buildScene(graph, layout, { outcomes, embedStyle: true }), true)}\n`;
}

function htmlOf(graphs: readonly TopologyGraph[]): string {
  const only = graphs.length === 1 ? graphs[0] : undefined;
  return renderPage({
    mode: 'standalone',
    title: only === undefined ? 'Topology' : `Topology: ${only.title}`,
    nonce: randomBytes(18).toString('base64'),
    script: readAsset('webview.js'),
    style: readAsset('webview.css'),
    graphs,
  });
}

/** `FILE-<cluster>.ext` names for one output per cluster, distinct even for similar titles. */
function perClusterPaths(output: string, graphs: readonly TopologyGraph[]): string[] {
  const extension = extname(output);
  const stem = output.slice(0, output.length - extension.length);
  const used = new Set<string>();
  return graphs.map((graph) => {
    const slug =
      graph.title.replace(/[^A-Za-z0-9._-]+/g, '_').replace(/^[._]+|_+$/g, '') || 'cluster';
    let name = slug;
    for (let n = 2; used.has(name); n++) name = `${slug}-${n}`;
    used.add(name);
    return `${stem}-${name}${extension}`;
  });
}

function write(path: string, text: string): void {
  try {
    writeFileSync(path, text);
  } catch (error) {
    throw new TopologyError(`cannot write ${path}: ${describeFsError(error)}`);
  }
}

async function render(
  options: TopologyCliOptions,
  graphs: readonly TopologyGraph[],
): Promise<RunResult> {
  const { output } = options;
  const done = (stdout: string, written: readonly string[]): RunResult => ({
    stdout,
    stderr: written.map((path) => `halint: wrote ${path}`),
    exitCode: 0,
  });
  switch (options.format) {
    case 'mermaid': {
      const text = graphs.map(toMermaid).join('\n');
      if (output === undefined) return done(text, []);
      write(output, text);
      return done('', [output]);
    }
    case 'html': {
      const html = htmlOf(graphs);
      if (output === undefined) return done(html, []);
      write(output, html);
      return done('', [output]);
    }
    case 'svg': {
      const svgs = await Promise.all(graphs.map(svgOf));
      if (svgs.length === 1) {
        const svg = svgs[0] ?? '';
        if (output === undefined) return done(svg, []);
        write(output, svg);
        return done('', [output]);
      }
      if (output === undefined) {
        throw new TopologyError(
          `${svgs.length} clusters found: an SVG file holds one picture, so give -o FILE to write FILE-<cluster>.svg for each`,
        );
      }
      const paths = perClusterPaths(output, graphs);
      paths.forEach((path, index) => write(path, svgs[index] ?? ''));
      return done('', paths);
    }
  }
}

/** Runs `halint topology <argv>`. Never throws on bad input: that is exit status 2. */
export async function runTopology(argv: readonly string[]): Promise<RunResult> {
  const fail = (message: string): RunResult => ({
    stdout: '',
    stderr: [`halint: ${message}`],
    exitCode: 2,
  });
  let options: TopologyCliOptions;
  try {
    options = parseTopologyCommandLine(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    return fail(`${error.message} (see halint topology --help)`);
  }
  if (options.help) return { stdout: TOPOLOGY_HELP, stderr: [], exitCode: 0 };

  const loaded = loadInputs({ ...options, cluster: true, language: undefined });
  if ('error' in loaded) return fail(loaded.error);
  const { settings, files, errors, notes, service, plans } = loaded;
  if (errors.length > 0) {
    return { stdout: '', stderr: errors.map((message) => `halint: ${message}`), exitCode: 2 };
  }
  if (files.length === 0 || plans.length === 0) return fail('no HAProxy or Keepalived files found');

  const limit = options.all ? 0 : undefined;
  const graphs = plans.map((plan) =>
    service.getTopology(
      service.analyseCluster(plan.nodes, { settings }),
      { title: titleOf(plan), ...(limit === undefined ? {} : { limit }) },
      { settings },
    ),
  );
  try {
    const result = await render(options, graphs);
    // Folders too deep to search do not stop the picture, but the user hears about them.
    const said = notes.map((message) => `halint: ${message}`);
    return { ...result, stderr: [...said, ...result.stderr] };
  } catch (error) {
    if (error instanceof TopologyError) return fail(error.message);
    throw error;
  }
}
