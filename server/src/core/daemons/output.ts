/**
 * Reading what `haproxy -c` and `keepalived -t` print into findings with a file, a line and a
 * severity. Pure text work: running the daemons belongs to the hosts (`server/src/node/daemons`).
 *
 * HAProxy prints one message per line, tagged `[ALERT]`, `[WARNING]` or `[NOTICE]`, usually with
 * `[file:line]` after `parsing`; long warnings continue on lines starting with `|`. Keepalived
 * tags nothing: a message starts with `(file: Line N)` or `(Line N)` when it has a place, and its
 * severity has to be read from its wording (see {@link keepalivedSeverity}).
 */
import type { Severity } from '../common/issue.js';

/** Which daemon printed a finding. */
export type DaemonName = 'haproxy' | 'keepalived';

/** One message of a daemon's check, before it is placed in a document. */
export interface DaemonFinding {
  readonly daemon: DaemonName;
  readonly severity: Severity;
  /** The daemon's words, without its level tag, process id or location prefix. */
  readonly message: string;
  /** The file as the daemon named it (relative names are relative to the daemon's directory). */
  readonly file?: string;
  /** 1-based line, as the daemon counts lines (`\n` only). */
  readonly line?: number;
}

/** What one check printed. */
interface DaemonReport {
  readonly findings: readonly DaemonFinding[];
  /** The version the daemon announced, e.g. `2.6.12-1+deb12u4`, when it printed one. */
  readonly version?: string;
}

const HAPROXY_LEVEL = /^\[(ALERT|WARNING|NOTICE)\]\s*(?:\d+\/\d+\s*)?(?:\(\d+\)\s*)?:\s*(.*)$/;
const HAPROXY_PLACE = /^(?:parsing\s+)?\[([^\]\n]*?):(\d+)\]\s*:?\s*(.*)$/;
/** A place mentioned inside a line-less message: `http frontend 'fe' (haproxy.cfg:5) …`. */
const HAPROXY_INNER_PLACE = /\(([^()\s][^()]*?):(\d+)\)/;
const HAPROXY_VERSION = /^haproxy version is (\S+)/;
/** Closing lines that repeat what the findings before them already said. */
const HAPROXY_SUMMARY = [
  /^Error\(s\) found in configuration file\s*:/,
  /^Fatal errors found in configuration\.?$/,
  /^path to executable is /,
  /^Configuration file is valid$/,
  /^Warnings were found\.?$/,
];

/**
 * The findings of `haproxy -c` output (stdout and stderr together), from HAProxy 2.4 to 3.4:
 * `[LEVEL] (pid) : [config : ][parsing ][file:line] : message`, with 2.4's `ddd/hhmmss` stamp
 * tolerated. A line-less message that mentions a place in parentheses gets that place.
 */
export function parseHaproxyOutput(output: string): DaemonReport {
  const findings: { -readonly [K in keyof DaemonFinding]: DaemonFinding[K] }[] = [];
  let version: string | undefined;
  let last: (typeof findings)[number] | undefined;
  for (const raw of output.split('\n')) {
    const line = raw.replace(/\r$/, '');
    const tagged = HAPROXY_LEVEL.exec(line);
    if (tagged === null) {
      // `   | text`: the continuation of the previous warning's explanation.
      const continued = /^\s+\|\s?(.*)$/.exec(line);
      if (continued !== null && last !== undefined) last.message += ` ${continued[1]!.trim()}`;
      else last = undefined;
      continue;
    }
    const level = tagged[1]!;
    const body = tagged[2]!.replace(/^config\s*:\s*/, '');
    if (level === 'NOTICE') {
      version ??= HAPROXY_VERSION.exec(body)?.[1];
      last = undefined;
      continue;
    }
    if (HAPROXY_SUMMARY.some((pattern) => pattern.test(body))) {
      last = undefined;
      continue;
    }
    const severity: Severity = level === 'ALERT' ? 'error' : 'warning';
    const placed = HAPROXY_PLACE.exec(body);
    const inner = placed === null ? HAPROXY_INNER_PLACE.exec(body) : null;
    const place = placed ?? inner;
    last = {
      daemon: 'haproxy',
      severity,
      message: (placed !== null ? placed[3]! : body).trim(),
      ...(place !== null ? { file: place[1]!, line: Number(place[2]) } : {}),
    };
    findings.push(last);
  }
  return { findings, ...(version !== undefined ? { version } : {}) };
}

const KEEPALIVED_PLACE = /^\((?:(.*?):\s*)?Line (\d+)\)\s*(.*)$/;
const KEEPALIVED_VERSION = /^Keepalived v(\S+)/;

/**
 * Keepalived prints every message alike, so the severity follows the project's rule: what it
 * refuses or drops is an error, what it adjusts and then runs with is a warning. Its own
 * `WARNING` prefix and the messages saying what it used instead are warnings.
 */
export function keepalivedSeverity(message: string): Severity {
  if (/^WARNING\b/i.test(message)) return 'warning';
  if (
    /\b(?:truncating|using default|defaulting to|setting to|resetting|adjusting)\b/i.test(message)
  ) {
    return 'warning';
  }
  return 'error';
}

/**
 * The findings of `keepalived -t` output. Keepalived's parent and its VRRP, checker and BFD
 * children each read the files, so a message can appear several times: repeats are dropped. A
 * message without a file name belongs to the file given with `-f`, which the caller supplies as
 * `mainFile`.
 */
export function parseKeepalivedOutput(output: string, mainFile: string): DaemonReport {
  const findings: DaemonFinding[] = [];
  const seen = new Set<string>();
  let version: string | undefined;
  for (const raw of output.split('\n')) {
    const line = raw.replace(/\r$/, '').trimEnd();
    if (line.trim() === '') continue;
    const announced = KEEPALIVED_VERSION.exec(line);
    if (announced !== null) {
      version ??= announced[1];
      continue;
    }
    const placed = KEEPALIVED_PLACE.exec(line);
    const message = (placed !== null ? placed[3]! : line).trim();
    const file = placed !== null ? (placed[1] ?? mainFile) : undefined;
    const key = `${file ?? ''}\u0000${placed?.[2] ?? ''}\u0000${message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    findings.push({
      daemon: 'keepalived',
      severity: keepalivedSeverity(message),
      message,
      ...(file !== undefined ? { file, line: Number(placed![2]) } : {}),
    });
  }
  return { findings, ...(version !== undefined ? { version } : {}) };
}

/** The version `keepalived -v` announces (`Keepalived v2.2.7 (01/16,2022)` gives `2.2.7`). */
export function parseKeepalivedVersion(output: string): string | undefined {
  for (const line of output.split('\n')) {
    const match = KEEPALIVED_VERSION.exec(line.trim());
    if (match !== null) return match[1];
  }
  return undefined;
}
