import type { RelatedLocation } from '../../common/issue.js';
import type { Rule } from '../../common/rule.js';
import type { KeepalivedItem, KeepalivedWord } from '../ast.js';
import { nodeIndex, type NodeIndex, type TrackUse } from '../analysis/index-node.js';
import type { KeepalivedRuleContext } from './context.js';
import { rangeOf, relatedAt } from './helpers.js';
import { isConcrete } from './walk.js';

/**
 * `kill` or `killall` given signal 0 (`-0`, `-s 0`, `-s0`, `-n 0`, `--signal 0`, `--signal=0`),
 * as a program of its own: at the start of the command or after a shell separator, with or
 * without a directory. The rest of the simple command (up to `;`, `|`, `&` or a line break) is
 * captured, so that what is probed can be read from it.
 */
const SIGNAL_ZERO =
  /(?:^|[\s;|&(`'"])(?:[^\s;|&(`'"]*\/)?(killall|kill)((?:\s+-[^\s;|&]*)*?\s+(?:-0|-s\s*0|-n\s+0|--signal[=\s]0)(?=[\s;|&'"`)]|$)[^;|&\n]*)/g;

/** Users that may signal HAProxy's processes: root, and the user its workers usually run as. */
const ALLOWED_USERS: ReadonlySet<string> = new Set(['root', '0', 'haproxy']);

/** The signal-0 probe of HAProxy in a command line, as `kill` or `killall`, if there is one. */
export function haproxyKillProbe(command: string): 'kill' | 'killall' | undefined {
  for (const match of command.matchAll(SIGNAL_ZERO)) {
    if (/haproxy/i.test(match[2] ?? '')) return match[1] as 'kill' | 'killall';
  }
  return undefined;
}

/** Who runs a script, and the line that decides it. */
interface ScriptRunner {
  readonly user: string;
  readonly line: KeepalivedItem;
  readonly word: KeepalivedWord;
  /** How the user was chosen, for the message. */
  readonly source: string;
}

function lastLine(block: KeepalivedItem, keyword: string): KeepalivedItem | undefined {
  let found: KeepalivedItem | undefined;
  for (const node of block.block?.items ?? []) {
    if (node.kind === 'item' && node.keyword.value === keyword) found = node;
  }
  return found;
}

/**
 * The user a `vrrp_script` runs as when the file alone says so: its own `user`, else the global
 * `script_user`, else `keepalived_script` under `enable_script_security`. Without any of them it
 * is `keepalived_script` when the host has that user and root otherwise, which the file cannot
 * tell: undefined then, as when the user is a parameter.
 */
function runnerOf(index: NodeIndex, script: KeepalivedItem): ScriptRunner | undefined {
  const own = lastLine(script, 'user');
  const chosen = own ?? index.scriptUser;
  if (chosen) {
    const word = chosen.args[0];
    if (!word || !isConcrete(word)) return undefined;
    return {
      user: word.value,
      line: chosen,
      word,
      source: own ? 'its own user line' : 'script_user',
    };
  }
  const security = index.enableScriptSecurity;
  if (!security) return undefined;
  return {
    user: 'keepalived_script',
    line: security,
    word: security.keyword,
    source: 'the default of enable_script_security',
  };
}

/** The first place each script name is tracked, by an instance or a sync group. */
function trackedScripts(index: NodeIndex): Map<string, TrackUse> {
  const tracked = new Map<string, TrackUse>();
  const groups = [...index.instances, ...index.syncGroups];
  for (const group of groups) {
    for (const use of group.trackScripts) {
      if (!tracked.has(use.name)) tracked.set(use.name, use);
    }
  }
  return tracked;
}

/**
 * A tracked `vrrp_script` that probes HAProxy with `kill -0` or `killall -0` while scripts run as
 * a user other than root. Signal 0 sends nothing but still needs permission to signal the
 * process; HAProxy's master runs as root and its workers as `haproxy`, so for any other user the
 * probe fails with "Operation not permitted" (checked with haproxy 2.6 and `setpriv`) and the
 * check reports HAProxy down even when it serves. Keepalived accepts the file and runs the script,
 * so this is a warning. `pidof` and `pgrep` read /proc and need no such permission.
 */
export const unprivilegedKillCheck: Rule<KeepalivedRuleContext> = {
  code: 'unprivileged-kill-check',
  defaultSeverity: 'warning',
  summary: 'A tracked script probes HAProxy with kill -0 as a non-root user, so it always fails.',
  check(context, report) {
    const index = nodeIndex(context);
    const tracked = trackedScripts(index);
    for (const [name, use] of tracked) {
      const script = index.scripts.get(name)?.item;
      if (!script) continue;
      const line = lastLine(script, 'script');
      const words = line?.args ?? [];
      const first = words[0];
      const last = words.at(-1);
      if (!line || !first || !last || !words.every(isConcrete)) continue;
      const probe = haproxyKillProbe(words.map((word) => word.value).join(' '));
      if (!probe) continue;
      const runner = runnerOf(index, script);
      if (!runner || ALLOWED_USERS.has(runner.user)) continue;
      const related: RelatedLocation[] = [
        relatedAt(context, index, runner.line, runner.word, `scripts run as ${runner.user} here`),
        relatedAt(context, index, use.item, use.word, 'tracked here'),
      ];
      report({
        message: `vrrp_script ${name} probes HAProxy with '${probe} -0' as ${runner.user} (${runner.source}), not root: HAProxy's processes belong to root and haproxy, so the probe fails with "Operation not permitted" and the check reports HAProxy down even while it runs. Use 'pidof haproxy' or 'pgrep -x haproxy' (with its full path), a status command such as 'systemctl is-active --quiet haproxy', or a vrrp_track_process block.`,
        ...rangeOf(index, line, { start: first.start, end: last.end }),
        related,
      });
    }
  },
};
