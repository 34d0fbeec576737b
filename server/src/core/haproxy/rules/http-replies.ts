/**
 * The HTTP replies HAProxy builds from options on one line: `http-request return|deny|tarpit`,
 * their `http-response` forms and `http-error status <code> …`. They share one option grammar
 * (HAProxy parses them with the same code), so the rules that judge replies read them here.
 */
import type { Word } from '../ast.js';
import { liveStatements, opaque } from './catalog-helpers.js';
import type { HaproxyRuleContext } from './context.js';

/**
 * The options of an HTTP reply (`return`, `deny`, `tarpit`, `http-error`) with the number of
 * values each takes; `deny` also takes `deny_status`.
 */
export const REPLY_OPTIONS: Readonly<Record<string, number>> = {
  status: 1,
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
export const PAYLOADS: ReadonlySet<string> = new Set(['file', 'lf-file', 'string', 'lf-string']);

/** Payloads that are log formats, evaluated per request. */
export const LOG_FORMAT_PAYLOADS: ReadonlySet<string> = new Set(['lf-file', 'lf-string']);

/** Options that answer with an error file, which carries its own headers. */
export const ERROR_FILES: ReadonlySet<string> = new Set([
  'errorfile',
  'errorfiles',
  'default-errorfiles',
]);

/** The actions that build an HTTP reply. */
const REPLY_ACTIONS: ReadonlySet<string> = new Set(['return', 'deny', 'tarpit']);

/** One option of a reply and its values. */
interface ReplyOption {
  readonly name: Word;
  readonly values: readonly Word[];
}

/** One line that builds an HTTP reply, with its options in order. */
export interface HttpReply {
  /** How HAProxy names the line in its messages: `http-request return`, `http-error`. */
  readonly label: string;
  readonly options: readonly ReplyOption[];
}

/** The options in order, or undefined when a word is not one (another rule's error). */
function replyOptions(words: readonly Word[]): ReplyOption[] | undefined {
  const options: ReplyOption[] = [];
  for (let at = 0; at < words.length;) {
    const name = words[at] as Word;
    const count = name.value === 'deny_status' ? 1 : REPLY_OPTIONS[name.value];
    if (count === undefined || at + count > words.length - 1) return undefined;
    options.push({ name, values: words.slice(at + 1, at + 1 + count) });
    at += count + 1;
  }
  return options;
}

/**
 * Every live line that builds an HTTP reply and whose options all parse. Lines with an
 * environment variable or a template are left out: what they expand to is unknown.
 */
export function* httpReplies(context: HaproxyRuleContext): Generator<HttpReply> {
  for (const entry of liveStatements(context)) {
    const action = entry.action;
    let label: string;
    let words: readonly Word[];
    if (action) {
      if (!REPLY_ACTIONS.has(action.name)) continue;
      if (action.ruleset !== 'http-request' && action.ruleset !== 'http-response') continue;
      label = `${action.ruleset} ${action.name}`;
      words = entry.args.slice(1);
    } else if (entry.match?.spec.name === 'http-error') {
      label = 'http-error';
      words = entry.args;
    } else {
      continue;
    }
    if (words.some((word) => opaque(word))) continue;
    const options = replyOptions(words);
    if (options) yield { label, options };
  }
}

/** The first option of the reply with one of these names. */
export function findOption(reply: HttpReply, names: ReadonlySet<string>): ReplyOption | undefined {
  return reply.options.find((option) => names.has(option.name.value));
}
