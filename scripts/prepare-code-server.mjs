// Installs code-server (a real VS Code served to a browser) into .cache/code-server/ for the
// end-to-end suite and `npm start`. VS Code's own test runner downloads VS Code at run time, which
// these machines cannot do; code-server comes from the npm registry. Its install script downloads
// ripgrep from GitHub and fails offline, so the install runs with --ignore-scripts and this script
// does by hand what the install script would: rebuild the native modules, use Debian's `rg`, and
// create the links the packaged layout expects. 4.100.3 (VS Code 1.100) is the last release that
// runs on Node 20.
//
// Usage: node scripts/prepare-code-server.mjs [--server-only]
//   --server-only  do not require Chromium (`npm start` serves the editor to the user's browser).
// Exit status: 0 ready, 1 a step failed, 2 system packages are missing and cannot be installed here.
import { spawnSync } from 'node:child_process';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
  chmodSync,
  lstatSync,
} from 'node:fs';
import { join } from 'node:path';
import process from 'node:process';
import { fileURLToPath } from 'node:url';

export const CODE_SERVER_VERSION = '4.100.3';
const root = fileURLToPath(new URL('..', import.meta.url));
export const codeServerDir = join(root, '.cache', 'code-server');
export const codeServerEntry = join(
  codeServerDir,
  'node_modules',
  'code-server',
  'out',
  'node',
  'entry.js',
);
const marker = join(codeServerDir, '.prepared');
// Native modules are built for one Node ABI: a different Node major must rebuild them.
const markerText = `code-server ${CODE_SERVER_VERSION} node ${process.versions.modules}\n`;

const log = (message) => console.log(`prepare-code-server: ${message}`);

function which(command) {
  return spawnSync('sh', ['-c', `command -v ${command}`], { encoding: 'utf8' }).stdout.trim();
}

/** Debian packages the preparation (and, without --server-only, the e2e suite) needs. */
function missingPackages(serverOnly, buildTools) {
  const missing = [];
  if (!buildTools) {
    // A prepared copy needs no compiler any more; the suite still needs the browser.
    if (!serverOnly && !existsSync('/usr/bin/chromium')) missing.push('chromium');
    return missing;
  }
  if (!which('make') || !which('g++')) missing.push('build-essential');
  if (!which('python3')) missing.push('python3');
  // kerberos compiles against the MIT Kerberos headers.
  if (!existsSync('/usr/include/krb5.h') && !existsSync('/usr/include/krb5/krb5.h')) {
    missing.push('libkrb5-dev');
  }
  if (!which('rg')) missing.push('ripgrep');
  if (!serverOnly && !existsSync('/usr/bin/chromium')) missing.push('chromium');
  return missing;
}

function run(command, args, cwd, extraEnv = {}) {
  const started = Date.now();
  const result = spawnSync(command, args, {
    cwd,
    stdio: ['ignore', 'inherit', 'inherit'],
    env: { ...process.env, ...extraEnv },
  });
  if (result.status !== 0) {
    console.error(
      `prepare-code-server: \`${command} ${args.join(' ')}\` failed in ${cwd} (status ${result.status ?? result.signal})`,
    );
    process.exit(1);
  }
  log(`${command} ${args.join(' ')} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
}

/** Replaces whatever is at `path` with a symbolic link to `target`. */
function link(target, path) {
  try {
    lstatSync(path);
    rmSync(path, { recursive: true, force: true });
  } catch {
    // nothing there yet
  }
  symlinkSync(target, path);
}

function ensureSystemPackages(serverOnly, buildTools) {
  let missing = missingPackages(serverOnly, buildTools);
  if (missing.length === 0) return;
  const debian = existsSync('/etc/debian_version');
  const isRoot = process.getuid?.() === 0;
  if (!debian || !isRoot) {
    console.error(
      `prepare-code-server: missing system packages: ${missing.join(' ')}\n` +
        `  install them, e.g. on Debian/Ubuntu: sudo apt-get update && sudo apt-get install -y ${missing.join(' ')}`,
    );
    process.exit(2);
  }
  log(`installing ${missing.join(' ')} with apt-get`);
  run('apt-get', ['update', '-qq'], '/');
  run('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...missing], '/', {
    DEBIAN_FRONTEND: 'noninteractive',
  });
  missing = missingPackages(serverOnly, buildTools);
  if (missing.length > 0) {
    console.error(`prepare-code-server: still missing after apt-get: ${missing.join(' ')}`);
    process.exit(2);
  }
}

export function isPrepared() {
  return (
    existsSync(codeServerEntry) && existsSync(marker) && readFileSync(marker, 'utf8') === markerText
  );
}

function prepare() {
  const started = Date.now();
  const quiet = ['--no-audit', '--no-fund', '--loglevel=error'];
  // A half-finished earlier attempt is not trusted: start from an empty folder.
  rmSync(codeServerDir, { recursive: true, force: true });
  mkdirSync(codeServerDir, { recursive: true });
  writeFileSync(
    join(codeServerDir, 'package.json'),
    JSON.stringify(
      {
        name: 'halint-code-server',
        private: true,
        description:
          'code-server for the end-to-end tests; made by scripts/prepare-code-server.mjs',
        dependencies: { 'code-server': CODE_SERVER_VERSION },
      },
      null,
      2,
    ) + '\n',
  );
  run('npm', ['install', '--ignore-scripts', ...quiet], codeServerDir);
  run('npm', ['rebuild', 'argon2', ...quiet], codeServerDir);

  const vscodeDir = join(codeServerDir, 'node_modules', 'code-server', 'lib', 'vscode');
  run('npm', ['install', '--omit=dev', '--ignore-scripts', ...quiet], vscodeDir);
  // node-pty's build runs `npx node-gyp`, which would stop to ask before installing it.
  run('npm', ['rebuild', 'kerberos', 'node-pty', '@vscode/spdlog', ...quiet], vscodeDir, {
    npm_config_yes: 'true',
  });

  // The ripgrep package's install script downloads rg from GitHub; Debian's is the same program.
  const rgDir = join(vscodeDir, 'node_modules', '@vscode', 'ripgrep', 'bin');
  mkdirSync(rgDir, { recursive: true });
  copyFileSync(which('rg'), join(rgDir, 'rg'));
  chmodSync(join(rgDir, 'rg'), 0o755);

  // Links the release packaging would have made.
  link('node_modules', join(vscodeDir, 'node_modules.asar'));
  link('code-linux.sh', join(vscodeDir, 'bin', 'remote-cli', 'code-server'));
  link('browser-linux.sh', join(vscodeDir, 'bin', 'helpers', 'browser.sh'));

  run(
    'npm',
    ['install', '--omit=dev', '--ignore-scripts', ...quiet],
    join(vscodeDir, 'extensions'),
  );

  writeFileSync(marker, markerText);
  log(`ready in ${((Date.now() - started) / 1000).toFixed(0)} s: ${codeServerEntry}`);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const serverOnly = process.argv.includes('--server-only');
  const cached = isPrepared();
  ensureSystemPackages(serverOnly, !cached);
  if (cached) {
    log(`code-server ${CODE_SERVER_VERSION} is ready (cached in .cache/code-server)`);
  } else {
    prepare();
  }
}
