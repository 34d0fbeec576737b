/**
 * `npm run test:vscode`: builds the extension and the in-editor checks (suite.ts), then runs them
 * in a real VS Code through `@vscode/test-electron`. Not part of `npm test`: it needs VS Code,
 * which is downloaded on first use into `.cache/vscode-test/` (or taken from `VSCODE_EXECUTABLE`),
 * and a display (on a headless Linux machine run it under `xvfb-run -a`).
 *
 * Without network access and without a cached or given VS Code it stops within seconds with a
 * message saying so, rather than waiting on a download that cannot happen.
 *
 * `npm run test:vscode -- --code-server` runs the same checks in the code-server that
 * `npm run prepare:code-server` installs into `.cache/code-server/` instead (see code-server.ts).
 *
 * Environment: `VSCODE_EXECUTABLE` (an installed VS Code binary), `VSCODE_VERSION` (version to
 * download, default `stable`).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { runTests } from '@vscode/test-electron';
import * as esbuild from 'esbuild';
import { projectRoot } from '../helpers/paths.js';
import { codeServerMissing, runInCodeServer } from './code-server.js';

const CACHE = join(projectRoot, '.cache', 'vscode-test');
const SUITE = join(CACHE, 'suite', 'index.cjs');
/** The endpoint @vscode/test-electron asks first for what to download. */
const UPDATE_SERVER = 'https://update.code.visualstudio.com/api/releases/stable';
const PROBE_TIMEOUT_MS = 8_000;

function fail(message: string): never {
  console.error(`test:vscode: ${message}`);
  process.exit(1);
}

/** A VS Code already downloaded by an earlier run. */
function cachedInstall(): boolean {
  return existsSync(CACHE) && readdirSync(CACHE).some((name) => name.startsWith('vscode-'));
}

async function reachable(url: string): Promise<string | undefined> {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(PROBE_TIMEOUT_MS) });
    return response.ok ? undefined : `HTTP ${response.status}`;
  } catch (error) {
    return error instanceof Error
      ? ((error.cause as Error | undefined)?.message ?? error.message)
      : String(error);
  }
}

/** Builds the extension bundles and the suite. */
async function build(): Promise<void> {
  const bundles = spawnSync(process.execPath, ['scripts/build.mjs'], {
    cwd: projectRoot,
    stdio: 'inherit',
  });
  if (bundles.status !== 0) fail('node scripts/build.mjs failed.');
  await esbuild.build({
    entryPoints: [join(projectRoot, 'test', 'vscode', 'suite.ts')],
    outfile: SUITE,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['vscode'],
    logLevel: 'warning',
  });
}

async function inCodeServer(): Promise<void> {
  const missing = codeServerMissing();
  if (missing !== undefined) fail(missing);
  await build();
  const failed = await runInCodeServer(SUITE, join(projectRoot, 'examples')).catch(
    (error: unknown) => fail(`code-server did not run the checks: ${String(error)}`),
  );
  if (failed > 0) fail(`${failed} check(s) failed in code-server.`);
  console.log('test:vscode: all checks passed in code-server.');
}

async function main(): Promise<void> {
  if (process.argv.includes('--code-server')) return inCodeServer();
  const executable = process.env.VSCODE_EXECUTABLE;
  if (executable !== undefined && !existsSync(executable)) {
    fail(`VSCODE_EXECUTABLE=${executable} does not exist.`);
  }
  if (executable === undefined && !cachedInstall()) {
    const problem = await reachable(UPDATE_SERVER);
    if (problem !== undefined) {
      fail(
        `VS Code cannot be downloaded (${UPDATE_SERVER}: ${problem}) and none is cached in ` +
          `${CACHE}. Run this on a machine with internet access, or set VSCODE_EXECUTABLE to an ` +
          'installed VS Code binary, or use `npm run test:vscode -- --code-server` where ' +
          'npm run prepare:code-server has installed code-server.',
      );
    }
  }

  await build();
  try {
    await runTests({
      ...(executable !== undefined
        ? { vscodeExecutablePath: executable }
        : { version: process.env.VSCODE_VERSION ?? 'stable', cachePath: CACHE }),
      // An idle timeout: a stalled download fails instead of hanging.
      timeout: 30_000,
      extensionDevelopmentPath: projectRoot,
      extensionTestsPath: SUITE,
      launchArgs: [
        join(projectRoot, 'examples'),
        '--disable-extensions',
        '--disable-workspace-trust',
        '--skip-welcome',
        '--skip-release-notes',
        `--user-data-dir=${join(CACHE, 'user-data')}`,
      ],
    });
  } catch (error) {
    fail(`the checks failed or VS Code did not run: ${String(error)}`);
  }
}

// `npm test` runs every compiled file under out/test/ with `node --test`, which marks its child
// processes with NODE_TEST_CONTEXT; this script must only act when started on purpose.
if (process.env.NODE_TEST_CONTEXT === undefined) await main();
