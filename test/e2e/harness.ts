/**
 * Drives a real VS Code: code-server (prepared by scripts/prepare-code-server.mjs) serves the
 * workbench with the packaged .vsix installed, and Debian's Chromium, driven by playwright-core,
 * uses it as a person would: keyboard shortcuts, the Problems panel, hovers, the command palette.
 *
 * Everything waits by polling a condition with a deadline, never by sleeping a fixed time: the
 * same suite must pass on a fast laptop and on a loaded 2-core CI machine.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import {
  cpSync,
  createWriteStream,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { request } from 'node:http';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import type { Browser, Frame, Locator, Page } from 'playwright-core';
import { projectRoot } from '../helpers/paths.js';
import { CHROMIUM, launchChromium } from '../helpers/chromium.js';

export const CODE_SERVER_ENTRY = join(
  projectRoot,
  '.cache',
  'code-server',
  'node_modules',
  'code-server',
  'out',
  'node',
  'entry.js',
);
export const VSIX = join(projectRoot, 'haproxy-keepalived.vsix');
export const SCREENSHOTS = join(projectRoot, 'test-results', 'e2e');

/** Why the suite cannot run here, or undefined when everything it needs is present. */
export function missingPrerequisite(): string | undefined {
  if (!existsSync(CODE_SERVER_ENTRY)) {
    return 'code-server is not prepared (run: node scripts/prepare-code-server.mjs)';
  }
  if (!existsSync(CHROMIUM)) {
    return `Chromium is not installed at ${CHROMIUM} (apt-get install chromium)`;
  }
  if (!existsSync(VSIX)) return `${VSIX} is missing (run: npm run test:e2e, which packages it)`;
  return undefined;
}

/** Polls `probe` until it returns a value other than undefined/false, or fails after `timeoutMs`. */
export async function waitFor<T>(
  what: string,
  probe: () => Promise<T | undefined | false> | T | undefined | false,
  timeoutMs = 30_000,
  intervalMs = 150,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value !== undefined && value !== false) return value;
    } catch (error) {
      // A probe may race a re-rendering DOM; only the last error matters if time runs out.
      lastError = error;
    }
    if (Date.now() > deadline) {
      const detail =
        lastError instanceof Error ? ` (last error: ${lastError.message.split('\n')[0]})` : '';
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${detail}`);
    }
    await delay(intervalMs);
  }
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

function httpStatus(url: string): Promise<number | undefined> {
  return new Promise((resolve) => {
    const req = request(url, { timeout: 2_000 }, (res) => {
      res.resume();
      resolve(res.statusCode);
    });
    req.on('error', () => resolve(undefined));
    req.on('timeout', () => {
      req.destroy();
      resolve(undefined);
    });
    req.end();
  });
}

/**
 * User settings that keep the workbench quiet and predictable: no welcome page, tips or trust
 * prompts covering the editor, and no auto-save, so that an edit stays an unsaved buffer (the
 * language server must see it through the editor, not through the disk).
 */
const USER_SETTINGS = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.welcomePage.walkthroughs.openOnInstall': false,
  'workbench.enableExperiments': false,
  'security.workspace.trust.enabled': false,
  'telemetry.telemetryLevel': 'off',
  'extensions.autoUpdate': false,
  'extensions.autoCheckUpdates': false,
  'extensions.ignoreRecommendations': true,
  'update.mode': 'none',
  'files.autoSave': 'off',
  'editor.minimap.enabled': false,
  'editor.hover.delay': 150,
  'editor.codeLens': true,
  'breadcrumbs.enabled': true,
  'problems.autoReveal': false,
};

/** Runs code-server's own CLI (extension installation) and fails with its output on error. */
function codeServerCli(args: string[]): void {
  const result = spawnSync(process.execPath, [CODE_SERVER_ENTRY, ...args], {
    encoding: 'utf8',
    timeout: 120_000,
  });
  if (result.status !== 0) {
    throw new Error(
      `code-server ${args.join(' ')} failed (${result.status ?? result.signal}):\n${result.stdout}\n${result.stderr}`,
    );
  }
}

/**
 * Temporary folders and code-server process groups still alive, so that a run stopped by a signal
 * (`timeout` in CI, Ctrl+C) leaves nothing behind: code-server runs in its own process group,
 * which a signal to the test's group does not reach. (Chromium exits by itself when its pipe to
 * this process closes.)
 */
const alive = new Map<string, number | undefined>();

function cleanUpNow(): void {
  for (const [dir, pid] of alive) {
    if (pid !== undefined) {
      try {
        process.kill(-pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }
    removeDir(dir);
  }
  alive.clear();
}

function removeDir(dir: string): void {
  try {
    // Stopped processes may still be writing for a moment: retry on ENOTEMPTY and the like.
    rmSync(dir, { recursive: true, force: true, maxRetries: 10, retryDelay: 100 });
  } catch (error) {
    console.error(`could not remove ${dir}: ${String(error)}`);
  }
}

process.on('exit', cleanUpNow);
for (const [name, number] of [
  ['SIGINT', 2],
  ['SIGTERM', 15],
  ['SIGHUP', 1],
] as const) {
  process.once(name, () => {
    cleanUpNow();
    process.exit(128 + number);
  });
}

export interface SessionOptions {
  /** Folder copied into a fresh temporary workspace (code-server may write to it). */
  readonly fixture: string;
  readonly vsix?: string;
}

/** One code-server with one browser page on its workbench; `close()` undoes everything. */
export class Session {
  /** The workspace-relative path last opened with openFile. */
  private activePath: string | undefined;

  private constructor(
    readonly page: Page,
    readonly workspace: string,
    private readonly browser: Browser,
    private readonly server: ChildProcess,
    private readonly tempDir: string,
    private readonly logFile: string,
  ) {}

  static async start(options: SessionOptions): Promise<Session> {
    const tempDir = mkdtempSync(join(tmpdir(), 'halint-e2e-'));
    alive.set(tempDir, undefined);
    let server: ChildProcess | undefined;
    let browser: Browser | undefined;
    const logFile = join(tempDir, 'code-server.log');
    try {
      const workspace = join(tempDir, 'workspace');
      cpSync(options.fixture, workspace, { recursive: true });
      const userData = join(tempDir, 'user-data');
      const extensions = join(tempDir, 'extensions');
      const config = join(tempDir, 'config.yaml');
      mkdirSync(join(userData, 'User'), { recursive: true });
      writeFileSync(join(userData, 'User', 'settings.json'), JSON.stringify(USER_SETTINGS));
      // --config keeps code-server from writing ~/.config/code-server/config.yaml.
      writeFileSync(config, 'auth: none\n');
      const common = ['--config', config, '--user-data-dir', userData];
      common.push('--extensions-dir', extensions);
      codeServerCli([...common, '--install-extension', options.vsix ?? VSIX]);

      const port = await freePort();
      const log = createWriteStream(logFile);
      server = spawn(
        process.execPath,
        [
          CODE_SERVER_ENTRY,
          ...common,
          '--auth',
          'none',
          '--bind-addr',
          `127.0.0.1:${port}`,
          '--disable-telemetry',
          '--disable-update-check',
          '--disable-workspace-trust',
          '--disable-getting-started-override',
          workspace,
        ],
        // Its own process group, so that closing kills the extension host and the language
        // server with it.
        { detached: true, stdio: ['ignore', 'pipe', 'pipe'] },
      );
      alive.set(tempDir, server.pid);
      server.stdout?.pipe(log);
      server.stderr?.pipe(log);
      const base = `http://127.0.0.1:${port}`;
      const running = server;
      await waitFor(
        'code-server to answer',
        async () => {
          if (running.exitCode !== null) {
            throw new Error(`code-server exited with ${running.exitCode}`);
          }
          return (await httpStatus(`${base}/healthz`)) === 200;
        },
        60_000,
        200,
      );

      browser = await launchChromium();
      const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
      const page = await context.newPage();
      await page.goto(`${base}/?folder=${encodeURIComponent(workspace)}`);
      await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
      return new Session(page, workspace, browser, server, tempDir, logFile);
    } catch (error) {
      await browser?.close().catch(() => undefined);
      if (server) await stopProcessGroup(server);
      const log = existsSync(logFile) ? readFileSync(logFile, 'utf8').slice(-4000) : '';
      removeDir(tempDir);
      alive.delete(tempDir);
      if (log) console.error(`code-server log (tail):\n${log}`);
      throw error;
    }
  }

  /** Stops the browser and code-server and removes the temporary folders. */
  async close(): Promise<void> {
    await this.browser.close().catch(() => undefined);
    await stopProcessGroup(this.server);
    removeDir(this.tempDir);
    alive.delete(this.tempDir);
  }

  /** The tail of code-server's log, for failure messages. */
  logTail(chars = 4000): string {
    return existsSync(this.logFile) ? readFileSync(this.logFile, 'utf8').slice(-chars) : '';
  }

  async screenshot(name: string): Promise<void> {
    mkdirSync(SCREENSHOTS, { recursive: true });
    await this.page.screenshot({ path: join(SCREENSHOTS, `${name}.png`) });
  }

  // ----- workbench helpers -------------------------------------------------------------------

  /** Closes whatever quick input, hover or suggestion widget is open. */
  async escape(): Promise<void> {
    await this.page.keyboard.press('Escape');
  }

  /**
   * Brings the workbench back to a plain editor after a step, whatever it left open (a menu, a
   * peek view, a quick input), so that a failed step does not make the next ones fail too.
   */
  async reset(): Promise<void> {
    for (let i = 0; i < 3; i++) await this.page.keyboard.press('Escape');
    if (await this.page.locator('.editor-group-container.active .monaco-editor').count()) {
      await this.page.keyboard.press('Control+1');
    }
  }

  /**
   * Opens `relativePath` (inside the workspace) with Quick Open and waits until it is active.
   * Returns the time at which the file was asked for (Date.now()), for timing what follows.
   */
  async openFile(relativePath: string): Promise<number> {
    const page = this.page;
    await this.focusEditorArea();
    await page.keyboard.press('Control+P');
    const input = page.locator('.quick-input-widget input');
    await input.waitFor({ state: 'visible' });
    await input.fill(relativePath);
    const parts = relativePath.split('/');
    const name = parts[parts.length - 1] ?? relativePath;
    const folder = parts.slice(0, -1).join('/');
    // The first row must be this very file: lb1 and lb2 hold files of the same name.
    await waitFor(`quick open to list ${relativePath}`, async () => {
      const first = page.locator('.quick-input-list .monaco-list-row').first();
      if (!(await first.isVisible())) return false;
      const label = (await first.getAttribute('aria-label')) ?? '';
      return label.includes(name) && label.includes(folder);
    });
    const opened = Date.now();
    await page.keyboard.press('Enter');
    await waitFor(`${relativePath} to be the active editor`, async () => {
      const crumbs = await page
        .locator('.editor-group-container.active .breadcrumbs-control')
        .innerText();
      const path = crumbs.replace(/\s+/g, ' ');
      return parts.every((part) => path.includes(part));
    });
    await this.waitForEditorFocus();
    this.activePath = relativePath;
    return opened;
  }

  private async focusEditorArea(): Promise<void> {
    // Quick open and most shortcuts need the focus inside the workbench, not on a closed widget.
    const quickInput = this.page.locator('.quick-input-widget');
    if (await quickInput.isVisible()) await this.escape();
  }

  async waitForEditorFocus(): Promise<void> {
    // Monaco marks the editor holding the keyboard focus with the class `focused`.
    await waitFor(
      'the editor to take the focus',
      async () => (await this.page.locator('.monaco-editor.focused').count()) > 0,
    );
  }

  /** The active editor's text area (for typing) and its view lines (for reading). */
  activeEditor(): Locator {
    return this.page.locator('.editor-group-container.active .monaco-editor').first();
  }

  /** The language shown in the status bar for the active editor. */
  async languageMode(): Promise<string> {
    return (await this.page.locator('[id="status.editor.mode"]').innerText()).trim();
  }

  /** Moves the cursor to a 1-based line and column with "Go to Line/Column" (Ctrl+G). */
  async goTo(line: number, column = 1): Promise<void> {
    const page = this.page;
    await page.keyboard.press('Control+G');
    const input = page.locator('.quick-input-widget input');
    await input.waitFor({ state: 'visible' });
    // The box opens holding ':'; without it the text would be a file search.
    await input.fill(`:${line}:${column}`);
    await page.keyboard.press('Enter');
    await waitFor(`the cursor at ${line}:${column}`, async () => {
      const text = await page.locator('[id="status.editor.selection"]').innerText();
      return text.includes(`Ln ${line}, Col ${column}`);
    });
  }

  /**
   * Moves the cursor onto the first occurrence of `text` in the active file (plus `offsetInText`
   * characters), through Go to Line/Column: exact, unlike clicking on rendered text.
   */
  async goToText(text: string, offsetInText = 0): Promise<{ line: number; column: number }> {
    const position = this.findText(text);
    await this.goTo(position.line, position.column + offsetInText);
    return { line: position.line, column: position.column + offsetInText };
  }

  /** 1-based line and column of the first `text` in the active file as saved. */
  findText(text: string): { line: number; column: number } {
    const content = this.documentText();
    const index = content.indexOf(text);
    if (index < 0) throw new Error(`'${text}' is not in the active document`);
    const before = content.slice(0, index).split('\n');
    return { line: before.length, column: (before[before.length - 1]?.length ?? 0) + 1 };
  }

  /**
   * The text of the active document as saved in the temporary workspace. Valid for files that have
   * not been edited in this session, which is how the tests use it.
   */
  documentText(): string {
    if (this.activePath === undefined) throw new Error('no file was opened with openFile');
    return readFileSync(join(this.workspace, this.activePath), 'utf8');
  }

  /** Runs a command from the F1 palette by its title. */
  async runCommand(title: string): Promise<void> {
    const page = this.page;
    await this.focusEditorArea();
    await page.keyboard.press('F1');
    const input = page.locator('.quick-input-widget input');
    await input.waitFor({ state: 'visible' });
    await input.fill(`>${title}`);
    await waitFor(`the command '${title}' in the palette`, async () => {
      const first = page.locator('.quick-input-list .monaco-list-row').first();
      if (!(await first.isVisible())) return false;
      return ((await first.getAttribute('aria-label')) ?? '').includes(title);
    });
    await page.keyboard.press('Enter');
  }

  /**
   * Opens the Problems panel (if it is not open) and returns its rows: the accessible label (file
   * rows say "N problems in file F of folder D"), the visible text and the finding's code.
   * The list is virtual: only rows in view exist, so the tests keep the findings few.
   */
  async problems(): Promise<{ label: string; text: string; code: string }[]> {
    const page = this.page;
    const panel = page.locator('.markers-panel');
    if (!(await panel.isVisible())) {
      await page.keyboard.press('Control+Shift+M');
      await panel.waitFor({ state: 'visible' });
      // Typing goes to the editor again, as the steps expect.
      await page.keyboard.press('Control+1');
      await this.waitForEditorFocus();
    }
    // One snapshot in the page, so that a re-render between rows cannot tear it. The function is
    // a string because the project's type checks have no DOM library.
    return page.evaluate<{ label: string; text: string; code: string }[]>(`
      Array.from(document.querySelectorAll('.markers-panel .monaco-list-row')).map((row) => ({
        label: row.getAttribute('aria-label') ?? '',
        text: (row.textContent ?? '').replace(/\\s+/g, ' '),
        code: (row.querySelector('.marker-code')?.textContent ?? '').trim(),
      }))`);
  }

  /** Reverts the active editor to the file on disk, dropping the test's unsaved edits. */
  async undoAll(): Promise<void> {
    await this.runCommand('File: Revert File');
    await waitFor('the editor to be clean', async () => {
      return !(await this.page.locator('.tab.active.dirty').isVisible());
    });
    await this.waitForEditorFocus();
  }

  /** The rendered text of the first visible line of the active editor containing `text`. */
  async lineText(text: string): Promise<string> {
    const lines = await this.activeEditor().locator('.view-line').allTextContents();
    // Monaco renders spaces as non-breaking spaces.
    const found = lines
      .map((line) => line.replace(/\u00a0/g, ' '))
      .find((line) => line.includes(text));
    if (found === undefined) throw new Error(`no visible line contains '${text}'`);
    return found;
  }

  /** Error/warning/info counts of the whole workspace from the status bar ("Errors: 3, …"). */
  async problemCounts(): Promise<{ errors: number; warnings: number; infos: number }> {
    const item = this.page.locator('[id="status.problems"]');
    const label = [
      (await item.getAttribute('aria-label')) ?? '',
      (await item
        .locator('[aria-label]')
        .first()
        .getAttribute('aria-label')
        .catch(() => '')) ?? '',
    ].join(' ');
    const count = (word: string): number =>
      Number(new RegExp(`${word}s?:\\s*(\\d+)`, 'i').exec(label)?.[1] ?? 0);
    return { errors: count('Error'), warnings: count('Warning'), infos: count('Info') };
  }

  /** Squiggles (error/warning/info decorations) currently drawn in the active editor. */
  async squiggleCount(): Promise<number> {
    return this.activeEditor()
      .locator('.squiggly-error, .squiggly-warning, .squiggly-info')
      .count();
  }

  /**
   * Shows the hover at the cursor (the "Show or Focus Hover" command) and returns its text and the
   * number of tables in it, once `expect` accepts them. A hover closes when the view re-renders
   * (code lenses arriving, for one), so a vanished hover is asked for again.
   */
  async hoverAtCursor(
    expect: (text: string, tables: number) => boolean,
  ): Promise<{ text: string; tables: number }> {
    const page = this.page;
    const show = async (): Promise<void> => {
      await page.keyboard.press('Control+K');
      await page.keyboard.press('Control+I');
    };
    await show();
    let hiddenSince = Date.now();
    return waitFor('the hover', async () => {
      const hover = page.locator('.monaco-hover:not(.hidden) .monaco-hover-content').first();
      if (!(await hover.isVisible())) {
        if (Date.now() - hiddenSince > 2_000) {
          await show();
          hiddenSince = Date.now();
        }
        return false;
      }
      hiddenSince = Date.now();
      const text = await hover.innerText();
      const tables = await hover.locator('table').count();
      return expect(text, tables) ? { text, tables } : false;
    });
  }

  /** Triggers completion (Ctrl+Space) at the cursor and returns the suggested labels. */
  async completionAtCursor(expect: (labels: string[]) => boolean): Promise<string[]> {
    const page = this.page;
    await page.keyboard.press('Control+Space');
    let hiddenSince = Date.now();
    return waitFor('the completion list', async () => {
      const widget = page.locator('.editor-widget.suggest-widget.visible');
      if (!(await widget.isVisible())) {
        // Like a hover, the list closes when the view re-renders under it: ask again.
        if (Date.now() - hiddenSince > 2_000) {
          await page.keyboard.press('Control+Space');
          hiddenSince = Date.now();
        }
        return false;
      }
      hiddenSince = Date.now();
      const rows = await widget.locator('.monaco-list-row .label-name').allTextContents();
      const labels = rows.map((label) => label.trim());
      return expect(labels) ? labels : false;
    });
  }

  /** Code lens titles drawn in the active editor. */
  async codeLenses(): Promise<string[]> {
    const lenses = await this.activeEditor().locator('.codelens-decoration').allTextContents();
    return lenses.map((lens) => lens.replace(/\u00a0/g, ' ').trim());
  }

  /** The line the cursor is on, from the status bar. */
  async cursorLine(): Promise<number> {
    const text = await this.page.locator('[id="status.editor.selection"]').innerText();
    return Number(/Ln (\d+)/.exec(text)?.[1] ?? 0);
  }

  /** The innermost frame of the first webview (VS Code nests the content in a second iframe). */
  async webviewFrame(): Promise<Frame> {
    return waitFor('the webview content', async () => {
      const outer = await this.page.locator('iframe.webview').first().elementHandle();
      const outerFrame = await outer?.contentFrame();
      if (!outerFrame) return false;
      const inner = await outerFrame.locator('iframe').first().elementHandle();
      const frame = await inner?.contentFrame();
      return frame ?? false;
    });
  }
}

/**
 * SIGTERM to the process group, then SIGKILL if code-server has not exited after five seconds.
 * The group is signalled even when code-server itself has exited: its extension host and the
 * language server may outlive it.
 */
async function stopProcessGroup(child: ChildProcess): Promise<void> {
  const pid = child.pid;
  if (pid === undefined) return;
  const signal = (name: NodeJS.Signals): void => {
    try {
      process.kill(-pid, name);
    } catch {
      // the whole group is gone already
    }
  };
  const exited =
    child.exitCode !== null || child.signalCode !== null
      ? Promise.resolve()
      : new Promise<void>((resolve) => child.once('exit', () => resolve()));
  signal('SIGTERM');
  const done = await Promise.race([exited.then(() => true), delay(5_000).then(() => false)]);
  if (!done) signal('SIGKILL');
  await delay(100);
  signal('SIGKILL');
}
