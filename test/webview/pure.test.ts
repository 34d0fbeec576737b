/**
 * The topology view's pure modules, without a browser: SVG text escaping, Mermaid output, the
 * page shell's CSP and JSON embedding, message validation, and a deterministic layout and scene.
 */
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { TOPOLOGY_FORMAT, type TopologyGraph } from '../../server/src/core/topology/graph.js';
import { HEALTHY, runScenarios } from '../../server/src/core/topology/scenario.js';
import { loadInputs } from '../../server/src/node/project.js';
import { columnLayout } from '../../webview/src/columns.js';
import {
  LARGE_GRAPH,
  layoutGraph,
  type Box,
  type TopologyLayout,
} from '../../webview/src/layout.js';
import { escapeMermaid, toMermaid } from '../../webview/src/mermaid.js';
import { contentSecurityPolicy, embedJson, renderPage } from '../../webview/src/page.js';
import { parseHostMessage } from '../../webview/src/protocol.js';
import { buildScene, type SceneNode } from '../../webview/src/scene.js';
import { escapeXml, toSvgString } from '../../webview/src/svg-string.js';
import { projectRoot } from '../helpers/paths.js';

function sampleGraph(): TopologyGraph {
  const text = readFileSync(join(projectRoot, 'test/fixtures/topology/pair.json'), 'utf8');
  return JSON.parse(text) as TopologyGraph;
}

/** The graph of the sync-group pair fixture, built by the core as `halint topology` does. */
function syncPairGraph(): TopologyGraph {
  const loaded = loadInputs({
    paths: [join(projectRoot, 'test/fixtures/topology/sync-pair')],
    cluster: true,
  });
  if ('error' in loaded) throw new Error(loaded.error);
  const [plan] = loaded.plans;
  assert.ok(plan, 'the fixture is one cluster');
  const { service, settings } = loaded;
  return service.getTopology(service.analyseCluster(plan.nodes, { settings }), {}, { settings });
}

function inside(outer: Box | undefined, inner: Box | undefined): boolean {
  return (
    outer !== undefined &&
    inner !== undefined &&
    inner.x >= outer.x &&
    inner.y >= outer.y &&
    inner.x + inner.width <= outer.x + outer.width &&
    inner.y + inner.height <= outer.y + outer.height
  );
}

function find(node: SceneNode, predicate: (node: SceneNode) => boolean): SceneNode[] {
  const found = predicate(node) ? [node] : [];
  for (const child of node.children ?? []) found.push(...find(child, predicate));
  return found;
}

describe('svg-string', () => {
  test('escapes attribute values and text', () => {
    const svg = toSvgString({
      tag: 'svg',
      attrs: { 'data-id': '"><script>alert(1)</script>' },
      children: [{ tag: 'text', attrs: {}, text: "<img src=x onerror='alert(1)'> & \u0001" }],
    });
    assert.equal(
      svg,
      '<svg xmlns="http://www.w3.org/2000/svg" data-id="&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;">' +
        '<text>&lt;img src=x onerror=&#39;alert(1)&#39;&gt; &amp; </text></svg>',
    );
  });

  test('drops script elements, event handlers and odd names', () => {
    const svg = toSvgString({
      tag: 'svg',
      attrs: { onload: 'alert(1)', 'bad name': 'x' },
      children: [
        { tag: 'script', attrs: {}, text: 'alert(1)' },
        { tag: 'g><script', attrs: {} },
        { tag: 'rect', attrs: { width: '1' } },
      ],
    });
    assert.equal(svg, '<svg xmlns="http://www.w3.org/2000/svg"><rect width="1"/></svg>');
  });

  test('escapeXml leaves plain text alone', () => {
    assert.equal(escapeXml('be_app 10.0.0.1:80 · weight 10'), 'be_app 10.0.0.1:80 · weight 10');
  });
});

describe('mermaid', () => {
  test('writes the nodes, subgraphs, edges and classes of the sample', () => {
    const text = toMermaid(sampleGraph());
    const lines = text.split('\n').map((line) => line.trim());
    assert.equal(lines[1], 'flowchart LR');
    assert.ok(lines.includes('n_clients(["Clients"])'));
    assert.ok(
      lines.includes(
        'subgraph n_haproxy_shared["HAProxy<br/>same on lb1, lb2<br/>#91;shared#93;"]',
      ),
    );
    assert.ok(lines.includes('n_backend_be_api[/"be_api<br/>leastconn"/]'));
    assert.ok(lines.includes('n_clients --> n_vip_192_168_10_100'));
    assert.ok(lines.includes('n_vip_192_168_10_100 ==> n_node_lb1'));
    assert.ok(lines.includes('n_frontend_fe_web -->|"if is_api"| n_backend_be_api'));
    assert.ok(lines.includes('n_frontend_fe_web -. default .-> n_backend_be_app'));
    assert.ok(lines.some((line) => /^class .*n_backend_be_gone.* error$/.test(line)));
    assert.ok(lines.some((line) => /^class .*n_server_be_api_api1.* nocheck$/.test(line)));
  });

  test('escapes labels and keeps ids unique and plain', () => {
    const graph: TopologyGraph = {
      ...sampleGraph(),
      elements: [
        {
          id: 'a b',
          kind: 'backend',
          label: '"]<script>x</script>',
          details: [],
          marks: [],
          findings: [],
        },
        { id: 'a-b', kind: 'backend', label: 'x|y', details: [], marks: [], findings: [] },
      ],
      edges: [],
      groups: [],
    };
    const text = toMermaid(graph);
    assert.ok(text.includes('n_a_b[/"#34;#93;#60;script#62;x#60;/script#62;"/]'));
    assert.ok(text.includes('n_a_b_2[/"x#124;y"/]'));
    assert.ok(!text.includes('<script>'));
    assert.equal(escapeMermaid('a#b;c'), 'a#35;b#59;c');
  });
});

describe('page', () => {
  const graph = sampleGraph();

  test('standalone: nonce on every script and style, strict CSP, nothing remote', () => {
    const html = renderPage({
      mode: 'standalone',
      title: 'T <b>',
      nonce: 'abc123',
      script: 'console.log("</script>")',
      style: 'body{}',
      graphs: [graph],
    });
    const scripts = html.match(/<script\b[^>]*>/g) ?? [];
    assert.equal(scripts.length, 2);
    for (const tag of scripts) assert.match(tag, /nonce="abc123"/);
    assert.match(html, /<style nonce="abc123">/);
    assert.match(html, /<title>T &lt;b&gt;<\/title>/);
    assert.doesNotMatch(html, /https?:\/\//);
    // The inline script's own "</script>" cannot end the element.
    assert.match(html, /console\.log\("<\\\/script>"\)/);
    const csp = contentSecurityPolicy({
      mode: 'standalone',
      title: '',
      nonce: 'abc123',
      script: '',
      style: '',
      graphs: [],
    });
    assert.equal(
      csp,
      "default-src 'none'; img-src data: blob:; style-src 'nonce-abc123'; script-src 'nonce-abc123'; base-uri 'none'; form-action 'none'",
    );
  });

  test('vscode: webview URIs and cspSource', () => {
    const options = {
      mode: 'vscode',
      title: 'Topology',
      nonce: 'n0',
      cspSource: 'https://file+.vscode-resource.vscode-cdn.net',
      scriptUri: 'https://file+.vscode-resource.vscode-cdn.net/dist/webview.js',
      styleUri: 'https://file+.vscode-resource.vscode-cdn.net/dist/webview.css',
    } as const;
    const html = renderPage(options);
    assert.ok(
      html.includes(
        '<script nonce="n0" src="https://file+.vscode-resource.vscode-cdn.net/dist/webview.js"></script>',
      ),
    );
    const csp = contentSecurityPolicy(options);
    assert.match(csp, /script-src 'nonce-n0'(;|$)/);
    assert.match(csp, /style-src https:\/\/file\+\.vscode-resource\.vscode-cdn\.net 'nonce-n0'/);
    assert.ok(html.includes(`content="${csp.replace(/'/g, '&#39;')}"`));
    assert.doesNotMatch(html, /topology-data/);
  });

  test('embedded JSON cannot close its element and round-trips', () => {
    const value = { label: '</script><!-- & \u2028\u2029 >' };
    const text = embedJson(value);
    assert.doesNotMatch(text, /[<>&\u2028\u2029]/);
    assert.deepEqual(JSON.parse(text), value);
  });
});

describe('protocol', () => {
  test('accepts the known messages and ignores the rest', () => {
    assert.deepEqual(parseHostMessage({ type: 'focus', id: 'x' }), { type: 'focus', id: 'x' });
    assert.deepEqual(parseHostMessage({ type: 'error', message: 'm' }), {
      type: 'error',
      message: 'm',
    });
    assert.equal(parseHostMessage({ type: 'focus', id: 3 }), undefined);
    assert.equal(parseHostMessage({ type: 'eval', code: 'x' }), undefined);
    assert.equal(parseHostMessage('graph'), undefined);
    assert.equal(parseHostMessage(null), undefined);
    assert.equal(parseHostMessage({ type: 'graph', graph: sampleGraph() })?.type, 'graph');
    assert.equal(parseHostMessage({ type: 'graph', graph: { elements: 'x' } })?.type, 'error');
  });
});

describe('layout and scene', () => {
  test('the layout is deterministic and places every element', async () => {
    const graph = sampleGraph();
    const first = await layoutGraph(graph);
    const second = await layoutGraph(sampleGraph());
    assert.deepEqual([...first.boxes], [...second.boxes]);
    assert.deepEqual([...first.edges], [...second.edges]);
    for (const element of graph.elements) assert.ok(first.boxes.has(element.id), element.id);
    // Left to right: clients, VIP, nodes, then the HAProxy layer.
    const x = (id: string): number => first.boxes.get(id)?.x ?? -1;
    assert.ok(x('clients') < x('vip:192.168.10.100'));
    assert.ok(x('vip:192.168.10.100') < x('node:lb1'));
    assert.ok(x('node:lb1') < x('frontend:fe_web'));
    assert.ok(x('frontend:fe_web') < x('backend:be_api'));
    assert.ok(x('backend:be_api') < x('server:be_api/api1'));
  });

  test('the scene marks holders, findings and the accessible names', async () => {
    const graph = sampleGraph();
    const layout = await layoutGraph(graph);
    const outcomes = runScenarios(graph.groups, HEALTHY);
    const scene = buildScene(graph, layout, { outcomes });
    const element = (id: string): SceneNode | undefined =>
      find(
        scene,
        (node) => node.attrs['data-id'] === id && node.attrs['data-kind'] !== undefined,
      )[0];
    assert.equal(element('node:lb1')?.attrs['data-holder'], 'true');
    assert.equal(element('node:lb2')?.attrs['data-holder'], 'false');
    assert.match(element('node:lb1')?.attrs.class ?? '', /\bholder\b/);
    const gone = element('backend:be_gone');
    assert.match(gone?.attrs.class ?? '', /\bsev-error\b/);
    assert.match(gone?.attrs.class ?? '', /\bmark-missing\b/);
    assert.equal(gone?.attrs.role, 'button');
    assert.equal(gone?.attrs.tabindex, '0');
    assert.equal(
      gone?.attrs['aria-label'],
      "backend be_gone; missing; 1 error: backend 'be_gone' is not defined",
    );
    assert.equal(find(scene, (node) => node.tag === 'style').length, 0);
    const exported = buildScene(graph, layout, { outcomes, embedStyle: true });
    assert.equal(find(exported, (node) => node.tag === 'style').length, 1);
    assert.equal(graph.format, TOPOLOGY_FORMAT);
  });

  test('a large graph gets the column layout: every box placed, none overlapping', async () => {
    const base = sampleGraph();
    const servers = Array.from({ length: LARGE_GRAPH + 50 }, (_, index) => ({
      id: `server:be_big/s${index}`,
      kind: 'server' as const,
      label: `s${index} 10.1.${Math.floor(index / 200)}.${index % 200}:80`,
      details: [],
      parent: 'haproxy:shared',
      marks: [],
      findings: [],
    }));
    const graph: TopologyGraph = {
      ...base,
      elements: [
        ...base.elements,
        {
          id: 'backend:be_big',
          kind: 'backend',
          label: 'be_big',
          details: [],
          parent: 'haproxy:shared',
          marks: [],
          findings: [],
        },
        ...servers,
      ],
      edges: [
        ...base.edges,
        ...servers.map((server) => ({
          id: `e:${server.id}`,
          kind: 'server' as const,
          from: 'backend:be_big',
          to: server.id,
          findings: [],
        })),
      ],
    };
    const started = performance.now();
    const layout = await layoutGraph(graph);
    assert.ok(performance.now() - started < 5000);
    for (const element of graph.elements) assert.ok(layout.boxes.has(element.id), element.id);
    const leaves = graph.elements
      .filter((element) => element.kind === 'server')
      .map((element) => layout.boxes.get(element.id));
    const sorted = leaves.sort((a, b) => (a?.y ?? 0) - (b?.y ?? 0));
    for (let i = 1; i < sorted.length; i++) {
      const above = sorted[i - 1];
      const below = sorted[i];
      assert.ok(
        above !== undefined && below !== undefined && above.y + above.height <= below.y,
        'servers overlap',
      );
    }
    const container = layout.boxes.get('haproxy:shared');
    const last = sorted.at(-1);
    assert.ok(
      container !== undefined &&
        last !== undefined &&
        last.y + last.height <= container.y + container.height,
    );
    assert.ok(layout.edges.get(`e:${servers[0]?.id ?? ''}`)?.points.length !== undefined);
    // Windowed: only what meets the window is drawn.
    const full = buildScene(graph, layout);
    const windowed = buildScene(graph, layout, { window: { x: 0, y: 0, width: 800, height: 600 } });
    const count = (scene: SceneNode): number =>
      find(
        scene,
        (node) =>
          node.attrs['data-kind'] === 'server' && node.tag === 'g' && node.attrs.role === 'button',
      ).length;
    assert.equal(count(full), servers.length + 4);
    assert.ok(count(windowed) < 20);
  });
});

describe('sync groups', () => {
  const graph = syncPairGraph();
  const vips = ['vip:192.0.2.100', 'vip:192.0.2.101'];

  const assertFramed = (layout: TopologyLayout, name: string): void => {
    const box = layout.boxes.get('sync:G_FRONT');
    for (const vip of vips) assert.ok(inside(box, layout.boxes.get(vip)), `${name}: ${vip}`);
    for (const node of ['node:lb1', 'node:lb2', 'clients']) {
      assert.ok(!inside(box, layout.boxes.get(node)), `${name}: ${node} outside the box`);
    }
  };

  test('both layouts draw the box around the VIPs of its instances', async () => {
    assertFramed(await layoutGraph(graph), 'ELK');
    assertFramed(columnLayout(graph), 'columns');
  });

  test('the scene names the box a sync group, lists its instances, draws it beneath', async () => {
    const layout = await layoutGraph(graph);
    const scene = buildScene(graph, layout, { outcomes: runScenarios(graph.groups, HEALTHY) });
    const drawn = find(scene, (node) => node.tag === 'g' && node.attrs.role === 'button');
    const box = drawn.find((node) => node.attrs['data-id'] === 'sync:G_FRONT');
    assert.equal(box?.attrs['data-kind'], 'sync-group');
    assert.match(box?.attrs.class ?? '', /\bcontainer\b/);
    assert.equal(
      box?.attrs['aria-label'],
      'VRRP sync group G_FRONT; instances VI_WEB, VI_DB; no findings',
    );
    const texts = find(box ?? { tag: 'g', attrs: {} }, (node) => node.tag === 'text');
    assert.deepEqual(
      texts.map((node) => node.text),
      ['G_FRONT', 'sync group of VI_WEB, VI_DB'],
    );
    const order = drawn.map((node) => node.attrs['data-id']);
    for (const vip of vips) assert.ok(order.indexOf('sync:G_FRONT') < order.indexOf(vip), vip);
    const vip = drawn.find((node) => node.attrs['data-id'] === vips[0]);
    assert.match(vip?.attrs['aria-label'] ?? '', /^virtual IP 192\.0\.2\.100; no findings$/);
  });

  test('the static SVG and the Mermaid text show the sync group too', async () => {
    const layout = await layoutGraph(graph);
    const svg = toSvgString(buildScene(graph, layout, { embedStyle: true }), true);
    assert.match(
      svg,
      /<g data-id="sync:G_FRONT" data-kind="sync-group"[^>]*class="el el-sync-group container"/,
    );
    // The style is XML text, so its child combinator is escaped.
    assert.match(svg, /\.el-sync-group&gt;\.box\{/);
    const lines = toMermaid(graph)
      .split('\n')
      .map((line) => line.trim());
    const start = lines.indexOf(
      'subgraph n_sync_G_FRONT["G_FRONT<br/>sync group of VI_WEB, VI_DB"]',
    );
    assert.ok(start > 0, lines.join('\n'));
    const end = lines.indexOf('end', start);
    const body = lines.slice(start + 1, end);
    assert.deepEqual(
      body.map((line) => /^(n_\w+)/.exec(line)?.[1]),
      ['n_vip_192_0_2_100', 'n_vip_192_0_2_101'],
    );
  });
});
