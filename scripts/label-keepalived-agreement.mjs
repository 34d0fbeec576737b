#!/usr/bin/env node
// Labels the keepalived agreement fixtures with what the real `keepalived -t` says about them, at
// 2.2 (Debian 12's 2.2.7, labels.json) or 2.3 (2.3.3 as scripts/install-newer-daemons.sh unpacks
// it, labels-2.3.json).
//
//   node scripts/label-keepalived-agreement.mjs            relabel every fixture, rewrite labels.json
//   node scripts/label-keepalived-agreement.mjs --version 2.3
//                                                            the same with 2.3.3, labels-2.3.json
//   node scripts/label-keepalived-agreement.mjs --print a.conf b.conf
//                                                            label only these files, print JSON to stdout
//   --netns NAME    network namespace to create (default halint_lbl); --keepalived PATH (default:
//   the daemon of --version); --timeout SECONDS per file (default 20).
//
// Needs root, iproute2 and the keepalived of that version. Each file is checked inside a fresh network namespace
// holding veth interfaces eth0..eth3 (and lo up), so the labels do not depend on the host's
// interfaces; the namespace is deleted at the end, also on failure.
//
// Output shape, per file (the same as the keepalived entries of ../shared/corpus/labels.json):
//   { exit, valid, valid_but_for_environment, messages: [{ line, message, environment }] }
// plus `crashed: true` when keepalived died on a signal (2.2.7 segfaults on some inputs) and
// `timed_out: true` when it had to be killed. `line` is 1-based, or null for the messages keepalived
// prints without a location (post-parse checks such as "(VI_1) the virtual router id must be set").
// Repeated lines (keepalived's parent and its VRRP/checker/BFD children each re-parse the file) are
// reported once.
import { readdirSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { requireDaemon, run, withNamespace } from './label-common.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const fixtureDir = join(root, 'test', 'fixtures', 'keepalived', 'agreement');

/** Where the labels of one Keepalived version are stored. */
export function labelsFileOf(version) {
  return join(fixtureDir, version === '2.2' ? 'labels.json' : `labels-${version}.json`);
}

/** Messages that depend on the machine keepalived ran on rather than on the configuration. */
const ENVIRONMENT_PATTERNS = [
  /\binterface \S+ .*doesn't exist/i,
  /non-existent interface/i,
  /\bcannot find (?:interface|ifindex)/i,
  /uid\/gid/i,
  /\buser '?[\w.-]+'? (?:not found|does not exist|doesn't exist)/i,
  /unable to (?:find|resolve) (?:script )?user/i,
  /\bpermission denied\b/i,
  /\b(?:not executable|not accessible|insecure|unsafe|world writable|writable by)\b/i,
  /\bno such file\b/i,
  /\bcannot (?:access|open|stat)\b/i,
];

export function isEnvironmentMessage(message) {
  return ENVIRONMENT_PATTERNS.some((pattern) => pattern.test(message));
}

const LOCATED = /^\((?:(.*?): )?Line (\d+)\) (.*)$/;

/** Turns keepalived's combined output into de-duplicated `{line, message, environment}` entries. */
export function parseOutput(output) {
  const seen = new Set();
  const messages = [];
  for (const raw of output.split(/\r?\n/)) {
    if (raw.trim() === '') continue;
    const match = LOCATED.exec(raw);
    const line = match ? Number(match[2]) : null;
    const message = match ? match[3] : raw.trimEnd();
    const key = `${line ?? ''}\u0000${message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    messages.push({ line, message, environment: isEnvironmentMessage(message) });
  }
  // Located first, in line order; unlocated ones keep the order keepalived printed them in.
  return messages
    .map((entry, index) => ({ entry, index }))
    .sort((a, b) => {
      const la = a.entry.line ?? Number.MAX_SAFE_INTEGER;
      const lb = b.entry.line ?? Number.MAX_SAFE_INTEGER;
      return la - lb || a.index - b.index;
    })
    .map(({ entry }) => entry);
}

/** Runs `keepalived -t` on one file inside the namespace and builds its label. */
export function labelFile(file, { netns, keepalived, timeoutSeconds }) {
  const result = run('ip', ['netns', 'exec', netns, keepalived, '-t', '-f', resolve(file)], {
    timeout: timeoutSeconds * 1000,
    killSignal: 'SIGKILL',
  });
  if (result.error && result.error.code !== 'ETIMEDOUT') throw result.error;
  const timedOut = result.error?.code === 'ETIMEDOUT';
  const signal = timedOut ? null : result.signal;
  // `ip netns exec` execs keepalived, so a crash shows as a signal; a shell would give 128 + n.
  const crashed = !timedOut && (signal !== null || (result.status ?? 0) > 128);
  const exit = result.status ?? (signal === 'SIGSEGV' ? 139 : timedOut ? -1 : 128);
  const messages = parseOutput(`${result.stdout ?? ''}\n${result.stderr ?? ''}`);
  const valid = exit === 0;
  const label = {
    exit,
    valid,
    valid_but_for_environment:
      !valid &&
      !crashed &&
      !timedOut &&
      messages.length > 0 &&
      messages.every((entry) => entry.environment),
    messages,
  };
  if (crashed) label.crashed = true;
  if (timedOut) label.timed_out = true;
  return label;
}

function parseArgs(argv) {
  const options = {
    print: false,
    version: '2.2',
    netns: 'halint_lbl',
    keepalived: undefined,
    timeoutSeconds: 20,
    files: [],
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--print') options.print = true;
    else if (arg === '--version') options.version = argv[++i];
    else if (arg === '--netns') options.netns = argv[++i];
    else if (arg === '--keepalived') options.keepalived = argv[++i];
    else if (arg === '--timeout') options.timeoutSeconds = Number(argv[++i]);
    else options.files.push(resolve(arg));
  }
  if (options.version !== '2.2' && options.version !== '2.3') {
    throw new Error(`--version must be 2.2 or 2.3, not ${options.version}`);
  }
  options.keepalived ??= requireDaemon(`keepalived-${options.version}`);
  return options;
}

function main() {
  const options = parseArgs(process.argv.slice(2));
  const files =
    options.files.length > 0
      ? options.files
      : readdirSync(fixtureDir)
          .filter((name) => name.endsWith('.conf'))
          .sort()
          .map((name) => join(fixtureDir, name));
  const labels = {};
  withNamespace(options.netns, 4, () => {
    for (const file of files) labels[basename(file)] = labelFile(file, options);
  });
  const json = `${JSON.stringify(labels, null, 2)}\n`;
  if (options.print) {
    process.stdout.write(json);
    return;
  }
  const labelsFile = labelsFileOf(options.version);
  writeFileSync(labelsFile, json);
  const rejected = Object.values(labels).filter((label) => !label.valid).length;
  const crashed = Object.values(labels).filter((label) => label.crashed).length;
  console.log(
    `labelled ${files.length} fixtures (${rejected} not exit 0, ${crashed} crashed) -> ${labelsFile}`,
  );
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
