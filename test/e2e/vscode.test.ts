/**
 * End-to-end suite: the packaged extension in a real VS Code (code-server) driven through
 * Chromium, on a copy of demo/. Run by `npm run test:e2e`, which builds and packages the .vsix and
 * sets HALINT_E2E=1; `npm test` compiles this file too but only prints one skip line.
 *
 * The steps share one workbench and run in order: each leaves the editor as the next one expects
 * (edits are undone, widgets closed). Every step saves a screenshot under test-results/e2e/.
 */
import * as assert from 'node:assert/strict';
import {
  cpSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { after, afterEach, before, describe, test } from 'node:test';
import { projectRoot } from '../helpers/paths.js';
import type { Frame } from 'playwright-core';
import type { FailoverScenario } from '../../server/src/core/index.js';
import { HEALTHY, runScenario } from '../../server/src/core/topology/scenario.js';
import { loadInputs } from '../../server/src/node/project.js';
import { missingPrerequisite, Session, waitFor } from './harness.js';

const enabled = process.env.HALINT_E2E === '1';
const missing = enabled ? missingPrerequisite() : undefined;
const inCi = process.env.CI === 'true';
const DEMO = join(projectRoot, 'demo');

const LB1_HAPROXY = 'broken-pair/lb1/haproxy.cfg';
const LB1_KEEPALIVED = 'broken-pair/lb1/keepalived.conf';
const LB2_KEEPALIVED = 'broken-pair/lb2/keepalived.conf';

/** One Problems panel entry: the file it is listed under and the row's text. */
interface Problem {
  readonly file: string;
  readonly code: string;
  readonly text: string;
}

/** Problems panel rows grouped under their file rows (`haproxy.cfg broken-pair/lb1`). */
async function readProblems(session: Session): Promise<Problem[]> {
  const rows = await session.problems();
  const problems: Problem[] = [];
  let file = '';
  for (const row of rows) {
    const header = /problems? in file (\S+) of folder (\S+)/.exec(row.label);
    if (header) file = `${header[2]}/${header[1]}`;
    else if (row.code !== '') problems.push({ file, code: row.code, text: row.text });
  }
  return problems;
}

const has = (problems: Problem[], file: string, code: string): boolean =>
  problems.some((p) => p.file === file && p.code === code);

if (!enabled) {
  test('end-to-end suite in a real VS Code', { skip: 'run it with npm run test:e2e' }, () => {});
} else if (missing !== undefined) {
  // Under CI a missing prerequisite is a failure, not a skip: the suite must really run there.
  if (inCi) {
    test('end-to-end suite in a real VS Code', () => {
      assert.fail(`cannot run the end-to-end suite: ${missing}`);
    });
  } else {
    test('end-to-end suite in a real VS Code', { skip: missing }, () => {});
  }
} else {
  describe('VS Code end-to-end on demo/', () => {
    let session: Session;

    before(async () => {
      session = await Session.start({ fixture: DEMO });
    });

    afterEach(async () => {
      await session?.reset();
    });

    after(async () => {
      await session?.close();
    });

    test('01 language modes, and the time to the first diagnostics', async () => {
      const opened = await session.openFile(LB1_HAPROXY);
      await waitFor(
        'the first diagnostics of the first file',
        async () => {
          const counts = await session.problemCounts();
          return counts.errors + counts.warnings > 0 || (await session.squiggleCount()) > 0;
        },
        60_000,
        50,
      );
      console.log(
        `e2e: open-to-first-diagnostics ${Date.now() - opened} ms (${LB1_HAPROXY}, cold extension)`,
      );
      assert.equal(await session.languageMode(), 'HAProxy');
      await session.openFile(LB1_KEEPALIVED);
      assert.equal(await session.languageMode(), 'Keepalived');
      await session.openFile('notes.conf');
      // Content detection looks at unknown .conf files; this one must keep VS Code's own choice
      // (its built-in Properties mode claims *.conf), not become one of ours.
      const notes = await session.languageMode();
      assert.ok(!['HAProxy', 'Keepalived'].includes(notes), `notes.conf opened as ${notes}`);
      console.log(`e2e: notes.conf stays in VS Code's own mode: ${notes}`);
      await session.screenshot('01-language-modes');
    });

    test('02 Problems lists the findings of the broken pair, across nodes', async () => {
      await session.openFile(LB1_HAPROXY);
      const problems = await waitFor('the expected findings', async () => {
        const found = await readProblems(session);
        const expected =
          has(found, LB1_HAPROXY, 'undefined-backend') &&
          has(found, LB1_HAPROXY, 'missing-check') &&
          has(found, LB1_KEEPALIVED, 'vrid-mismatch') &&
          has(found, LB2_KEEPALIVED, 'vrid-mismatch') &&
          has(found, LB1_KEEPALIVED, 'failover-weight');
        return expected ? found : false;
      });
      await session.screenshot('02-problems');
      assert.ok(
        problems.every((p) => !p.file.startsWith('clean-pair/')),
        JSON.stringify(problems),
      );
      // Content detection has had time to answer about notes.conf since step 01: still not ours.
      await session.openFile('notes.conf');
      const notes = await session.languageMode();
      assert.ok(!['HAProxy', 'Keepalived'].includes(notes), `notes.conf became ${notes}`);
    });

    test('03 hover on a keyword and on virtual_router_id', async () => {
      await session.openFile(LB1_HAPROXY);
      await session.goToText('balance roundrobin');
      const keyword = await session.hoverAtCursor((text) => /balanc/i.test(text));
      assert.match(keyword.text, /roundrobin|algorithm/i);
      await session.screenshot('03-hover-keyword');
      await session.escape();

      await session.openFile(LB1_KEEPALIVED);
      await session.goToText('virtual_router_id');
      // The cluster hover puts every node's VRRP settings side by side.
      const vrrp = await session.hoverAtCursor(
        (text, tables) => tables > 0 && text.includes('lb1') && text.includes('lb2'),
      );
      assert.match(vrrp.text, /Node/);
      assert.match(vrrp.text, /Priority/);
      await session.screenshot('04-hover-vrrp-table');
      await session.escape();
    });

    test('04 completion in a backend and in a vrrp_instance', async () => {
      await session.openFile(LB1_HAPROXY);
      await session.goToText('    server api2');
      await session.page.keyboard.press('End');
      await session.page.keyboard.press('Enter');
      // A prefix keeps the wanted entry among the rows the virtual list renders (which section
      // offers what is the unit tests' business; here the round trip through VS Code is).
      // Enter has indented the new line already.
      await session.page.keyboard.type('bal');
      await session.completionAtCursor((labels) => labels.includes('balance'));
      await session.screenshot('05-completion-backend');
      await session.escape();
      await session.undoAll();

      await session.openFile(LB1_KEEPALIVED);
      await session.goToText('    advert_int 1');
      await session.page.keyboard.press('End');
      await session.page.keyboard.press('Enter');
      await session.page.keyboard.type('nopre');
      await session.completionAtCursor((labels) => labels.includes('nopreempt'));
      await session.screenshot('06-completion-vrrp-instance');
      await session.escape();
      await session.undoAll();
    });

    test('05 a quick fix applies and its finding disappears', async () => {
      await session.openFile(LB1_HAPROXY);
      await session.goToText('server app2', 'server '.length);
      await session.page.keyboard.press('Control+.');
      const menu = session.page.locator('.action-widget');
      await menu.locator('.monaco-list-row[aria-label="Add \'check\'"]').waitFor();
      await session.screenshot('07-quick-fix-menu');
      // The menu is driven by keys: a pointer-blocking layer covers it from mouse clicks.
      await waitFor('the fix to be selected', async () => {
        const focused = await menu.locator('.monaco-list-row.focused').getAttribute('aria-label');
        if (focused === "Add 'check'") return true;
        await session.page.keyboard.press('ArrowDown');
        return false;
      });
      await session.page.keyboard.press('Enter');
      await waitFor('the missing-check finding to go', async () => {
        const found = await readProblems(session);
        return (
          !has(found, LB1_HAPROXY, 'missing-check') && has(found, LB1_HAPROXY, 'undefined-backend')
        );
      });
      assert.match(await session.lineText('server app2'), /server app2 \S+ check/);
      await session.screenshot('08-quick-fix-applied');
      // Back to the saved text, so the later steps see the demo as it is.
      await session.undoAll();
    });

    test('06 go to definition: use_backend to its backend', async () => {
      await session.openFile(LB1_HAPROXY);
      const target = session.findText('backend be_static\n');
      await session.goToText('use_backend be_static', 'use_backend '.length + 2);
      await session.page.keyboard.press('F12');
      await waitFor(
        `the cursor on line ${target.line}`,
        async () => (await session.cursorLine()) === target.line,
      );
      await session.screenshot('09-go-to-definition');
    });

    test('07 code lens above a vrrp_instance; none of the clean pair is listed', async () => {
      await session.openFile(LB1_KEEPALIVED);
      const broken = await waitFor('a code lens on the broken instance', async () => {
        const lenses = await session.codeLenses();
        return lenses.find((lens) => /lb1/.test(lens) && /lb2/.test(lens));
      });
      assert.match(broken, /MASTER|split/);
      await session.screenshot('10-code-lens-broken');

      await session.openFile('clean-pair/lb1/keepalived.conf');
      const clean = await waitFor('a code lens on the clean instance', async () => {
        const lenses = await session.codeLenses();
        return lenses.find((lens) => /MASTER lb1/.test(lens) && /BACKUP lb2/.test(lens));
      });
      assert.doesNotMatch(clean, /split|see /);
      await session.openFile('clean-pair/lb1/haproxy.cfg');
      // The lens proves the clean pair was analysed; its files must still have no findings.
      const problems = await readProblems(session);
      assert.deepEqual(
        problems.filter((p) => p.file.startsWith('clean-pair/')),
        [],
        'no findings on the clean pair',
      );
      await session.screenshot('11-code-lens-clean');
    });

    test("08 an unsaved edit on lb2 updates lb1's findings", async () => {
      await session.openFile(LB2_KEEPALIVED);
      await session.goToText('virtual_router_id 52', 'virtual_router_id '.length);
      await session.page.keyboard.press('Shift+End');
      await session.page.keyboard.type('51');
      await waitFor('the editor to be dirty', () =>
        session.page.locator('.tab.active.dirty').isVisible(),
      );
      await waitFor('vrid-mismatch to leave both nodes', async () => {
        const found = await readProblems(session);
        return !has(found, LB1_KEEPALIVED, 'vrid-mismatch') &&
          !has(found, LB2_KEEPALIVED, 'vrid-mismatch') &&
          has(found, LB1_KEEPALIVED, 'failover-weight')
          ? true
          : false;
      });
      await session.screenshot('12-cross-node-edit');
      await session.undoAll();
      await waitFor('vrid-mismatch to come back after the undo', async () =>
        has(await readProblems(session), LB1_KEEPALIVED, 'vrid-mismatch'),
      );
    });

    test('12 Check with haproxy -c: the daemon speaks on our finding, its version in the status bar', async () => {
      // A workspace may pick a preset (never a command line): the installed haproxy checks lb1.
      const settingsFile = join(session.workspace, '.halint.json');
      writeFileSync(settingsFile, JSON.stringify({ haproxy: { validate: { preset: 'local' } } }));
      try {
        await session.openFile(LB1_HAPROXY);
        const status = session.page.locator('.statusbar-item', { hasText: /haproxy -c \d/ });
        // The server learns of the new settings file through the editor's file watcher: until
        // then the command answers that checks are off, so it is run again.
        await waitFor(
          'the status bar to name the daemon and its version',
          async () => {
            if ((await status.count()) > 0) return true;
            await session.runCommand('HAProxy/Keepalived: Check with haproxy -c');
            await new Promise((resolve) => setTimeout(resolve, 3000));
            return (await status.count()) > 0;
          },
          90_000,
          100,
        );
        const text = await status.first().innerText();
        assert.match(text, /haproxy -c 2\.6\.\d+/, text);
        const tooltip = (await status.first().getAttribute('aria-label')) ?? '';
        console.log(`e2e: daemon check status '${text.trim()}' (${tooltip})`);
        // HAProxy names the use_backend halint already reports: one finding, with its words.
        let lastRows: { text: string }[] = [];
        const problems = await waitFor('the daemon’s words under undefined-backend', async () => {
          const rows = await session.problems();
          lastRows = rows;
          return rows.some((row) =>
            /haproxy -c: Proxy 'fe_web': unable to find required use_backend/.test(row.text),
          )
            ? rows
            : false;
        }).catch((error: unknown) => {
          console.log(`e2e: Problems rows were:\n${lastRows.map((row) => row.text).join('\n')}`);
          throw error;
        });
        assert.equal(
          problems.filter((row) => row.code === 'haproxy-check').length,
          0,
          'what halint already says is not listed twice',
        );
        await session.screenshot('12b-daemon-check');
      } finally {
        rmSync(settingsFile, { force: true });
      }
    });
  });

  describe('topology preview', () => {
    let session: Session;

    before(async () => {
      // The clean pair: lb1 holds the VIP until its node goes down.
      session = await Session.start({ fixture: join(DEMO, 'clean-pair') });
    });

    after(async () => {
      await session?.close();
    });

    test('09 shows nodes, backends and servers; node down moves the VIP', async () => {
      await session.openFile('lb1/keepalived.conf');
      await session.runCommand('HAProxy/Keepalived: Show Topology Preview');
      const frame = await session.webviewFrame();
      const count = (kind: string): Promise<number> =>
        frame.locator(`g.el[data-kind="${kind}"]`).count();
      await waitFor('nodes, backends and servers in the preview', async () => {
        return (await count('node')) >= 2 && (await count('backend')) >= 1
          ? (await count('server')) >= 1
          : false;
      });
      // Node elements name their node in data-node; the holder of the VIP has data-holder="true".
      const holder = async (): Promise<string | null> => {
        const names = new Set<string>();
        for (const held of await frame
          .locator('g.el[data-kind="node"][data-holder="true"]')
          .all()) {
          const id = await held.getAttribute('data-id');
          names.add((await held.getAttribute('data-node')) ?? id?.replace(/^node:/, '') ?? '');
        }
        // Exactly one node holds the VIP (it may be drawn more than once).
        return names.size === 1 ? [...names][0]! : null;
      };
      const before = await waitFor('a node holding the VIP', async () => (await holder()) ?? false);
      await session.screenshot('13-topology');
      assert.equal(before, 'lb1', 'the MASTER with the higher priority holds the VIP');
      await frame
        .locator(`#controls [data-sim="node-down"][data-node="${before}"]`)
        .first()
        .click();
      const afterDown = await waitFor('the VIP to move', async () => {
        const now = await holder();
        return now !== null && now !== before ? now : false;
      });
      assert.notEqual(afterDown, before);
      await session.screenshot('14-topology-node-down');
    });

    test('10 an unsaved edit updates the open preview', async () => {
      await focusFirstGroup(session);
      await session.openFile('lb1/haproxy.cfg');
      const frame = await session.webviewFrame();
      await waitFor('the shared HAProxy layer', () => hasLabel(frame, SHARED_LAYER));
      await session.goToText('server api1 ', 'server api1'.length);
      // Watched inside the webview, so that the time is not that of this process's polling.
      const seen = labelAppears(frame, RENAMED_API1);
      await session.page.keyboard.type('x', { delay: 80 });
      const lastKey = Date.now();
      await waitFor('the editor to be dirty', () =>
        session.page.locator('.tab.active.dirty').isVisible(),
      );
      const shownAt = await seen;
      assert.ok(shownAt > 0, `the preview never showed ${RENAMED_API1}`);
      // The edit makes lb1's HAProxy differ from lb2's: the layer is now drawn per node.
      assert.equal(await hasLabel(frame, SHARED_LAYER), false);
      console.log(
        `e2e: last keystroke to the preview showing the edit ${Math.max(0, shownAt - lastKey)} ms (code-server, extension host, language server, webview)`,
      );
      await session.screenshot('15-topology-live-edit');
      await session.undoAll();
      await waitFor(
        'the preview to follow the revert',
        async () => (await hasLabel(frame, SHARED_LAYER)) && !(await hasLabel(frame, RENAMED_API1)),
      );
    });

    test("11 a click reveals the element's line in its node's file", async () => {
      await focusFirstGroup(session);
      await session.openFile('lb1/keepalived.conf');
      const frame = await session.webviewFrame();
      // A node is written in its own keepalived.conf: lb2's, although lb1's file is active.
      await clickElement(session, frame, 'node:lb2');
      await expectCursor(session, 'lb2/keepalived.conf', 'vrrp_instance VI_WEB');
      await session.screenshot('16-topology-reveal-node');

      // Per-node HAProxy layers (lb1 edited, unsaved): each server opens in its own node's file.
      await session.openFile('lb1/haproxy.cfg');
      await session.goToText('server api1 ', 'server api1'.length);
      await session.page.keyboard.type('x');
      await waitFor('the per-node HAProxy layers', () => hasLabel(frame, RENAMED_API1));
      await clickElement(session, frame, 'haproxy@lb2/be/be_api/srv/api1');
      await expectCursor(session, 'lb2/haproxy.cfg', 'server api1 ');
      await clickElement(session, frame, 'haproxy@lb1/be/be_api/srv/api1x');
      await expectCursor(session, 'lb1/haproxy.cfg', 'server api1 ');
      // The editor it went back to is the edited one, not a fresh copy of the file.
      assert.equal(await session.page.locator('.tab.active.dirty').isVisible(), true);
      await session.screenshot('17-topology-reveal-server');
      await session.undoAll();
    });
  });
  describe('fix all in the workspace', () => {
    let session: Session;
    let root: string;
    /** A removed keyword with one replacement: a safe fix, in both nodes' files. */
    const config = (node: string) => `global
    maxconn 100

defaults
    mode http
    contimeout 5s
    timeout client 30s
    timeout server 30s

frontend fe_${node}
    bind 127.0.0.1:18080
    default_backend be

backend be
    server s1 127.0.0.1:18081 check
`;

    before(async () => {
      root = mkdtempSync(join(tmpdir(), 'halint-e2e-fix-all-'));
      for (const node of ['lb1', 'lb2']) {
        mkdirSync(join(root, node));
        writeFileSync(join(root, node, 'haproxy.cfg'), config(node));
      }
      session = await Session.start({ fixture: root });
    });

    after(async () => {
      await session?.close();
      if (root !== undefined) rmSync(root, { recursive: true, force: true });
    });

    test('14 Fix All Safe Problems in the Workspace: a preview, then both nodes fixed', async () => {
      await session.openFile('lb1/haproxy.cfg');
      let rows: { text: string; code: string }[] = [];
      const removed = async () => {
        rows = await session.problems();
        return rows.filter((row) => row.code === 'removed-keyword').length;
      };
      // The open file's own findings are listed; the fix covers the other node's file as well.
      await waitFor('removed-keyword in lb1', async () => (await removed()) >= 1).catch(
        (error: unknown) => {
          console.log(
            `e2e: Problems rows were:\n${rows.map((row) => `${row.code}: ${row.text}`).join('\n')}`,
          );
          throw error;
        },
      );
      const dialogButton = (label: string) =>
        session.page.locator('.monaco-dialog-box .monaco-button', { hasText: label }).first();
      // First the preview: both nodes' files are listed, and Discard writes nothing.
      await session.runCommand('HAProxy/Keepalived: Fix All Safe Problems in the Workspace');
      await dialogButton('Preview').click();
      const preview = session.page.locator('.monaco-workbench', { hasText: 'REFACTOR PREVIEW' });
      await waitFor('the refactor preview listing both nodes', async () => {
        const text = (await preview.innerText().catch(() => '')).replace(/\s+/g, ' ');
        return /lb1/.test(text) && /lb2/.test(text) && /timeout connect 5s/.test(text);
      });
      await session.screenshot('19-fix-all-preview');
      await session.page
        .locator('.monaco-button', { hasText: /^Discard$/ })
        .first()
        .click();
      assert.ok((await removed()) >= 1, 'Discard applied nothing');
      // Then at once: one click, one undo step.
      await session.runCommand('HAProxy/Keepalived: Fix All Safe Problems in the Workspace');
      await dialogButton('Apply').click();
      await waitFor('no removed-keyword left', async () => (await removed()) === 0);
      await session.openFile('lb1/haproxy.cfg');
      assert.match(await session.lineText('timeout connect'), /timeout connect 5s/);
      await session.openFile('lb2/haproxy.cfg');
      assert.match(await session.lineText('timeout connect'), /timeout connect 5s/);
      // Whether VS Code also saves them is its own setting (files.refactoring.autoSave).
      await session.screenshot('20-fix-all-applied');
    });
  });

  describe('topology preview on examples/ and every cluster fixture', () => {
    let session: Session;
    let root: string;

    before(async () => {
      // One workspace holding them all: each folder of node folders is a cluster of its own.
      root = mkdtempSync(join(tmpdir(), 'halint-e2e-clusters-'));
      cpSync(join(projectRoot, 'examples'), join(root, 'examples'), { recursive: true });
      const fixtures = join(projectRoot, 'test', 'fixtures', 'cluster');
      for (const name of readdirSync(fixtures)) {
        cpSync(join(fixtures, name), join(root, 'cluster', name), { recursive: true });
      }
      session = await Session.start({ fixture: root });
    });

    after(async () => {
      await session?.close();
      if (root !== undefined) rmSync(root, { recursive: true, force: true });
    });

    test('13 every cluster: its nodes, who holds the VIP, and who takes it when that node is down', async () => {
      const clusters = expectedClusters(session.workspace);
      assert.ok(clusters.length >= 14, `examples/ and 13 fixtures, got ${clusters.length}`);
      // The pictures compared are not empty ones: most clusters draw servers and virtual IPs.
      assert.ok(clusters.filter((cluster) => cluster.servers > 0 && cluster.vips > 0).length >= 8);
      let opened = false;
      for (const cluster of clusters) {
        if (opened) await focusFirstGroup(session);
        await session.openFile(cluster.file);
        if (!opened) {
          await session.runCommand('HAProxy/Keepalived: Show Topology Preview');
          opened = true;
        }
        const frame = await session.webviewFrame();
        let last: unknown;
        await waitFor(`${cluster.file}: the cluster's nodes and VIP holders`, async () => {
          const now = await pictured(frame);
          last = now;
          return same(now.nodes, cluster.nodes) &&
            same(now.holders, cluster.holders) &&
            now.servers === cluster.servers &&
            now.vips === cluster.vips
            ? now
            : false;
        }).catch((error: unknown) => {
          console.log(
            `e2e: ${cluster.file}: expected ${JSON.stringify(cluster)}, saw ${JSON.stringify(last)}`,
          );
          throw error;
        });
        const down = cluster.holders[0];
        if (down !== undefined) {
          const toggle = frame
            .locator(`#controls [data-sim="node-down"][data-node="${down}"]`)
            .first();
          await toggle.click();
          await waitFor(`${cluster.file}: the VIP to go where the simulation says`, async () =>
            same((await pictured(frame)).holders, cluster.afterDown),
          ).catch((error: unknown) => {
            console.log(
              `e2e: ${cluster.file}: ${down} down, expected ${cluster.afterDown.join(', ')}`,
            );
            throw error;
          });
          await session.screenshot(`18-cluster-${cluster.name}-node-down`);
          await toggle.click();
          await waitFor(`${cluster.file}: the VIP back after ${down} is up`, async () =>
            same((await pictured(frame)).holders, cluster.holders),
          );
        }
        console.log(
          `e2e: ${cluster.file}: nodes ${cluster.nodes.join(', ')}; VIP on ${cluster.holders.join(', ') || 'none'}, then ${cluster.afterDown.join(', ') || 'none'}`,
        );
      }
    });
  });
}

/** What the core's model and simulation say the preview of each cluster in `workspace` shows. */
interface ExpectedCluster {
  readonly name: string;
  /** A workspace-relative file of the cluster, to open. */
  readonly file: string;
  readonly nodes: readonly string[];
  /** How many servers the graph has (folding already applied). */
  readonly servers: number;
  /** How many virtual IPs (a `${VIP}` with no env to fill it has none). */
  readonly vips: number;
  /** Holders with everything healthy. */
  readonly holders: readonly string[];
  /** Holders once the first healthy holder is down. */
  readonly afterDown: readonly string[];
}

function expectedClusters(workspace: string): ExpectedCluster[] {
  const loaded = loadInputs({ paths: [workspace], cluster: true });
  if ('error' in loaded) throw new Error(loaded.error);
  const { service, settings, plans } = loaded;
  return plans.map((plan) => {
    const graph = service.getTopology(
      service.analyseCluster(plan.nodes, { settings }),
      {},
      { settings },
    );
    const holdersUnder = (scenario: FailoverScenario): string[] =>
      [...new Set(graph.groups.flatMap((group) => runScenario(group, scenario).holders))].sort();
    const holders = holdersUnder(HEALTHY);
    const first = plan.nodes
      .flatMap((node) => [...node.keepalived, ...node.haproxy])
      .map((document) => document.uri)[0];
    if (first === undefined) throw new Error(`cluster ${plan.id} has no file`);
    const file = relative(workspace, first.startsWith('file://') ? new URL(first).pathname : first);
    return {
      name: relative(workspace, plan.id).replaceAll('/', '-') || 'root',
      file,
      // Node boxes come with VRRP: a HAProxy-only cluster is drawn as its HAProxy layers.
      nodes: graph.elements
        .filter((element) => element.kind === 'node')
        .map((element) => element.node ?? element.label)
        .sort(),
      servers: graph.elements.filter((element) => element.kind === 'server').length,
      vips: graph.elements.filter((element) => element.kind === 'vip').length,
      holders,
      afterDown:
        holders[0] === undefined ? [] : holdersUnder({ ...HEALTHY, nodesDown: [holders[0]] }),
    };
  });
}

/** Node names drawn, those marked as holding a VIP, and the server and VIP counts. */
async function pictured(
  frame: Frame,
): Promise<{ nodes: string[]; holders: string[]; servers: number; vips: number }> {
  const nodes = new Set<string>();
  const holders = new Set<string>();
  for (const element of await frame.locator('g.el[data-kind="node"]').all()) {
    const name =
      (await element.getAttribute('data-node')) ??
      (await element.getAttribute('data-id'))?.replace(/^node:/, '') ??
      '';
    nodes.add(name);
    if ((await element.getAttribute('data-holder')) === 'true') holders.add(name);
  }
  return {
    nodes: [...nodes].sort(),
    holders: [...holders].sort(),
    servers: await frame.locator('g.el[data-kind="server"]').count(),
    vips: await frame.locator('g.el[data-kind="vip"]').count(),
  };
}

const same = (a: readonly string[], b: readonly string[]): boolean =>
  a.length === b.length && a.every((value, index) => value === b[index]);

/** Label of the HAProxy layer when both nodes run the same file. */
const SHARED_LAYER = 'HAProxy · same on lb1, lb2';
/** Label of lb1's server api1 once an `x` is typed after its name. */
const RENAMED_API1 = 'api1x 198.51.100.221:9000';

/**
 * Gives the keyboard to the first editor group (the preview sits in the second): after a click
 * in the webview, Quick Open would otherwise open files over the preview.
 */
async function focusFirstGroup(session: Session): Promise<void> {
  await session.page.locator('.editor-group-container').first().locator('.tab.active').click();
  await session.waitForEditorFocus();
}

/** The final picture (not the one a layout is still replacing) has an element with this label. */
async function hasLabel(frame: Frame, label: string): Promise<boolean> {
  // A string, because the project's type checks have no DOM library.
  return frame.evaluate<boolean>(`(() => {
    const stage = document.getElementById('stage');
    return stage !== null && stage.dataset.state === 'final' &&
      Array.from(stage.querySelectorAll('g.el .label')).some((text) => text.textContent === ${JSON.stringify(label)});
  })()`);
}

/** Resolves with the wall-clock time at which `label` is first drawn in a final picture, or 0. */
function labelAppears(frame: Frame, label: string, timeoutMs = 30_000): Promise<number> {
  return frame.evaluate<number>(`new Promise((resolve) => {
    const deadline = Date.now() + ${timeoutMs};
    const probe = () => {
      const stage = document.getElementById('stage');
      if (stage !== null && stage.dataset.state === 'final' &&
          Array.from(stage.querySelectorAll('g.el .label')).some((text) => text.textContent === ${JSON.stringify(label)})) {
        resolve(Date.now());
      } else if (Date.now() > deadline) resolve(0);
      else setTimeout(probe, 5);
    };
    probe();
  })`);
}

/**
 * Clicks an element of the final picture by its id, as someone working in the preview does: the
 * preview has the focus first. A click made straight from the editor races the webview's own
 * focus notice against the reveal's editor focus (a run on a loaded machine once ended with no
 * matching editor after such a click).
 */
async function clickElement(session: Session, frame: Frame, id: string): Promise<void> {
  await frame.locator('#title').click();
  await waitFor(
    'the preview to have the focus',
    async () =>
      (await session.page.locator('.editor-group-container.active .monaco-editor').count()) === 0,
  );
  await frame.locator(`#stage[data-state="final"] g.el[data-id="${id}"]`).click();
}

/**
 * Waits until the active editor is `path` (workspace-relative, and not the other node's file of
 * the same name) with the cursor on the line of the first `text` in that file as saved.
 */
async function expectCursor(session: Session, path: string, text: string): Promise<void> {
  const content = readFileSync(join(session.workspace, path), 'utf8');
  const index = content.indexOf(text);
  assert.ok(index >= 0, `'${text}' is not in ${path}`);
  const line = content.slice(0, index).split('\n').length;
  const [node = '', file = ''] = path.split('/');
  const other = node === 'lb1' ? 'lb2' : 'lb1';
  let seen = '';
  try {
    await waitFor(`${path} active with the cursor on line ${line}`, async () => {
      const crumbs = (
        await session.page
          .locator('.editor-group-container.active .breadcrumbs-control')
          .innerText()
      ).replace(/\s+/g, ' ');
      const cursor = await session.cursorLine();
      seen = `breadcrumbs '${crumbs}', line ${cursor}`;
      const active = crumbs.includes(node) && crumbs.includes(file) && !crumbs.includes(other);
      return active && cursor === line;
    });
  } catch (error) {
    await session.screenshot(`failed-${path.replace(/\W+/g, '-')}`);
    throw new Error(
      `${error instanceof Error ? error.message : String(error)}; last seen: ${seen}`,
    );
  }
}
