#!/usr/bin/env node
// Labels the real-world corpus (../shared/corpus/real-world/{haproxy,keepalived}/) with what one
// daemon build says of each file, in the shape of the corpus's own labels.json (which holds the
// 2.6.12 / 2.2.7 labels): { "<lang>/<file>": { source, exit, messages: [{ line, kind, message,
// cascade? }] } }. Only our labels are written; the corpus files stay where they are.
//
//   node scripts/label-real-world.mjs --daemon haproxy-3.0     -> test/fixtures/real-world-labels-3.0.json
//   node scripts/label-real-world.mjs --daemon keepalived-2.3  -> test/fixtures/real-world-labels-2.3.json
//   --daemon haproxy-2.6 | keepalived-2.2: the system's builds, for checking this script against the
//   corpus's labels.json (with --print: JSON to stdout instead of the file);
//   --corpus DIR (default ../shared/corpus/real-world); --timeout SECONDS per file (default 20).
//
// Needs root and iproute2. Every run happens in a network namespace created here and deleted
// after (also on failure), so nothing reaches the host's network:
// - haproxy: a namespace holding only loopback, so host names do not resolve (`env`). What a
//   missing file or name hides (haproxy skips its post-parse checks after a failed parse) is then
//   asked in a second run: the unresolved names mapped to 127.0.0.1 through the namespace's own
//   hosts file (/etc/netns/NAME/hosts, which `ip netns exec` mounts over /etc/hosts), the lines
//   with a missing file commented out in a temporary copy, and the missing newline at the end of
//   the file (which stops haproxy before its post-parse checks) added. Its new messages are added,
//   except those on commented-out lines and the missing `bind` a commented-out bind line causes.
//   `exit` is the first run's.
// - keepalived: a namespace holding eth0..eth3 and every other interface keepalived says is
//   missing (it is run again with them until it names no new one), as the corpus labels were made.
//
// kind: `error` (an HAProxy ALERT; a Keepalived message saying it refuses or drops what was
// written), `warning` (an HAProxy WARNING; Keepalived advice: it says what it does instead and
// runs) or `env` (about the host: a missing file, certificate, Lua script, user or interface, a
// name that does not resolve, scripts that cannot run here). `cascade: true` marks the HAProxy
// alerts about lines haproxy refuses only because their section line failed.
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { daemonPath, root, run, withNamespace } from './label-common.mjs';
import { labelFile as labelHaproxy } from './label-haproxy-agreement.mjs';
import { labelFile as labelKeepalived } from './label-keepalived-agreement.mjs';

/** HAProxy alerts about the host beyond the fixture labeller's list. */
const HAPROXY_ENVIRONMENT = [
  /\berror opening file\b/i,
  /\bfailed to open pattern file\b/i,
  /\berror in Lua file\b/i,
  /Can't open (?:global )?server state file/i,
];

/**
 * An alert haproxy gives for a keyword of a proxy whose section line it refused: that proxy was
 * never created, so every later keyword of the section is refused the same way.
 */
const HAPROXY_CASCADE = /^parsing \[[^\]]+\] : '[^']+' or '[^']+' expected\.$/;

/** Turns a fixture-style haproxy label into real-world messages. */
export function haproxyMessages(label) {
  const environment = (entry) =>
    entry.environment || HAPROXY_ENVIRONMENT.some((pattern) => pattern.test(entry.message));
  const luaMissing = label.alerts.some(
    (alert) => environment(alert) && /error in Lua file/.test(alert.message),
  );
  const messages = [];
  let errorSeen = false;
  for (const alert of label.alerts) {
    // A Lua name called unknown while the Lua file that registers it failed to load.
    const luaName =
      luaMissing && /'lua\.[^']*'/.test(alert.message) && /unknown/.test(alert.message);
    if (environment(alert) || luaName) {
      messages.push({ line: alert.line, kind: 'env', message: alert.message });
      continue;
    }
    const entry = { line: alert.line, kind: 'error', message: alert.message };
    if (errorSeen && HAPROXY_CASCADE.test(alert.message)) entry.cascade = true;
    errorSeen = true;
    messages.push(entry);
  }
  for (const warning of label.warnings) {
    messages.push({
      line: warning.line,
      kind: environment(warning) ? 'env' : 'warning',
      message: warning.message,
    });
  }
  return messages;
}

/** Keepalived messages about the host beyond the fixture labeller's list. */
const KEEPALIVED_ENVIRONMENT = [
  /^SECURITY VIOLATION\b/,
  /\bscript uid\/gid\b/i,
  /^Disabling track script \S+ since not found\/accessible/,
];

/** Keepalived advice: it says what it does instead and runs as the file intends. */
const KEEPALIVED_WARNING = [
  /deprecated/i,
  /^\s+Please use\b/,
  /^(?:\(\S+\)\s*)?Warning\b/i,
  /^Truncating auth_pass\b/,
  /probably (?:isn't|is not|not) what you want/i,
  /\bNo VIP specified; at least one is sensible\b/,
  /\bIgnoring track_interface \S+ since own interface\b/,
  /\bDefaulting to multicast\b/,
];

/** Turns a fixture-style keepalived label into real-world messages. */
export function keepalivedMessages(label) {
  const environment = (entry) =>
    entry.environment || KEEPALIVED_ENVIRONMENT.some((pattern) => pattern.test(entry.message));
  // A track_script reference to a script keepalived dropped because it cannot run it here.
  const droppedScripts = label.messages.some(
    (entry) => environment(entry) && /script/i.test(entry.message),
  );
  return label.messages.map((entry) => {
    const scriptGone = droppedScripts && /track script \S+ not found, ignoring/.test(entry.message);
    const kind =
      environment(entry) || scriptGone
        ? 'env'
        : KEEPALIVED_WARNING.some((pattern) => pattern.test(entry.message))
          ? 'warning'
          : 'error';
    return { line: entry.line, kind, message: entry.message };
  });
}

/** The quoted host names haproxy could not resolve (not malformed numbers such as 10.0.0.300). */
function unresolvedNames(label) {
  const names = new Set();
  for (const entry of [...label.alerts, ...label.warnings]) {
    const match = /could not resolve address '([^']*[a-z][^']*)'/i.exec(entry.message);
    if (match) names.add(match[1]);
  }
  return [...names];
}

/** The two runs of one HAProxy file described at the top, merged into one label. */
function labelHaproxyFile(file, options) {
  const merged = labelHaproxy(file, options);
  const names = new Set();
  const commented = new Set();
  let missingNewline = false;
  const known = new Set();
  const remember = (entry) => known.add(`${entry.line}\u0000${entry.message}`);
  [...merged.alerts, ...merged.warnings].forEach(remember);
  const lines = readFileSync(file, 'utf8').split('\n');
  const copyDir = mkdtempSync(join(tmpdir(), 'halint-rw-'));
  const hostsDir = join('/etc/netns', options.netns);
  try {
    // Each run may uncover more of the same (a name behind the missing newline); three suffice.
    for (let round = 0; round < 3; round++) {
      const before = `${[...names]}|${[...commented]}|${missingNewline}`;
      for (const name of unresolvedNames(merged)) names.add(name);
      for (const alert of merged.alerts) {
        if (/Missing LF on last line/.test(alert.message)) missingNewline = true;
        if (!alert.environment || alert.line === null) continue;
        if (!/could not resolve address/i.test(alert.message)) commented.add(alert.line);
      }
      if (`${[...names]}|${[...commented]}|${missingNewline}` === before) break;
      const text = lines.map((line, index) => (commented.has(index + 1) ? `#${line}` : line));
      const copy = join(copyDir, basename(file));
      writeFileSync(copy, `${text.join('\n')}${missingNewline ? '\n' : ''}`);
      mkdirSync(hostsDir, { recursive: true });
      const mapped = [...names].map((name) => `127.0.0.1 ${name}\n`).join('');
      writeFileSync(join(hostsDir, 'hosts'), `127.0.0.1 localhost\n::1 localhost\n${mapped}`);
      const next = labelHaproxy(copy, options);
      const bindCommented = [...commented].some((line) => /^\s*bind\b/.test(lines[line - 1] ?? ''));
      const fresh = (entry) =>
        !known.has(`${entry.line}\u0000${entry.message}`) &&
        !commented.has(entry.line) &&
        !(bindCommented && /has no 'bind' directive/.test(entry.message));
      const newAlerts = next.alerts.filter(fresh);
      const newWarnings = next.warnings.filter(fresh);
      [...newAlerts, ...newWarnings].forEach(remember);
      merged.alerts.push(...newAlerts);
      merged.warnings.push(...newWarnings);
    }
    return merged;
  } finally {
    rmSync(copyDir, { recursive: true, force: true });
    rmSync(hostsDir, { recursive: true, force: true });
  }
}

/** Interfaces keepalived says do not exist. */
function missingInterfaces(label) {
  const names = new Set();
  for (const entry of label.messages) {
    const match = /\binterface (\S+) (?:for .*? )?doesn't exist/.exec(entry.message);
    if (match) names.add(match[1]);
  }
  return names;
}

/** keepalived -t in a namespace holding eth0..eth3 plus every interface it named missing. */
function labelKeepalivedFile(file, options) {
  const extra = new Set();
  for (let round = 0; ; round++) {
    const label = withNamespace(options.netns, 4, () => {
      [...extra].forEach((name, index) => {
        const link = ['link', 'add', name, 'type', 'veth', 'peer', 'name', `q${index}`];
        const result = run('ip', ['netns', 'exec', options.netns, 'ip', ...link]);
        if (result.status !== 0) throw new Error(`cannot create ${name}: ${result.stderr}`);
      });
      return labelKeepalived(file, options);
    });
    const missing = [...missingInterfaces(label)].filter((name) => !extra.has(name));
    if (missing.length === 0 || round === 3) return label;
    for (const name of missing) extra.add(name);
  }
}

function parseArgs(argv) {
  const options = {
    daemon: undefined,
    print: false,
    corpus: join(root, '..', 'shared', 'corpus', 'real-world'),
    timeoutSeconds: 20,
    netns: `halint_rw${process.pid}`,
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--daemon') options.daemon = argv[++i];
    else if (arg === '--print') options.print = true;
    else if (arg === '--corpus') options.corpus = argv[++i];
    else if (arg === '--timeout') options.timeoutSeconds = Number(argv[++i]);
    else if (arg === '--netns') options.netns = argv[++i];
    else throw new Error(`unknown argument ${arg}`);
  }
  const known = ['haproxy-2.6', 'haproxy-3.0', 'keepalived-2.2', 'keepalived-2.3'];
  if (!known.includes(options.daemon)) throw new Error(`--daemon must be one of ${known}`);
  return options;
}

function main() {
  const options = parseArgs(process.argv.slice(2));
  const [language, version] = options.daemon.split('-');
  const path = daemonPath(options.daemon);
  if (path === undefined) throw new Error(`${options.daemon} is not available here`);
  const corpusLabels = JSON.parse(readFileSync(join(options.corpus, 'labels.json'), 'utf8'));
  const dir = join(options.corpus, language);
  const names = readdirSync(dir).sort();
  const labels = {};
  const common = { netns: options.netns, timeoutSeconds: options.timeoutSeconds };
  const labelOne = (file) =>
    language === 'haproxy'
      ? labelHaproxyFile(file, { ...common, haproxy: path })
      : labelKeepalivedFile(file, { ...common, keepalived: path });
  const runAll = () => {
    for (const name of names) {
      const key = `${language}/${name}`;
      const label = labelOne(join(dir, name));
      labels[key] = {
        source: corpusLabels[key]?.source ?? null,
        exit: label.exit,
        messages: language === 'haproxy' ? haproxyMessages(label) : keepalivedMessages(label),
        ...(label.crashed ? { crashed: true } : {}),
        ...(label.timed_out ? { timed_out: true } : {}),
      };
    }
  };
  // keepalived gets a namespace per file (its interfaces differ); haproxy shares one.
  if (language === 'haproxy') withNamespace(options.netns, 0, runAll);
  else runAll();
  const json = `${JSON.stringify(labels, null, 2)}\n`;
  if (options.print) {
    process.stdout.write(json);
    return;
  }
  const out = join(root, 'test', 'fixtures', `real-world-labels-${version}.json`);
  writeFileSync(out, json);
  const rejected = Object.values(labels).filter((label) =>
    label.messages.some((message) => message.kind === 'error'),
  ).length;
  console.log(`labelled ${names.length} ${language} configs (${rejected} with errors) -> ${out}`);
}

main();
