/**
 * `halint topology` end to end: the built CLI (`dist/cli.cjs`) draws the example pair as SVG,
 * Mermaid and a standalone HTML page, and refuses bad command lines with exit status 2.
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, test } from 'node:test';
import { distFile, projectRoot } from '../helpers/paths.js';
import { CHROMIUM, launchChromium } from '../helpers/chromium.js';

const CLI = distFile('cli.cjs');

function halint(...args: string[]): { stdout: string; stderr: string; status: number | null } {
  const result = spawnSync(process.execPath, [CLI, ...args], {
    cwd: projectRoot,
    encoding: 'utf8',
  });
  return { stdout: result.stdout, stderr: result.stderr, status: result.status };
}

/**
 * A small XML well-formedness check: every tag closes in order, attributes are quoted, and no
 * raw `<` or unknown entity sits in text. Enough to catch a broken serialiser without a parser.
 */
function assertWellFormedXml(xml: string): void {
  const body = xml.replace(/^<\?xml[^?]*\?>\s*/, '');
  const stack: string[] = [];
  const token = /<(\/?)([A-Za-z][\w:.-]*)((?:\s+[\w:.-]+="[^"<]*")*)\s*(\/?)>|([^<]+)/gy;
  let match: RegExpExecArray | null;
  let position = 0;
  while ((match = token.exec(body)) !== null) {
    position = token.lastIndex;
    const [, closing, name, , selfClosing, text] = match;
    if (text !== undefined) {
      assert.doesNotMatch(text, /&(?!(amp|lt|gt|quot|#39);)/, 'bare ampersand in text');
      continue;
    }
    if (closing === '/') assert.equal(stack.pop(), name, `mismatched </${name}>`);
    else if (selfClosing !== '/') stack.push(name ?? '');
  }
  assert.equal(
    position,
    body.length,
    `not well-formed near: ${body.slice(position, position + 80)}`,
  );
  assert.deepEqual(stack, [], 'unclosed elements');
}

describe('halint topology', () => {
  let dir: string;
  before(() => {
    if (!existsSync(CLI) || !existsSync(distFile('webview.js'))) {
      const built = spawnSync(process.execPath, ['scripts/build.mjs'], {
        cwd: projectRoot,
        encoding: 'utf8',
      });
      assert.equal(built.status, 0, built.stderr);
    }
    dir = mkdtempSync(join(tmpdir(), 'halint-topology-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  test('--format svg writes one well-formed SVG with the nodes and sections', () => {
    const { stdout, stderr, status } = halint('topology', 'examples/', '--format', 'svg');
    assert.equal(status, 0, stderr);
    assert.match(
      stdout,
      /^<\?xml version="1.0" encoding="UTF-8"\?>\n<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/,
    );
    assertWellFormedXml(stdout.trim());
    for (const name of [
      'lb1',
      'lb2',
      'fe_web',
      'be_api',
      'app1 10.0.1.11:8080',
      '192.168.10.100',
    ]) {
      assert.ok(stdout.includes(`>${name}<`), `no ${name} in the SVG`);
    }
    assert.doesNotMatch(stdout, /<script|onload=|onerror=/i);
    // The healthy holder is marked.
    assert.match(stdout, /data-id="[^"]*lb1[^"]*" data-kind="node"[^>]*data-holder="true"/);
  });

  test('--format mermaid writes a flowchart with the expected nodes and edges', () => {
    const { stdout, stderr, status } = halint('topology', 'examples/', '--format', 'mermaid');
    assert.equal(status, 0, stderr);
    const lines = stdout.split('\n').map((line) => line.trim());
    assert.equal(lines[0], '%% Topology of examples');
    assert.equal(lines[1], 'flowchart LR');
    assert.ok(lines.includes('n_clients(["Clients"])'));
    assert.ok(lines.some((line) => /^n_node_lb1\["lb1<br\/>/.test(line)));
    assert.ok(lines.some((line) => /^n_clients --> n_vip_192_168_10_100$/.test(line)));
    assert.ok(lines.some((line) => /^n_vip_192_168_10_100 ==>(\|[^|]*\|)? n_node_lb2$/.test(line)));
    assert.ok(lines.some((line) => /fe_web -->\|"path_beg \/api\/"\| \S+be_api$/.test(line)));
    assert.ok(lines.some((line) => /fe_web -\. default \.-> \S+be_app$/.test(line)));
  });

  test('both exports draw a sync group around the VIPs of its instances', () => {
    const fixture = 'test/fixtures/topology/sync-pair';
    const svg = halint('topology', fixture, '--format', 'svg');
    assert.equal(svg.status, 0, svg.stderr);
    assertWellFormedXml(svg.stdout.trim());
    const group = /<g data-id="sync:G_FRONT" data-kind="sync-group"[^>]*>/.exec(svg.stdout)?.[0];
    assert.ok(group, 'the sync group is drawn');
    assert.match(
      group,
      /aria-label="VRRP sync group G_FRONT; instances VI_WEB, VI_DB; no findings"/,
    );
    // The box's rectangle holds the VIPs' rectangles (both are translated to picture coordinates).
    const box = (id: string): number[] => {
      const found = new RegExp(
        `data-id="${id}"[^>]*transform="translate\\(([\\d.]+) ([\\d.]+)\\)"[^>]*>(?:<title>[^<]*</title>)?<rect class="box" width="([\\d.]+)" height="([\\d.]+)"`,
      ).exec(svg.stdout);
      assert.ok(found, `${id} has a box`);
      return found.slice(1, 5).map(Number);
    };
    const [gx = 0, gy = 0, gw = 0, gh = 0] = box('sync:G_FRONT');
    for (const vip of ['vip:192.0.2.100', 'vip:192.0.2.101']) {
      const [x = 0, y = 0, w = 0, h = 0] = box(vip);
      assert.ok(x >= gx && y >= gy && x + w <= gx + gw && y + h <= gy + gh, `${vip} inside`);
    }
    const mermaid = halint('topology', fixture, '--format', 'mermaid');
    assert.equal(mermaid.status, 0, mermaid.stderr);
    assert.match(
      mermaid.stdout,
      /\n {2}subgraph n_sync_G_FRONT\["G_FRONT<br\/>sync group of VI_WEB, VI_DB"\]\n {4}n_vip_192_0_2_100\{\{[^\n]*\n {4}n_vip_192_0_2_101\{\{[^\n]*\n {2}end\n/,
    );
  });

  test(
    '--format html -o writes a page that works offline',
    { skip: !existsSync(CHROMIUM) },
    async () => {
      const output = join(dir, 'topology.html');
      const { stderr, status } = halint('topology', 'examples/', '--format', 'html', '-o', output);
      assert.equal(status, 0, stderr);
      assert.match(stderr, /wrote .*topology\.html/);
      const html = readFileSync(output, 'utf8');
      assert.match(html, /<meta http-equiv="Content-Security-Policy"/);
      const browser = await launchChromium();
      try {
        const page = await browser.newPage();
        const remote: string[] = [];
        const errors: string[] = [];
        await page.route('**/*', (route) => {
          const url = route.request().url();
          if (url.startsWith('file:') || url.startsWith('data:') || url.startsWith('blob:')) {
            return route.continue();
          }
          remote.push(url);
          return route.abort();
        });
        page.on('pageerror', (error) => errors.push(error.message));
        await page.goto(pathToFileURL(output).href);
        await page.waitForSelector(
          '#stage[data-state="final"] svg.topology g.el[data-kind="server"]',
        );
        assert.equal(await page.locator('svg.topology g.el[data-kind="node"]').count(), 2);
        assert.equal(
          await page.locator('svg.topology g.el[data-kind="node"][data-holder="true"]').count(),
          1,
        );
        assert.deepEqual(remote, []);
        assert.deepEqual(errors, []);
      } finally {
        await browser.close();
      }
    },
  );

  test(
    '--format svg -o: a document a browser parses and draws',
    { skip: !existsSync(CHROMIUM) },
    async () => {
      const output = join(dir, 'examples.svg');
      const { stdout, stderr, status } = halint(
        'topology',
        'examples/',
        '--format',
        'svg',
        '-o',
        output,
      );
      assert.equal(status, 0, stderr);
      assert.equal(stdout, '');
      assert.match(stderr, /wrote .*examples\.svg/);
      const svg = readFileSync(output, 'utf8');
      const browser = await launchChromium();
      try {
        const page = await browser.newPage();
        // Chromium's own XML parser, then its SVG renderer through an image (no script runs).
        const parsed = await page.evaluate<{
          error: string | null;
          root: string;
          namespace: string | null;
          nodes: number;
          servers: number;
          serverEdges: number;
          width: number;
          drawn: number;
        }>(`(async () => {
          const text = ${JSON.stringify(svg)};
          const doc = new DOMParser().parseFromString(text, 'image/svg+xml');
          const error = doc.querySelector('parsererror');
          const image = new Image();
          image.src = URL.createObjectURL(new Blob([text], { type: 'image/svg+xml' }));
          await image.decode();
          return {
            error: error === null ? null : error.textContent,
            root: doc.documentElement.localName,
            namespace: doc.documentElement.namespaceURI,
            nodes: doc.querySelectorAll('g.el[data-kind="node"]').length,
            servers: doc.querySelectorAll('g.el[data-kind="server"]').length,
            serverEdges: doc.querySelectorAll('g.edge[data-kind="server"]').length,
            width: Number(doc.documentElement.getAttribute('width')),
            drawn: image.naturalWidth,
          };
        })()`);
        assert.equal(parsed.error, null);
        assert.equal(parsed.root, 'svg');
        assert.equal(parsed.namespace, 'http://www.w3.org/2000/svg');
        assert.equal(parsed.nodes, 2);
        // examples/ has seven servers in its shared HAProxy layer, each with its backend's edge.
        assert.equal(parsed.servers, 7);
        assert.equal(parsed.serverEdges, 7);
        assert.ok(parsed.width > 0);
        assert.equal(parsed.drawn, parsed.width);
      } finally {
        await browser.close();
      }
    },
  );

  test('several clusters: one SVG file and one flowchart each', () => {
    const paths = ['examples/', 'demo/clean-pair/'];
    const alone = halint('topology', ...paths, '--format', 'svg');
    assert.equal(alone.status, 2);
    assert.equal(alone.stdout, '');
    assert.match(alone.stderr, /2 clusters found: .*give -o FILE/);

    const output = join(dir, 'pair.svg');
    const svg = halint('topology', ...paths, '--format', 'svg', '-o', output);
    assert.equal(svg.status, 0, svg.stderr);
    const titles = new Map([
      [join(dir, 'pair-examples.svg'), 'examples'],
      [join(dir, 'pair-demo_clean-pair.svg'), 'demo/clean-pair'],
    ]);
    assert.deepEqual(
      svg.stderr.trim().split('\n').sort(),
      [...titles.keys()].map((path) => `halint: wrote ${path}`).sort(),
    );
    for (const [path, title] of titles) {
      const text = readFileSync(path, 'utf8').trim();
      assertWellFormedXml(text);
      assert.ok(text.includes(`<title>Topology of ${title}</title>`), `${path} draws ${title}`);
    }
    // Each picture has its own VIP, and only its own.
    assert.ok(readFileSync(join(dir, 'pair-examples.svg'), 'utf8').includes('>192.168.10.100<'));
    assert.ok(!readFileSync(join(dir, 'pair-examples.svg'), 'utf8').includes('>192.0.2.100<'));
    assert.ok(
      readFileSync(join(dir, 'pair-demo_clean-pair.svg'), 'utf8').includes('>192.0.2.100<'),
    );

    const mermaid = halint('topology', ...paths, '--format', 'mermaid');
    assert.equal(mermaid.status, 0, mermaid.stderr);
    const blocks = mermaid.stdout.trim().split('\n\n');
    assert.deepEqual(blocks.map((block) => block.split('\n').slice(0, 2).join(' | ')).sort(), [
      '%% Topology of demo/clean-pair | flowchart LR',
      '%% Topology of examples | flowchart LR',
    ]);
    for (const block of blocks) {
      const vip = block.startsWith('%% Topology of examples') ? '192_168_10_100' : '192_0_2_100';
      assert.match(block, new RegExp(`\\n {2}n_clients --> n_vip_${vip}\\n`));
    }
  });

  test(
    'several clusters in one HTML page: a menu picks the picture',
    { skip: !existsSync(CHROMIUM) },
    async () => {
      const output = join(dir, 'pair.html');
      const { stderr, status } = halint(
        'topology',
        'examples/',
        'demo/clean-pair/',
        '--format',
        'html',
        '-o',
        output,
      );
      assert.equal(status, 0, stderr);
      const browser = await launchChromium();
      try {
        const page = await browser.newPage();
        await page.goto(pathToFileURL(output).href);
        const menu = page.locator('select#cluster');
        await menu.waitFor({ state: 'visible' });
        const options = await menu.locator('option').allTextContents();
        assert.deepEqual([...options].sort(), ['demo/clean-pair', 'examples']);
        const vipShown = (vip: string): Promise<void> =>
          page
            .locator(`#stage[data-state="final"] g.el[data-kind="vip"][data-id="vip:${vip}"]`)
            .waitFor();
        const vips: Record<string, string> = {
          examples: '192.168.10.100',
          'demo/clean-pair': '192.0.2.100',
        };
        await vipShown(vips[options[0] ?? ''] ?? '');
        await menu.selectOption({ index: 1 });
        await vipShown(vips[options[1] ?? ''] ?? '');
        assert.equal(
          await page.locator(`g.el[data-id="vip:${vips[options[0] ?? ''] ?? ''}"]`).count(),
          0,
          'the first cluster is no longer drawn',
        );
        assert.equal(await page.locator('#title').textContent(), `Topology: ${options[1]}`);
      } finally {
        await browser.close();
      }
    },
  );

  test('a bad format or a missing path: one message, exit status 2', () => {
    const bad = halint('topology', 'examples/', '--format', 'png');
    assert.equal(bad.status, 2);
    assert.equal(bad.stdout, '');
    assert.equal(bad.stderr.trim().split('\n').length, 1);
    assert.match(bad.stderr, /invalid value 'png' for --format: expected html, svg, mermaid/);
    const missing = halint('topology', 'no-such-folder/', '--format', 'svg');
    assert.equal(missing.status, 2);
    assert.equal(missing.stderr.trim().split('\n').length, 1);
    assert.match(missing.stderr, /no-such-folder/);
    const none = halint('topology');
    assert.equal(none.status, 2);
  });

  test('--help describes the formats and several clusters', () => {
    const { stdout, status } = halint('topology', '--help');
    assert.equal(status, 0);
    assert.match(stdout, /^Usage: halint topology/);
    assert.match(stdout, /FILE-<cluster>\.svg/);
  });
});
