import type { Rule } from '../../common/rule.js';
import type { Word } from '../ast.js';
import { liveStatements, opaque } from './catalog-helpers.js';
import type { HaproxyRuleContext } from './index.js';

/** The options of an HTTP reply (`return`, `deny`, `tarpit`) with the number of values each takes. */
const REPLY_OPTIONS: Readonly<Record<string, number>> = {
  status: 1,
  deny_status: 1,
  'content-type': 1,
  'default-errorfiles': 0,
  errorfile: 1,
  errorfiles: 1,
  file: 1,
  'lf-file': 1,
  string: 1,
  'lf-string': 1,
  hdr: 2,
};

/** Options that give the reply a body of its own. */
const PAYLOADS: ReadonlySet<string> = new Set(['file', 'lf-file', 'string', 'lf-string']);

/** Options that answer with an error file, which carries its own headers. */
const ERROR_FILES: ReadonlySet<string> = new Set(['errorfile', 'errorfiles', 'default-errorfiles']);

/** The actions that build an HTTP reply, per rule set. */
const REPLY_ACTIONS: ReadonlySet<string> = new Set(['return', 'deny', 'tarpit']);

interface Option {
  readonly name: Word;
  readonly values: readonly Word[];
}

/** The options of the reply in order, or undefined when a word is not one (another rule's error). */
function replyOptions(words: readonly Word[]): Option[] | undefined {
  const options: Option[] = [];
  for (let at = 0; at < words.length;) {
    const name = words[at] as Word;
    const count = REPLY_OPTIONS[name.value];
    if (count === undefined || at + count > words.length - 1) return undefined;
    options.push({ name, values: words.slice(at + 1, at + 1 + count) });
    at += count + 1;
  }
  return options;
}

/**
 * An HTTP reply option HAProxy reads and then drops: a `content-type` on a reply without a
 * payload ("content-type 'text/plain' ignored by the http reply because neither errorfile nor
 * payload defined."), and a `content-type` or `hdr` on a reply made from an error file ("… ignored
 * by the http reply when used with an erorrfile."), whose own headers are sent as they are. The
 * line is accepted, so this is a warning, as HAProxy's.
 */
export const ignoredReplyOption: Rule<HaproxyRuleContext> = {
  code: 'ignored-reply-option',
  defaultSeverity: 'warning',
  summary: 'A content-type or hdr on an HTTP reply that ignores it (no payload, or an error file).',
  check(context, report) {
    for (const { entry } of liveStatements(context)) {
      const action = entry.action;
      if (!action || !REPLY_ACTIONS.has(action.name)) continue;
      if (action.ruleset !== 'http-request' && action.ruleset !== 'http-response') continue;
      const words = entry.args.slice(1);
      if (words.some((word) => opaque(word))) continue;
      const options = replyOptions(words);
      if (!options) continue;
      const label = `${action.ruleset} ${action.name}`;
      const payload = options.some((option) => PAYLOADS.has(option.name.value));
      const errorFile = options.find((option) => ERROR_FILES.has(option.name.value));
      // Both at once is an error HAProxy reports instead ("'string' already defined").
      if (payload && errorFile) continue;
      // A second content-type replaces the first, and HAProxy judges only the one it keeps.
      const contentType = options.filter((option) => option.name.value === 'content-type').at(-1);
      let headersReported = false;
      for (const option of options) {
        const last = option.values.at(-1) ?? option.name;
        if (option === contentType && (errorFile || !payload)) {
          const type = option.values[0]?.value ?? '';
          report({
            message: errorFile
              ? `'${label}': content-type '${type}' is ignored with '${errorFile.name.value}', whose file brings its own headers; remove it.`
              : `'${label}': content-type '${type}' is ignored because the reply has no payload; add one ('string', 'lf-string', 'file' or 'lf-file') or remove it.`,
            start: option.name.start,
            end: last.end,
          });
        } else if (option.name.value === 'hdr' && errorFile && !headersReported) {
          // HAProxy warns once for all the hdr options of the line.
          headersReported = true;
          report({
            message: `'${label}': hdr options are ignored with '${errorFile.name.value}', whose file brings its own headers; put the headers in the file or remove them.`,
            start: option.name.start,
            end: last.end,
          });
        }
      }
    }
  },
};
