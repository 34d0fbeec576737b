/**
 * Runs the in-editor checks (suite.ts) inside code-server's extension host, for machines that
 * cannot download VS Code but have code-server prepared (`npm run prepare:code-server`).
 *
 * code-server's command line rejects `--extensionDevelopmentPath` and `--extensionTestsPath`
 * ("Unknown option"), although the VS Code server inside it knows them. The web workbench,
 * however, reads both from the `payload` query parameter of its URL (that is how VS Code for the
 * Web opens an extension development window), and then starts the tests in the remote extension
 * host. So a headless Chromium opens that URL and reads the suite's lines, which the extension
 * host forwards to the page's console. The outcome comes from the suite's summary line: a remote
 * extension host exits with code 0 even when `run()` rejects (tried), so its exit only tells
 * that the run is over.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { projectRoot } from '../helpers/paths.js';

export const CODE_SERVER = join(
  projectRoot,
  '.cache',
  'code-server',
  'node_modules',
  '.bin',
  'code-server',
);
const CHROMIUM = '/usr/bin/chromium';
const START_TIMEOUT_MS = 30_000;
const RUN_TIMEOUT_MS = 180_000;

/** Why the suite cannot run in code-server here, or undefined when it can. */
export function codeServerMissing(): string | undefined {
  if (!existsSync(CODE_SERVER)) {
    return `code-server is not prepared in ${CODE_SERVER} (run npm run prepare:code-server)`;
  }
  if (!existsSync(CHROMIUM)) return `Chromium is not installed at ${CHROMIUM}`;
  return undefined;
}

/** Waits until `pattern` matches the text `read` returns, or throws after `ms`. */
async function waitForMatch(
  read: () => string,
  pattern: RegExp,
  ms: number,
  what: string,
): Promise<RegExpExecArray> {
  const deadline = Date.now() + ms;
  for (;;) {
    const match = pattern.exec(read());
    if (match) return match;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/**
 * Runs the bundled suite at `suite` against the extension in the project root, with `folder`
 * open; resolves to the number of failed checks.
 */
export async function runInCodeServer(suite: string, folder: string): Promise<number> {
  const scratch = mkdtempSync(join(tmpdir(), 'halint-code-server-'));
  const server = spawn(
    CODE_SERVER,
    [
      '--auth=none',
      // Port 0: the system picks a free one, read back from the log below.
      '--bind-addr=127.0.0.1:0',
      `--user-data-dir=${join(scratch, 'user-data')}`,
      `--extensions-dir=${join(scratch, 'extensions')}`,
      '--disable-telemetry',
      '--disable-update-check',
      '--disable-workspace-trust',
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let log = '';
  server.stdout.on('data', (chunk: Buffer) => (log += chunk.toString('utf8')));
  server.stderr.on('data', (chunk: Buffer) => (log += chunk.toString('utf8')));
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
  try {
    const [, origin] = await waitForMatch(
      () => log,
      /HTTP server listening on (http:\/\/127\.0\.0\.1:\d+)/,
      START_TIMEOUT_MS,
      'code-server to listen',
    );
    const remote = (path: string): string => `vscode-remote://${new URL(origin ?? '').host}${path}`;
    const payload = JSON.stringify([
      ['extensionDevelopmentPath', remote(projectRoot)],
      ['extensionTestsPath', remote(suite)],
    ]);
    const page = await browser.newPage();
    let output = '';
    // The suite prints one line per check and a summary; the extension host forwards them.
    page.on('console', (message) => {
      const line = /(?:^|\s)((?:not )?ok - .*|# checks: .*)$/.exec(message.text())?.[1];
      if (line === undefined) return;
      console.log(line);
      output += `${line}\n`;
    });
    await page.goto(
      `${origin}/?folder=${encodeURIComponent(folder)}&payload=${encodeURIComponent(payload)}`,
    );
    const [, failed] = await waitForMatch(
      () => (/Extension Host Process exited/.test(log) ? `${output}# checks: none\n` : output),
      /^# checks: (?:passed \d+, failed (\d+)|none)$/m,
      RUN_TIMEOUT_MS,
      'the summary of the checks',
    );
    if (failed === undefined) {
      throw new Error('the extension host ended without running the checks');
    }
    return Number(failed);
  } finally {
    await browser.close().catch(() => undefined);
    server.kill();
    rmSync(scratch, { recursive: true, force: true });
  }
}
