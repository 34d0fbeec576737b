// `npm start`: the extension in a real VS Code in the browser, on the demo workspace.
// Builds and packages the .vsix, prepares code-server once (cached in .cache/code-server), installs
// the .vsix into a profile under .cache/start/ and serves code-server on http://127.0.0.1:8080
// opened on a temporary copy of demo/ (code-server auto-saves; the repository's demo files stay
// as they are).
//
//   npm start                      serve on 127.0.0.1:8080 (or --port N, or PORT=N)
//   npm start -- --install         install the .vsix into the `code` on the PATH instead
//   npm start -- --cli             build and run halint over examples/ (also: npm run start:cli)
import { spawn, spawnSync } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { get } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import process from 'node:process';
import { setTimeout as delay } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const args = process.argv.slice(2);
const vsix = join(root, 'haproxy-keepalived.vsix');

const run = (command, commandArgs, options = {}) => {
  const result = spawnSync(command, commandArgs, { cwd: root, stdio: 'inherit', ...options });
  if (result.error) {
    console.error(`start: cannot run ${command}: ${result.error.message}`);
    process.exit(1);
  }
  if (result.status !== 0) process.exit(result.status ?? 1);
};

function packageVsix() {
  if (pkg.scripts?.package) {
    run('npm', ['run', '--silent', 'package']);
  } else {
    // Until the project has its own packaging script: the same bundle, packaged as it is.
    run('npm', ['run', '--silent', 'build']);
    run('npx', ['vsce', 'package', '--no-dependencies', '-o', vsix]);
  }
  if (!existsSync(vsix)) {
    console.error(`start: packaging did not produce ${vsix}`);
    process.exit(1);
  }
}

function portFromArguments() {
  const index = args.indexOf('--port');
  const text = index >= 0 ? args[index + 1] : process.env.PORT;
  if (text === undefined || text === '') return 8080;
  const port = Number(text);
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    console.error(`start: not a port number: ${text}`);
    process.exit(2);
  }
  return port;
}

if (args.includes('--cli')) {
  run('npm', ['run', '--silent', 'build']);
  const result = spawnSync(process.execPath, ['dist/cli.cjs', 'examples/'], {
    cwd: root,
    stdio: 'inherit',
  });
  process.exit(result.status ?? 1);
}

if (args.includes('--install')) {
  const code = spawnSync('sh', ['-c', 'command -v code'], { encoding: 'utf8' }).stdout.trim();
  if (!code) {
    console.error(
      'start: there is no `code` command on the PATH. Install VS Code and its shell command\n' +
        '  (in VS Code: F1 > "Shell Command: Install \'code\' command in PATH"), or run\n' +
        '  `npm start` without --install to use the editor in the browser.',
    );
    process.exit(2);
  }
  packageVsix();
  run(code, ['--install-extension', vsix, '--force']);
  console.log('start: installed; reload VS Code windows to use the new version.');
  process.exit(0);
}

const port = portFromArguments();
packageVsix();
run(process.execPath, ['scripts/prepare-code-server.mjs', '--server-only']);
const { codeServerEntry } = await import('./prepare-code-server.mjs');

const profile = join(root, '.cache', 'start');
const userData = join(profile, 'user-data');
const extensions = join(profile, 'extensions');
const config = join(profile, 'config.yaml');
mkdirSync(join(userData, 'User'), { recursive: true });
const settings = join(userData, 'User', 'settings.json');
// A first start only: later changes made in the editor are the user's to keep.
if (!existsSync(settings)) {
  writeFileSync(
    settings,
    JSON.stringify(
      {
        'workbench.startupEditor': 'none',
        'security.workspace.trust.enabled': false,
        'telemetry.telemetryLevel': 'off',
      },
      null,
      2,
    ) + '\n',
  );
}
// --config keeps code-server from writing ~/.config/code-server/config.yaml.
writeFileSync(config, 'auth: none\n');
const common = ['--config', config, '--user-data-dir', userData, '--extensions-dir', extensions];
run(process.execPath, [codeServerEntry, ...common, '--install-extension', vsix, '--force'], {
  stdio: ['ignore', 'ignore', 'inherit'],
});

const workspaceRoot = mkdtempSync(join(tmpdir(), 'halint-demo-'));
const workspace = join(workspaceRoot, 'demo');
cpSync(join(root, 'demo'), workspace, { recursive: true });

const server = spawn(
  process.execPath,
  [
    codeServerEntry,
    ...common,
    '--auth',
    'none',
    '--bind-addr',
    `127.0.0.1:${port}`,
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    workspace,
  ],
  { cwd: root, stdio: ['ignore', 'ignore', 'inherit'], detached: true },
);

let stopping = false;
const stop = (status) => {
  if (stopping) return;
  stopping = true;
  try {
    // The whole group: the extension host and the language server too.
    process.kill(-server.pid, 'SIGTERM');
  } catch {
    // already gone
  }
  rmSync(workspaceRoot, { recursive: true, force: true });
  process.exit(status);
};
process.on('SIGINT', () => stop(0));
process.on('SIGTERM', () => stop(0));
server.on('exit', (code) => {
  if (!stopping) console.error(`start: code-server stopped (status ${code})`);
  stop(code ?? 1);
});

const answers = () =>
  new Promise((resolve) => {
    get(`http://127.0.0.1:${port}/healthz`, (res) => {
      res.resume();
      resolve(res.statusCode === 200);
    }).on('error', () => resolve(false));
  });
// The address is printed once it answers, so that opening it right away works.
while (!(await answers())) {
  if (stopping) break;
  await delay(200);
}

console.log(`
  HAProxy + Keepalived in VS Code: http://127.0.0.1:${port}/
  workspace: a copy of demo/ in ${workspace}
  press Ctrl+C to stop
`);
