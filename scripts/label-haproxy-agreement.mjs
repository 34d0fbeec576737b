#!/usr/bin/env node
// Labels the HAProxy agreement fixtures with what the real `haproxy -c` says about them, at 2.6
// (Debian 12's /usr/sbin/haproxy, labels.json) or 3.0 (the copy scripts/install-newer-daemons.sh
// unpacks, labels-3.0.json).
//
//   node scripts/label-haproxy-agreement.mjs            relabel every fixture, rewrite labels.json
//   node scripts/label-haproxy-agreement.mjs --version 3.0
//                                                        the same with haproxy 3.0, labels-3.0.json
//   node scripts/label-haproxy-agreement.mjs --print a.cfg b.cfg
//                                                        label only these files, print JSON to stdout
//   --haproxy PATH (default: the daemon of --version); --timeout SECONDS per file (default 20);
//   --netns NAME: run haproxy in a network namespace of that name holding only loopback, created
//   here and deleted after (needs root), so that no name lookup leaves the machine.
//
// Each file is checked on its own, from the fixture folder, as `haproxy -c -f <name>`, so the
// messages name the bare file like the corpus labels do.
//
// Output shape, per file (the same as the haproxy entries of ../shared/corpus/labels.json):
//   { exit, valid, valid_but_for_environment, alerts: [{ line, message, environment }],
//     warnings: [{ line, message, environment }] }
// `message` is what haproxy printed after `[ALERT] (pid) : config : `, continuation lines
// (`   | ...`, quoted source, caret) left out. `line` is 1-based, or null when haproxy names no
// location in this file. `valid` is exit 0 or 2 (2: no error, but nothing to listen on);
// `valid_but_for_environment` is a rejection where every alert is about a missing file,
// certificate or Lua script, or a host name that does not resolve. The closing summary alerts
// ("Error(s) found in configuration file", "Fatal errors found in configuration.") are dropped.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { constants } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { requireDaemon, withNamespace } from './label-common.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const fixtureDir = join(root, 'test', 'fixtures', 'haproxy', 'agreement');

/** Where the labels of one HAProxy version are stored. */
export function labelsFileOf(version) {
  return join(fixtureDir, version === '2.6' ? 'labels.json' : `labels-${version}.json`);
}

/** Messages that depend on the machine haproxy ran on rather than on the configuration. */
const ENVIRONMENT_PATTERNS = [
  /unable to stat SSL certificate/i,
  /unable to load .*\.(?:crt|pem|key)\b/i,
  /couldn't open the ca-file/i,
  /'crt-list' : cannot open/i,
  /no such file or directory/i,
  /\bmissing config file\b/i,
  /\blua\b.*\b(?:cannot open|failed to load|no such file)/i,
  // a name, not a malformed number such as 10.0.0.300
  /could not resolve address '[^']*[a-z][^']*'/i,
  /\bcan't resolve\b|\bunable to resolve\b/i,
  /\bcannot open (?:file|the file)\b/i,
  // a resolvers section whose name server cannot be reached from where haproxy ran
  /can't connect socket for nameserver/i,
];

export function isEnvironmentMessage(message) {
  return ENVIRONMENT_PATTERNS.some((pattern) => pattern.test(message));
}

const HEADER = /^\[(ALERT|WARNING|NOTICE|DIAG)\]\s*\(\d+\)\s*:\s*(?:config\s*:\s*)?(.*)$/;
const FAILED_ADDRESSES = /^Failed to initialize server\(s\) addr\.$/;
const SUMMARY = /^(?:Error\(s\) found in configuration file|Fatal errors found in configuration)/;

function escapeRegExp(text) {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The first `file:line` of this file named by a message, in any of haproxy's location shapes. */
export function lineOf(message, file) {
  const name = escapeRegExp(file);
  const shapes = [
    new RegExp(`\\[${name}:(\\d+)\\]`), // parsing [f:3], Parsing [f:3], [f:3] : 'server be/s1'
    new RegExp(`\\(${name}:(\\d+)\\)`), // (f:1) inside post-parse messages
    new RegExp(`\\bat ${name}:(\\d+)`), // declared at f:9
  ];
  for (const shape of shapes) {
    const match = shape.exec(message);
    if (match) return Number(match[1]);
  }
  return null;
}

/** Splits haproxy's output into alert and warning entries. */
export function parseOutput(output, file) {
  const alerts = [];
  const warnings = [];
  for (const raw of output.split(/\r?\n/)) {
    const match = HEADER.exec(raw);
    if (!match) continue; // continuation lines, quoted source, caret, blank lines
    const [, level, rest] = match;
    const message = rest.trimEnd();
    if (level === 'ALERT') {
      if (SUMMARY.test(message)) continue;
      alerts.push({
        line: lineOf(message, file),
        message,
        environment: isEnvironmentMessage(message),
      });
    } else if (level === 'WARNING') {
      warnings.push({
        line: lineOf(message, file),
        message,
        environment: isEnvironmentMessage(message),
      });
    }
  }
  return { alerts, warnings };
}

function signalNumber(signal) {
  return signal ? constants.signals[signal] : undefined;
}

/** Runs `haproxy -c` on one file (inside `netns` when given) and builds its label. */
export function labelFile(file, { haproxy, timeoutSeconds, netns }) {
  if (!existsSync(file)) throw new Error(`no such fixture: ${file}`);
  const command = netns ? ['ip', 'netns', 'exec', netns, haproxy] : [haproxy];
  const result = spawnSync(command[0], [...command.slice(1), '-c', '-f', basename(file)], {
    cwd: dirname(resolve(file)),
    encoding: 'utf8',
    timeout: timeoutSeconds * 1000,
    killSignal: 'SIGKILL',
  });
  if (result.error && result.error.code !== 'ETIMEDOUT') throw result.error;
  const timedOut = result.error?.code === 'ETIMEDOUT';
  const exit = result.status ?? (timedOut ? -1 : 128 + (signalNumber(result.signal) ?? 0));
  const { alerts, warnings } = parseOutput(
    `${result.stdout ?? ''}\n${result.stderr ?? ''}`,
    basename(file),
  );
  // The summary haproxy adds after failed name resolutions follows the cause.
  const resolution = alerts.filter((alert) => FAILED_ADDRESSES.test(alert.message));
  if (
    resolution.length > 0 &&
    alerts.every((alert) => alert.environment || resolution.includes(alert))
  ) {
    for (const alert of resolution) alert.environment = true;
  }
  const valid = exit === 0 || exit === 2;
  const label = {
    exit,
    // 128 + n when haproxy died on signal n (2.6.12 crashes on a few inputs)
    valid,
    valid_but_for_environment:
      !valid && !timedOut && alerts.length > 0 && alerts.every((alert) => alert.environment),
    alerts,
    warnings,
  };
  if (timedOut) label.timed_out = true;
  return label;
}

function parseArgs(argv) {
  const options = {
    print: false,
    version: '2.6',
    haproxy: undefined,
    netns: undefined,
    timeoutSeconds: 20,
    files: [],
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--print') options.print = true;
    else if (arg === '--version') options.version = argv[++i];
    else if (arg === '--haproxy') options.haproxy = argv[++i];
    else if (arg === '--netns') options.netns = argv[++i];
    else if (arg === '--timeout') options.timeoutSeconds = Number(argv[++i]);
    else options.files.push(resolve(arg));
  }
  if (options.version !== '2.6' && options.version !== '3.0') {
    throw new Error(`--version must be 2.6 or 3.0, not ${options.version}`);
  }
  options.haproxy ??= requireDaemon(`haproxy-${options.version}`);
  return options;
}

function main() {
  const options = parseArgs(process.argv.slice(2));
  const files =
    options.files.length > 0
      ? options.files
      : readdirSync(fixtureDir)
          .filter((name) => name.endsWith('.cfg'))
          .sort()
          .map((name) => join(fixtureDir, name));
  const labels = {};
  withNamespace(options.netns, 0, () => {
    for (const file of files) labels[basename(file)] = labelFile(file, options);
  });
  const json = `${JSON.stringify(labels, null, 2)}\n`;
  if (options.print) {
    process.stdout.write(json);
    return;
  }
  const labelsFile = labelsFileOf(options.version);
  writeFileSync(labelsFile, json);
  const all = Object.values(labels);
  const rejected = all.filter((label) => !label.valid && !label.valid_but_for_environment).length;
  console.log(
    `labelled ${files.length} fixtures (${all.length - rejected} accepted, ${rejected} rejected) -> ${labelsFile}`,
  );
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
