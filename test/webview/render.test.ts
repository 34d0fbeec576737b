/**
 * The topology view in a real browser: a standalone page (as `halint topology --format html`
 * writes it) opened offline in headless Chromium. Checks what is drawn, that the failover
 * controls move the VIP, that hostile labels stay text, and saves light and dark screenshots to
 * test-results/ for a human to look at.
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { loadInputs } from '../../server/src/node/project.js';
import type { TopologyGraph } from '../../server/src/core/topology/graph.js';
import { renderPage } from '../../webview/src/page.js';
import { CHROMIUM, launchChromium } from '../helpers/chromium.js';
import { distFile, projectRoot } from '../helpers/paths.js';

function sampleGraph(): TopologyGraph {
  const text = readFileSync(join(projectRoot, 'test/fixtures/topology/pair.json'), 'utf8');
  return JSON.parse(text) as TopologyGraph;
}

/** The pair of test/fixtures/topology/sync-pair as the core draws it (one sync group, two VIPs). */
function syncPairGraph(): TopologyGraph {
  const loaded = loadInputs({
    paths: [join(projectRoot, 'test/fixtures/topology/sync-pair')],
    cluster: true,
  });
  if ('error' in loaded) throw new Error(loaded.error);
  const [plan] = loaded.plans;
  assert.ok(plan, 'the fixture is one cluster');
  const { service, settings } = loaded;
  return service.getTopology(
    service.analyseCluster(plan.nodes, { settings }),
    {
      title: 'sync-pair',
    },
    { settings },
  );
}

/** Builds the browser bundle when this checkout has not built it yet. */
function ensureBundle(): void {
  if (existsSync(distFile('webview.js')) && existsSync(distFile('webview.css'))) return;
  const result = spawnSync(process.execPath, ['scripts/build.mjs'], {
    cwd: projectRoot,
    encoding: 'utf8',
  });
  assert.equal(result.status, 0, result.stderr);
}

function writePage(dir: string, name: string, graphs: readonly TopologyGraph[]): string {
  const html = renderPage({
    mode: 'standalone',
    title: 'Topology test',
    nonce: 'dGVzdG5vbmNl',
    script: readFileSync(distFile('webview.js'), 'utf8'),
    style: readFileSync(distFile('webview.css'), 'utf8'),
    graphs,
  });
  const path = join(dir, name);
  writeFileSync(path, html);
  return pathToFileURL(path).href;
}

/**
 * `kind|id` of every match. The expression is a string because this file compiles without the
 * DOM library (the root tsconfig), so a typed callback could not name `document`.
 */
function attributePairs(page: Page, selector: string): Promise<string[]> {
  return page.evaluate<string[]>(
    `Array.from(document.querySelectorAll(${JSON.stringify(selector)}), (node) => node.getAttribute('data-kind') + '|' + node.getAttribute('data-id'))`,
  );
}

const available = existsSync(CHROMIUM);
if (!available) console.log(`skipped: topology render tests (${CHROMIUM} is not installed)`);

describe('topology view in Chromium', { skip: !available }, () => {
  let browser: Browser;
  let dir: string;
  const dialogs: string[] = [];
  const errors: string[] = [];

  before(async () => {
    ensureBundle();
    dir = mkdtempSync(join(tmpdir(), 'topology-render-'));
    browser = await launchChromium();
  });

  after(async () => {
    await browser?.close();
    if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
  });

  async function open(url: string, colorScheme: 'light' | 'dark' = 'light'): Promise<Page> {
    const page = await browser.newPage({ colorScheme, viewport: { width: 1400, height: 800 } });
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    page.on('pageerror', (error) => errors.push(error.message));
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(message.text());
    });
    await page.goto(url);
    await page.waitForSelector('#stage[data-state="final"] svg.topology g.el[data-kind="server"]');
    return page;
  }

  test('draws every kind of element and edge of the sample', async () => {
    const page = await open(writePage(dir, 'sample.html', [sampleGraph()]));
    const kinds = await attributePairs(page, 'svg.topology g.el');
    for (const expected of [
      'clients|clients',
      'vip|vip:192.168.10.100',
      'node|node:lb1',
      'haproxy|haproxy:shared',
      'frontend|frontend:fe_web',
      'listen|listen:stats',
      'backend|backend:be_gone',
      'server|server:be_api/api1',
      'more|more:be_api',
      'virtual-server|vs:192.168.10.200:443',
      'real-server|rs:192.168.10.200:443/10.0.5.1',
    ]) {
      assert.ok(kinds.includes(expected), `missing ${expected}`);
    }
    const edges = await attributePairs(page, 'svg.topology g.edge');
    assert.ok(edges.includes('route|e:fe_web>be_api'));
    assert.ok(edges.includes('default-route|e:fe_web>be_app'));
    assert.ok(edges.includes('lvs|e:vs>rs'));
    // Findings: outlined, and said in the accessible name and the tooltip.
    const missing = page.locator('g.el[data-id="backend:be_gone"]');
    assert.match((await missing.getAttribute('class')) ?? '', /\bsev-error\b.*|\bmark-missing\b/);
    assert.match(
      (await missing.getAttribute('aria-label')) ?? '',
      /1 error: backend 'be_gone' is not defined/,
    );
    assert.match((await missing.locator('title').textContent()) ?? '', /not defined/);
    assert.equal(
      await page.locator('g.el[data-id="server:be_api/api1"] .badge-no-check').count(),
      1,
    );
    assert.equal(
      await page.locator('#legend .legend-item[data-legend="mark:no-check"]').count(),
      1,
    );
    assert.equal(await page.locator('#counts').getAttribute('data-errors'), '2');
    assert.equal(await page.locator('#show-all').isVisible(), true);
    // The content security policy is in place and allows nothing remote.
    const csp = await page
      .locator('meta[http-equiv="Content-Security-Policy"]')
      .getAttribute('content');
    assert.match(csp ?? '', /default-src 'none'/);
    assert.match(csp ?? '', /script-src 'nonce-/);
    mkdirSync(join(projectRoot, 'test-results'), { recursive: true });
    await page.screenshot({ path: join(projectRoot, 'test-results/topology-light.png') });
    await page.close();
    const dark = await open(writePage(dir, 'sample-dark.html', [sampleGraph()]), 'dark');
    await dark.screenshot({ path: join(projectRoot, 'test-results/topology-dark.png') });
    await dark.close();
    assert.deepEqual(errors, []);
  });

  test('the failover controls move the VIP and explain why', async () => {
    const page = await open(writePage(dir, 'failover.html', [sampleGraph()]));
    const holder = (id: string): Promise<string | null> =>
      page.locator(`g.el[data-id="${id}"]`).getAttribute('data-holder');
    assert.equal(await holder('node:lb1'), 'true');
    assert.equal(await holder('node:lb2'), 'false');
    assert.equal(
      await page.locator('g.edge[data-id="e:vip>lb1"]').getAttribute('data-active'),
      'true',
    );

    await page.locator('#controls input[data-sim="haproxy-down"][data-node="lb1"]').check();
    assert.equal(await holder('node:lb1'), 'false');
    assert.equal(await holder('node:lb2'), 'true');
    assert.equal(
      await page.locator('g.edge[data-id="e:vip>lb2"]').getAttribute('data-active'),
      'true',
    );
    assert.match((await page.locator('#outcome .outcome').first().textContent()) ?? '', /lb2/);
    assert.match(
      (await page.locator('g.el[data-id="node:lb1"] .priority').textContent()) ?? '',
      /90/,
    );

    await page.locator('#controls input[data-sim="node-down"][data-node="lb2"]').check();
    assert.equal(await page.locator('#outcome .outcome.problem').count(), 1);

    await page.locator('#reset').click();
    assert.equal(await holder('node:lb1'), 'true');
    assert.equal(await page.locator('#controls input:checked').count(), 0);
    await page.close();
    assert.deepEqual(errors, []);
  });

  test('clicking an element shows where it is written', async () => {
    const page = await open(writePage(dir, 'reveal.html', [sampleGraph()]));
    await page.locator('g.el[data-id="frontend:fe_web"]').click();
    assert.match(
      (await page.locator('#status').textContent()) ?? '',
      /examples\/lb1\/haproxy\.cfg:24/,
    );
    await page.locator('g.el[data-id="frontend:fe_web"]').focus();
    await page.keyboard.press('ArrowDown');
    const focused = await page.evaluate<string | null>(
      "document.activeElement && document.activeElement.getAttribute('data-id')",
    );
    assert.ok(typeof focused === 'string' && focused !== 'frontend:fe_web');
    // Tab follows the reading order (column by column); Enter reveals like a click.
    await page.locator('g.el[data-id="clients"]').focus();
    await page.keyboard.press('Tab');
    const afterTab = await page.evaluate<string | null>(
      "document.activeElement && document.activeElement.getAttribute('data-id')",
    );
    assert.equal(afterTab, 'vip:192.168.10.100');
    await page.keyboard.press('Enter');
    assert.match((await page.locator('#status').textContent()) ?? '', /keepalived\.conf:32/);
    await page.close();
  });

  test('exports download an SVG file and a PNG image', async () => {
    const page = await open(writePage(dir, 'export.html', [sampleGraph()]));
    const [svgDownload] = await Promise.all([
      page.waitForEvent('download'),
      page.locator('#export-svg').click(),
    ]);
    assert.match(svgDownload.suggestedFilename(), /^topology-examples\.svg$/);
    const svgPath = join(dir, 'export.svg');
    await svgDownload.saveAs(svgPath);
    const svg = readFileSync(svgPath, 'utf8');
    assert.match(svg, /^<\?xml/);
    assert.match(svg, /<style>/);
    assert.doesNotMatch(svg, /<script/);
    const [pngDownload] = await Promise.all([
      page.waitForEvent('download'),
      page.locator('#export-png').click(),
    ]);
    assert.match(pngDownload.suggestedFilename(), /\.png$/);
    const pngPath = join(dir, 'export.png');
    await pngDownload.saveAs(pngPath);
    assert.deepEqual([...readFileSync(pngPath).subarray(0, 4)], [0x89, 0x50, 0x4e, 0x47]);
    await page.close();
    assert.deepEqual(errors, []);
  });

  test('a sync group is drawn as a box around the VIPs of its instances', async () => {
    const page = await open(writePage(dir, 'sync.html', [syncPairGraph()]));
    const group = page.locator('g.el[data-kind="sync-group"]');
    assert.equal(await group.count(), 1);
    assert.equal(await group.getAttribute('data-id'), 'sync:G_FRONT');
    assert.equal(
      await group.getAttribute('aria-label'),
      'VRRP sync group G_FRONT; instances VI_WEB, VI_DB; no findings',
    );
    assert.equal(await group.locator(':scope > .label').textContent(), 'G_FRONT');
    // On screen, the frame's rectangle holds both VIPs and neither node.
    const rect = async (id: string) => {
      const box = await page.locator(`g.el[data-id="${id}"] > rect.box`).boundingBox();
      assert.ok(box, `${id} is drawn`);
      return box;
    };
    const frame = await rect('sync:G_FRONT');
    const holds = (inner: { x: number; y: number; width: number; height: number }): boolean =>
      inner.x >= frame.x &&
      inner.y >= frame.y &&
      inner.x + inner.width <= frame.x + frame.width &&
      inner.y + inner.height <= frame.y + frame.height;
    for (const vip of ['vip:192.0.2.100', 'vip:192.0.2.101']) {
      assert.ok(holds(await rect(vip)), `${vip} inside the sync group`);
    }
    for (const node of ['node:lb1', 'node:lb2']) {
      assert.ok(!holds(await rect(node)), `${node} outside the sync group`);
    }
    // Tab reaches the box before the VIPs inside it; Enter shows where it is written.
    await page.locator('g.el[data-id="clients"]').focus();
    await page.keyboard.press('Tab');
    assert.equal(
      await page.evaluate<string | null>(
        "document.activeElement && document.activeElement.getAttribute('data-id')",
      ),
      'sync:G_FRONT',
    );
    await page.keyboard.press('Enter');
    assert.match(
      (await page.locator('#status').textContent()) ?? '',
      /sync-pair\/lb1\/keepalived\.conf:16/,
    );
    assert.equal(
      await page.locator('#legend .legend-item[data-legend="kind:sync-group"]').count(),
      1,
    );
    await page.screenshot({ path: join(projectRoot, 'test-results/topology-sync-group.png') });
    await page.close();
    assert.deepEqual(errors, []);
  });

  test('hostile labels stay text: no script, no image, no dialog', async () => {
    const graph = sampleGraph();
    const hostile: TopologyGraph = {
      ...graph,
      title: '</script><script>alert(1)</script>',
      elements: graph.elements.map((element, index) => ({
        ...element,
        label: index % 2 === 0 ? '<script>alert(1)</script>' : '"><img src=x onerror=alert(1)>',
        details: ['</script><img src=x onerror=alert(2)>', '\u2028<!--'],
        findings: element.findings.map((finding) => ({
          ...finding,
          message: '<img src=x onerror=alert(3)>',
        })),
      })),
      edges: graph.edges.map((edge) => ({ ...edge, label: '<script>alert(4)</script>' })),
    };
    const page = await open(writePage(dir, 'hostile.html', [hostile]));
    // The page's own two scripts (data and code), nothing else.
    assert.equal(await page.locator('script').count(), 2);
    assert.equal(await page.locator('img').count(), 0);
    assert.equal(await page.locator('svg script, svg foreignObject').count(), 0);
    const label = await page.locator('g.el[data-kind="clients"] .label').textContent();
    assert.equal(label, '<script>alert(1)</script>');
    await page.waitForTimeout(200);
    assert.deepEqual(dialogs, []);
    await page.close();
  });

  test('inside VS Code: ready, graph by message, reveal, show all, export and saved state', async () => {
    const html = renderPage({
      mode: 'vscode',
      title: 'Topology',
      nonce: 'dnNjb2Rl',
      cspSource: 'file:',
      scriptUri: pathToFileURL(distFile('webview.js')).href,
      styleUri: pathToFileURL(distFile('webview.css')).href,
    });
    const path = join(dir, 'vscode.html');
    writeFileSync(path, html);
    const page = await browser.newPage({ viewport: { width: 1400, height: 800 } });
    page.on('pageerror', (error) => errors.push(error.message));
    // A stand-in for the webview API: records what the view posts and keeps its state.
    await page.addInitScript(`
      window.__posted = [];
      window.__state = ${JSON.stringify({ scenario: { nodesDown: ['lb1'], haproxyDown: [], failing: [] } })};
      window.acquireVsCodeApi = () => ({
        postMessage: (message) => window.__posted.push(message),
        getState: () => window.__state,
        setState: (state) => { window.__state = state; },
      });
    `);
    const posted = (): Promise<{ type: string; format?: string; location?: { uri: string } }[]> =>
      page.evaluate('window.__posted');
    await page.goto(pathToFileURL(path).href);
    await page.waitForFunction('window.__posted.length > 0');
    assert.deepEqual(await posted(), [{ type: 'ready' }]);
    // Messages of the wrong shape are ignored; a graph is drawn.
    await page.evaluate(`window.postMessage({ type: 'graph', graph: 'nope' }, '*')`);
    await page.evaluate(`window.postMessage({ type: 'eval', code: 'alert(1)' }, '*')`);
    await page.evaluate(
      `window.postMessage({ type: 'graph', graph: ${JSON.stringify(sampleGraph())}, uri: 'file:///c/lb1/haproxy.cfg' }, '*')`,
    );
    await page.waitForSelector('#stage[data-state="final"] svg.topology g.el[data-kind="server"]');
    // The panel's file is saved with the view: after a window reload the serializer reopens it.
    assert.equal(
      await page.evaluate<string | undefined>('window.__state?.uri'),
      'file:///c/lb1/haproxy.cfg',
    );
    // The saved simulation was restored: lb1 is down, so lb2 holds the VIP.
    assert.equal(
      await page.locator('g.el[data-id="node:lb2"]').getAttribute('data-holder'),
      'true',
    );
    assert.equal(
      await page.locator('#controls input[data-sim="node-down"][data-node="lb1"]').isChecked(),
      true,
    );

    await page.locator('g.el[data-id="frontend:fe_web"]').click();
    await page.locator('#show-all').click();
    await page.locator('#export-svg').click();
    await page.waitForFunction('window.__posted.length >= 4');
    const messages = await posted();
    assert.deepEqual(messages[1], {
      type: 'reveal',
      location: sampleGraph().elements.find((element) => element.id === 'frontend:fe_web')
        ?.location,
    });
    assert.deepEqual(messages[2], { type: 'showAll' });
    assert.equal(messages[3]?.type, 'export');
    assert.equal(messages[3]?.format, 'svg');
    const state = await page.evaluate<{ selected?: string; viewport?: unknown; uri?: string }>(
      'window.__state',
    );
    assert.equal(state.selected, 'frontend:fe_web');
    assert.equal(state.uri, 'file:///c/lb1/haproxy.cfg', 'kept by later saves');
    assert.ok(state.viewport !== undefined);

    // Zoom and pan survive a live update: the user's view stays where they put it.
    await page.locator('#zoom-in').click();
    await page.locator('#zoom-in').click();
    const box = (await page.locator('#viewport').boundingBox())!;
    await page.mouse.move(box.x + 300, box.y + 300);
    await page.mouse.down();
    await page.mouse.move(box.x + 220, box.y + 260, { steps: 5 });
    await page.mouse.up();
    const transform = (): Promise<string> =>
      page.evaluate('document.getElementById("stage").style.transform');
    const before = await transform();
    assert.match(before, /scale\((?!1\))/, 'zoomed');
    const edited = sampleGraph();
    const server = edited.elements.find((element) => element.id === 'server:be_api/api1')!;
    (server as { label: string }).label = 'api1-renamed';
    await page.evaluate(
      `window.postMessage({ type: 'graph', graph: ${JSON.stringify(edited)}, uri: 'file:///c/lb1/haproxy.cfg' }, '*')`,
    );
    await page.locator('g.el[data-id="server:be_api/api1"]', { hasText: 'api1-renamed' }).waitFor();
    assert.equal(await transform(), before);

    // A focus request selects the element; an error replaces the picture.
    await page.evaluate(`window.postMessage({ type: 'focus', id: 'backend:be_api' }, '*')`);
    assert.match(
      (await page.locator('g.el[data-id="backend:be_api"]').getAttribute('class')) ?? '',
      /\bselected\b/,
    );
    await page.evaluate(`window.postMessage({ type: 'error', message: 'No cluster here.' }, '*')`);
    await page.waitForSelector('#message[data-state="error"]');
    assert.equal(await page.locator('svg.topology').count(), 0);
    await page.close();
    assert.deepEqual(errors, []);
  });

  test('a graph of another format shows an error and no picture', async () => {
    const url = writePage(dir, 'format.html', [{ ...sampleGraph(), format: 2 as 1 }]);
    const page = await browser.newPage();
    await page.goto(url);
    await page.waitForSelector('#message[data-state="error"]');
    assert.equal(await page.locator('svg.topology').count(), 0);
    assert.match((await page.locator('#message').textContent()) ?? '', /format 2/);
    await page.close();
  });
});
