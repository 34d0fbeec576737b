/**
 * Placing a daemon's findings in the files it checked: the file it names (after path mapping), the
 * line it names, and on that line the keyword or argument the message quotes, else the whole line.
 * A finding without a line goes on the section or instance it names, else on the first line of
 * the file the check was run on. Then {@link mergeDaemonIssues} folds the findings that say what
 * one of ours already says into ours.
 */
import type { Issue, Severity } from '../common/issue.js';
import type { DaemonFinding, DaemonName } from './output.js';

/** A file the daemon read: where it is for the host, and its text. */
export interface CheckedFile {
  /** Document identifier as the host uses it (an URI in the editor, a path in the CLI). */
  readonly uri: string;
  /** Absolute path of the file for the host. */
  readonly path: string;
  readonly text: string;
}

/** `daemonPrefix` in a path the daemon printed stands for `hostPrefix` here. */
export interface PathMapping {
  readonly daemonPrefix: string;
  readonly hostPrefix: string;
}

/** Where and how a check was run. */
interface CheckContext {
  readonly daemon: DaemonName;
  /** The files of the node, the first being the one the check was started on. */
  readonly files: readonly CheckedFile[];
  /** The daemon's working directory, as the daemon saw it: relative names are resolved there. */
  readonly daemonDirectory: string;
  /** Prefix rewrites from the daemon's paths to the host's (container mounts, remote copies). */
  readonly mappings?: readonly PathMapping[];
  /** The daemon's version, kept on each finding for hovers and reports. */
  readonly version?: string;
}

/** The rule code of every finding a daemon reports (one page documents each). */
export const DAEMON_CODES: Readonly<Record<DaemonName, string>> = {
  haproxy: 'haproxy-check',
  keepalived: 'keepalived-check',
};

/** The `source` of a daemon's findings, as editors and reports show it. */
export const DAEMON_SOURCES = { haproxy: 'haproxy -c', keepalived: 'keepalived -t' } as const;

/** Joins and normalises POSIX paths (`.` and `..` segments), without the host's path module. */
export function resolvePosix(base: string, path: string): string {
  const parts: string[] = [];
  for (const segment of (path.startsWith('/') ? path : `${base}/${path}`).split('/')) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..') parts.pop();
    else parts.push(segment);
  }
  return `/${parts.join('/')}`;
}

/**
 * `absolute` (a path as the daemon sees it) rewritten by the longest daemon prefix that covers
 * it, so that a mapping of a sub-folder beats one of its parent; undefined when none does.
 */
export function mapDaemonPath(
  absolute: string,
  mappings: readonly PathMapping[],
): string | undefined {
  const mapping = [...mappings]
    .sort((a, b) => b.daemonPrefix.length - a.daemonPrefix.length)
    .find(
      (entry) =>
        absolute === entry.daemonPrefix ||
        absolute.startsWith(
          entry.daemonPrefix.endsWith('/') ? entry.daemonPrefix : `${entry.daemonPrefix}/`,
        ),
    );
  if (mapping === undefined) return undefined;
  // The rest is relative to the host prefix: its leading slash would make it absolute again.
  const rest = absolute.slice(mapping.daemonPrefix.length).replace(/^\/+/, '');
  return resolvePosix(mapping.hostPrefix, rest || '.');
}

function hostPath(name: string, context: CheckContext): string {
  const absolute = resolvePosix(context.daemonDirectory, name);
  return mapDaemonPath(absolute, context.mappings ?? []) ?? absolute;
}

function findFile(name: string, context: CheckContext): CheckedFile | undefined {
  const path = hostPath(name, context);
  const exact = context.files.find((file) => file.path === path);
  if (exact !== undefined) return exact;
  // A daemon run elsewhere (a container without a mapping) still names the file's base name;
  // take it when exactly one of the node's files has that name.
  const base = path.slice(path.lastIndexOf('/') + 1);
  const same = context.files.filter((file) => file.path.endsWith(`/${base}`));
  return same.length === 1 ? same[0] : undefined;
}

/** Start offsets of the lines of `text` as the daemons count them (`\n` only). */
function lineStarts(text: string): number[] {
  const starts = [0];
  for (let at = text.indexOf('\n'); at !== -1; at = text.indexOf('\n', at + 1)) starts.push(at + 1);
  return starts;
}

interface Span {
  readonly start: number;
  readonly end: number;
}

function lineSpan(text: string, starts: readonly number[], line: number): Span {
  const index = Math.min(Math.max(line - 1, 0), starts.length - 1);
  const start = starts[index]!;
  let end = index + 1 < starts.length ? starts[index + 1]! - 1 : text.length;
  if (text.charCodeAt(end - 1) === 13) end--;
  let first = start;
  while (first < end && /\s/.test(text[first]!)) first++;
  let last = end;
  while (last > first && /\s/.test(text[last - 1]!)) last--;
  return first < last ? { start: first, end: last } : { start, end };
}

const QUOTED = /'([^'\n]+)'|"([^"\n]+)"|<([^<>\n]+)>/g;

function isBoundary(text: string, at: number): boolean {
  return at < 0 || at >= text.length || /[\s'"(),]/.test(text[at]!);
}

/** The first quoted word of `message` that stands as a whole word inside `span` of `text`. */
function namedWord(text: string, span: Span, message: string): Span | undefined {
  const line = text.slice(span.start, span.end);
  for (const match of message.matchAll(QUOTED)) {
    const quoted = (match[1] ?? match[2] ?? match[3] ?? '').trim();
    if (quoted === '') continue;
    for (let at = line.indexOf(quoted); at !== -1; at = line.indexOf(quoted, at + 1)) {
      if (isBoundary(line, at - 1) && isBoundary(line, at + quoted.length)) {
        return { start: span.start + at, end: span.start + at + quoted.length };
      }
    }
  }
  return undefined;
}

const PROXY_HEADER = /^[ \t]*(?:frontend|backend|listen|defaults)(?:[ \t]+(\S+))?/;
/** Most lines of a section searched for the word a proxy-level message names. */
const MAX_SECTION_LINES = 5000;

/**
 * HAProxy reports some problems of a proxy on the line that declares it (`Proxy 'fe': unable to
 * find required use_backend: 'api'`). When the message quotes a word other than the proxy's name
 * and a line of the section holds it, that line is the one the message is about.
 */
function wordInProxy(
  text: string,
  starts: readonly number[],
  line: number,
  message: string,
): Span | undefined {
  const header = lineSpan(text, starts, line);
  const declared = PROXY_HEADER.exec(text.slice(header.start, header.end));
  if (declared === null) return undefined;
  const others = message.replaceAll(`'${declared[1] ?? ''}'`, '');
  const last = Math.min(starts.length, line + MAX_SECTION_LINES);
  for (let next = line + 1; next <= last; next++) {
    const span = lineSpan(text, starts, next);
    const content = text.slice(span.start, span.end);
    if (SECTION_START.test(content)) return undefined;
    if (content.startsWith('#')) continue;
    const word = namedWord(text, span, others);
    if (word !== undefined) return word;
  }
  return undefined;
}

const HAPROXY_SECTIONS =
  'frontend|backend|listen|defaults|peers|resolvers|userlist|cache|ring|mailers|program|http-errors|log-forward|crt-store|traces';
/** A line that starts a section, ending the one above. */
const SECTION_START = new RegExp(`^[ \\t]*(?:${HAPROXY_SECTIONS}|global)\\b`);
const HAPROXY_NAMED = new RegExp(
  `\\b(?:(${HAPROXY_SECTIONS})|proxy|Proxy)\\s+'([^']+)'|\\b(?:${HAPROXY_SECTIONS})\\s+([A-Za-z0-9_.:-]+)`,
);
const KEEPALIVED_BLOCKS =
  'vrrp_instance|vrrp_sync_group|vrrp_script|track_file|vrrp_track_file|track_process|virtual_server_group|garp_group|track_bfd';
const KEEPALIVED_NAMED =
  /\(([A-Za-z0-9_.:-]+)\)|'([^']+)'|\b(?:instance|VRRP_Instance|group|script)\s+([A-Za-z0-9_.:-]+)/;

/** The header line of the section or block a line-less message names, in any of the files. */
function namedHeader(
  finding: DaemonFinding,
  files: readonly CheckedFile[],
): { file: CheckedFile; span: Span } | undefined {
  let kinds: string;
  let name: string | undefined;
  if (finding.daemon === 'haproxy') {
    const match = HAPROXY_NAMED.exec(finding.message);
    if (match === null) return undefined;
    kinds =
      match[1] ?? (match[3] !== undefined ? HAPROXY_SECTIONS : 'frontend|backend|listen|defaults');
    name = match[2] ?? match[3];
  } else {
    const match = KEEPALIVED_NAMED.exec(finding.message);
    if (match === null) return undefined;
    kinds = KEEPALIVED_BLOCKS;
    name = match[1] ?? match[2] ?? match[3];
  }
  if (name === undefined) return undefined;
  const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const header = new RegExp(`^[ \\t]*(?:${kinds})[ \\t]+(${escaped})(?=[\\s{]|$)`, 'm');
  for (const file of files) {
    const match = header.exec(file.text);
    if (match === null) continue;
    const start = match.index + match[0].length - name.length;
    return { file, span: { start, end: start + name.length } };
  }
  return undefined;
}

/**
 * Turns a daemon's findings into issues on the checked files. Each issue carries `uri`, the code
 * of {@link DAEMON_CODES}, and in `data` the daemon, its version and its words as printed.
 */
export function placeFindings(findings: readonly DaemonFinding[], context: CheckContext): Issue[] {
  const issues: Issue[] = [];
  const starts = new Map<CheckedFile, number[]>();
  const startsOf = (file: CheckedFile): number[] => {
    let known = starts.get(file);
    if (known === undefined) starts.set(file, (known = lineStarts(file.text)));
    return known;
  };
  const main = context.files[0];
  for (const finding of findings) {
    let file: CheckedFile | undefined;
    let span: Span | undefined;
    let message = finding.message;
    if (finding.file !== undefined && finding.line !== undefined) {
      file = findFile(finding.file, context);
      if (file !== undefined) {
        const line = lineSpan(file.text, startsOf(file), finding.line);
        span =
          (finding.daemon === 'haproxy'
            ? wordInProxy(file.text, startsOf(file), finding.line, finding.message)
            : undefined) ??
          namedWord(file.text, line, finding.message) ??
          line;
      } else {
        message = `${finding.file}:${finding.line}: ${message}`;
      }
    }
    if (span === undefined) {
      const header = namedHeader(finding, context.files);
      if (header !== undefined) {
        file = header.file;
        // HAProxy 2.6 gives no line for some proxy-level problems; the word the message quotes
        // (the missing use_backend's name) still says which line of the proxy it is about.
        const starts = startsOf(file);
        span =
          (finding.daemon === 'haproxy'
            ? wordInProxy(file.text, starts, lineOf(starts, header.span.start) + 1, finding.message)
            : undefined) ?? header.span;
      }
    }
    if (span === undefined || file === undefined) {
      if (main === undefined) continue;
      file = main;
      span = lineSpan(main.text, startsOf(main), 1);
    }
    issues.push({
      code: DAEMON_CODES[finding.daemon],
      severity: finding.severity,
      message,
      start: span.start,
      end: span.end,
      uri: file.uri,
      source: DAEMON_SOURCES[finding.daemon],
      data: {
        daemon: DAEMON_SOURCES[finding.daemon],
        ...(context.version !== undefined ? { version: context.version } : {}),
        said: finding.message,
      },
    });
  }
  return issues;
}

/** 0-based line of `offset`, by binary search over `starts`. */
function lineOf(starts: readonly number[], offset: number): number {
  let low = 0;
  let high = starts.length - 1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if (starts[mid]! <= offset) low = mid;
    else high = mid - 1;
  }
  return low;
}

const DAEMON_CODE_SET: ReadonlySet<string> = new Set(Object.values(DAEMON_CODES));

function rank(severity: Severity): number {
  return severity === 'error' ? 0 : severity === 'warning' ? 1 : 2;
}

/**
 * Our findings and a daemon's on one document, without saying the same thing twice. A daemon
 * finding says the same as one of ours when it is on the same line, at the same severity, and the
 * two ranges touch; ours is kept (it has a code, a page and maybe a fix) with the daemon's words
 * attached as related information, and the daemon's is dropped. Every other daemon finding is
 * added. `text` is the document's text, `uri` its identifier.
 */
export function mergeDaemonIssues(
  uri: string,
  text: string,
  ours: readonly Issue[],
  theirs: readonly Issue[],
): Issue[] {
  const starts = lineStarts(text);
  const merged = [...ours];
  // Our findings by line, so each daemon finding looks at its own line only.
  const byLine = new Map<number, number[]>();
  merged.forEach((mine, index) => {
    if (DAEMON_CODE_SET.has(mine.code)) return;
    const line = lineOf(starts, mine.start);
    const list = byLine.get(line);
    if (list === undefined) byLine.set(line, [index]);
    else list.push(index);
  });
  const extra: Issue[] = [];
  for (const daemon of theirs) {
    const index = (byLine.get(lineOf(starts, daemon.start)) ?? []).find((candidate) => {
      const mine = merged[candidate]!;
      return (
        rank(mine.severity) === rank(daemon.severity) &&
        mine.start <= daemon.end &&
        daemon.start <= mine.end
      );
    });
    if (index === undefined) {
      extra.push(daemon);
      continue;
    }
    const mine = merged[index]!;
    const source = daemon.source ?? 'daemon';
    merged[index] = {
      ...mine,
      related: [
        ...(mine.related ?? []),
        { uri, start: daemon.start, end: daemon.end, message: `${source}: ${daemon.message}` },
      ],
    };
  }
  return [...merged, ...extra];
}
