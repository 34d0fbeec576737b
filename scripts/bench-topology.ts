/**
 * Times the topology picture of a generated cluster: two nodes sharing an HAProxy configuration
 * with one frontend routing to N backends (default 1,000) of three servers each. Prints, for the
 * folded graph (what the preview shows first) and the full one ("show all"), the time of the model
 * (cluster analysis and graph), the ELK layout, the scene and the SVG text; then, when Chromium is
 * installed, the time the browser bundle takes to lay out and draw the full graph in a page.
 *
 * Build first (`node scripts/build.mjs --production` for release figures), then run
 * `npx tsx scripts/bench-topology.ts [--backends N] [--runs N]`.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { loadInputs } from '../server/src/node/project.js';
import type { TopologyGraph } from '../server/src/core/topology/graph.js';
import { HEALTHY, runScenarios } from '../server/src/core/topology/scenario.js';
import { layoutGraph } from '../webview/src/layout.js';
import { renderPage } from '../webview/src/page.js';
import { buildScene } from '../webview/src/scene.js';
import { toSvgString } from '../webview/src/svg-string.js';
import { CHROMIUM, launchChromium } from '../test/helpers/chromium.js';

function haproxyConfig(backends: number): string {
  const lines = [
    'global',
    '    maxconn 20000',
    'defaults',
    '    mode http',
    '    timeout connect 5s',
    '    timeout client 30s',
    '    timeout server 30s',
    'frontend fe_main',
    '    bind 192.0.2.10:80 transparent',
  ];
  for (let i = 0; i < backends; i++) lines.push(`    use_backend be_${i} if { path_beg /s${i}/ }`);
  lines.push('    default_backend be_0');
  for (let i = 0; i < backends; i++) {
    lines.push(`backend be_${i}`, '    balance roundrobin', '    option httpchk GET /health');
    for (let s = 0; s < 3; s++) {
      lines.push(
        `    server s${s} 198.51.${Math.floor(i / 250)}.${(i % 250) + 1}:${8080 + s} check`,
      );
    }
  }
  return `${lines.join('\n')}\n`;
}

function keepalivedConfig(node: string, priority: number, self: string, peer: string): string {
  return `global_defs {
    router_id ${node}
    enable_script_security
    script_user root
}
vrrp_script chk_haproxy {
    script "/usr/bin/killall -0 haproxy"
    interval 2
    weight -20
}
vrrp_instance VI_1 {
    state ${priority > 100 ? 'MASTER' : 'BACKUP'}
    interface eth0
    virtual_router_id 51
    priority ${priority}
    advert_int 1
    unicast_src_ip ${self}
    unicast_peer {
        ${peer}
    }
    virtual_ipaddress {
        192.0.2.10/24 dev eth0
    }
    track_script {
        chk_haproxy
    }
}
`;
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

async function time<T>(run: () => T | Promise<T>): Promise<[T, number]> {
  const start = performance.now();
  const result = await run();
  return [result, performance.now() - start];
}

async function benchGraph(
  label: string,
  model: () => TopologyGraph,
  runs: number,
): Promise<TopologyGraph> {
  const timings: Record<string, number[]> = { model: [], layout: [], scene: [], svg: [] };
  let graph: TopologyGraph | undefined;
  for (let run = 0; run < runs; run++) {
    const [built, modelMs] = await time(model);
    const [layout, layoutMs] = await time(() => layoutGraph(built));
    const outcomes = runScenarios(built.groups, HEALTHY);
    const [scene, sceneMs] = await time(() =>
      buildScene(built, layout, { outcomes, embedStyle: true }),
    );
    const [, svgMs] = await time(() => toSvgString(scene, true));
    timings.model?.push(modelMs);
    timings.layout?.push(layoutMs);
    timings.scene?.push(sceneMs);
    timings.svg?.push(svgMs);
    graph = built;
  }
  const result = graph as TopologyGraph;
  const parts = Object.entries(timings).map(
    ([name, values]) => `${name} ${median(values).toFixed(0)} ms`,
  );
  console.log(
    `${label}: ${result.elements.length} elements, ${result.edges.length} edges, ${result.folded} folded — ${parts.join(', ')} (median of ${runs})`,
  );
  return result;
}

async function benchBrowser(label: string, graph: TopologyGraph, dir: string): Promise<void> {
  const script = join(process.cwd(), 'dist/webview.js');
  if (!existsSync(CHROMIUM) || !existsSync(script)) {
    console.log('browser: skipped (needs /usr/bin/chromium and a built dist/webview.js)');
    return;
  }
  const page = join(dir, 'page.html');
  writeFileSync(
    page,
    renderPage({
      mode: 'standalone',
      title: 'bench',
      nonce: 'YmVuY2g',
      script: readFileSync(script, 'utf8'),
      style: readFileSync(join(process.cwd(), 'dist/webview.css'), 'utf8'),
      graphs: [graph],
    }),
  );
  const browser = await launchChromium();
  try {
    for (let run = 0; run < 3; run++) {
      const tab = await browser.newPage({ viewport: { width: 1400, height: 900 } });
      const start = performance.now();
      await tab.goto(pathToFileURL(page).href);
      await tab.waitForSelector('#stage[data-state="final"]', { timeout: 120_000 });
      const total = performance.now() - start;
      const measure = (name: string): Promise<number> =>
        tab.evaluate<number>(
          `performance.getEntriesByName(${JSON.stringify(name)}).map((entry) => entry.duration).pop() ?? -1`,
        );
      const render = await measure('topology-render');
      const first = await measure('topology-first');
      const layout = await measure('topology-layout');
      const dom = await measure('topology-dom');
      await tab.waitForFunction("performance.getEntriesByName('topology-painted').length > 0");
      const painted = await measure('topology-painted');
      const count = await tab.locator('svg.topology g.el').count();
      console.log(
        `browser, ${label}, run ${run + 1}: ${count} elements drawn; first picture ${first.toFixed(0)} ms, ELK layout ${layout.toFixed(0)} ms, DOM ${dom.toFixed(0)} ms, layout + scene + DOM ${render.toFixed(0)} ms, to painted ${painted.toFixed(0)} ms; page load to picture ${total.toFixed(0)} ms`,
      );
      await tab.close();
    }
  } finally {
    await browser.close();
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { backends: { type: 'string' }, runs: { type: 'string' } },
  });
  const backends = Number(values.backends ?? 1000);
  const runs = Number(values.runs ?? 3);
  const dir = mkdtempSync(join(tmpdir(), 'bench-topology-'));
  try {
    const cluster = join(dir, 'cluster');
    const haproxy = haproxyConfig(backends);
    for (const [node, priority, self, peer] of [
      ['lb1', 110, '192.0.2.11', '192.0.2.12'],
      ['lb2', 100, '192.0.2.12', '192.0.2.11'],
    ] as const) {
      mkdirSync(join(cluster, node), { recursive: true });
      writeFileSync(join(cluster, node, 'haproxy.cfg'), haproxy);
      writeFileSync(
        join(cluster, node, 'keepalived.conf'),
        keepalivedConfig(node, priority, self, peer),
      );
    }
    console.log(
      `${backends} backends × 3 servers, ${haproxy.split('\n').length} lines of haproxy.cfg per node`,
    );
    const loaded = loadInputs({ paths: [cluster], cluster: true });
    if ('error' in loaded) throw new Error(loaded.error);
    const { service, settings, plans } = loaded;
    const plan = plans[0];
    if (plan === undefined) throw new Error('no cluster planned');
    const model = (limit?: number) => (): TopologyGraph =>
      service.getTopology(
        service.analyseCluster(plan.nodes, { settings }),
        { title: 'bench', ...(limit === undefined ? {} : { limit }) },
        { settings },
      );
    const folded = await benchGraph('folded', model(), runs);
    const full = await benchGraph('show all', model(0), runs);
    await benchBrowser('folded', folded, dir);
    await benchBrowser('show all', full, dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
