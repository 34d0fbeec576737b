import { compareVersions } from '../../common/catalog.js';
import type { Rule } from '../../common/rule.js';
import { majorMinor } from '../catalog/index.js';
import type { Word } from '../ast.js';
import { liveStatements, loadsLua, opaque } from './catalog-helpers.js';
import type { HaproxyRuleContext } from './context.js';
import { REPLY_OPTIONS } from './http-replies.js';

/** Actions taking a fixed number of words before the condition (HTTP rule sets). */
const HTTP_FIXED: Readonly<Record<string, number>> = {
  'add-header': 2,
  'set-header': 2,
  'replace-header': 3,
  'replace-value': 3,
  'set-log-level': 1,
  'set-nice': 1,
  'set-path': 1,
  'set-pathq': 1,
  'set-query': 1,
  'set-uri': 1,
  'set-method': 1,
  allow: 0,
};

/** Actions taking a fixed number of words in the TCP rule sets. */
const TCP_FIXED: Readonly<Record<string, number>> = { accept: 0, reject: 0 };

/** Keyword options of `redirect`, with the number of values each takes. */
const REDIRECT_OPTIONS: Readonly<Record<string, number>> = {
  location: 1,
  prefix: 1,
  scheme: 1,
  code: 1,
  'set-cookie': 1,
  'clear-cookie': 1,
  'drop-query': 0,
  'ignore-empty': 0,
  'append-slash': 0,
};

/** Status codes HAProxy has a built-in error page for, which `deny_status` needs without a body. */
const ERROR_CODES = new Set([
  200, 400, 401, 403, 404, 405, 407, 408, 410, 413, 425, 429, 500, 501, 502, 503, 504,
]);

const VARIABLE_SCOPES = new Set(['proc', 'sess', 'txn', 'req', 'res', 'check']);

/** Options that give `deny`/`tarpit` a body of their own, so any status code will do. */
const BODY_OPTIONS = new Set(['errorfile', 'errorfiles', 'file', 'lf-file', 'string', 'lf-string']);

interface Problem {
  readonly message: string;
  readonly word: Word;
}

function unexpected(label: string, word: Word): Problem {
  return {
    message: `'${label}' expects 'if' or 'unless' followed by a condition here, not '${word.value}'.`,
    word,
  };
}

/** Checks `<option> <value>…` lists (deny, tarpit, return, redirect). */
function optionList(
  label: string,
  words: readonly Word[],
  options: Readonly<Record<string, number>>,
  onValue: (option: string, value: Word) => Problem | undefined,
): Problem | undefined {
  for (let i = 0; i < words.length;) {
    const word = words[i] as Word;
    const count = options[word.value];
    if (count === undefined) return unexpected(label, word);
    for (let k = 1; k <= count; k++) {
      const value = words[i + k];
      if (!value) return { message: `'${label}': '${word.value}' needs a value.`, word };
      const problem = onValue(word.value, value);
      if (problem) return problem;
    }
    i += count + 1;
  }
  return undefined;
}

function statusProblem(label: string, value: Word, builtIn: boolean): Problem | undefined {
  if (opaque(value)) return undefined;
  const code = /^\d+$/.test(value.value) ? Number(value.value) : 0;
  if (code < 200 || code > 599) {
    return {
      message: `'${label}': '${value.value}' is not a status code HAProxy accepts (200 to 599).`,
      word: value,
    };
  }
  if (builtIn && !ERROR_CODES.has(code)) {
    return {
      message: `'${label}': HAProxy has no built-in error page for status ${code}; add a body (string, file, errorfile) or pick a handled code.`,
      word: value,
    };
  }
  return undefined;
}

/** Actions that took options only in later versions: until then, the name and nothing more. */
const CACHE_ACTIONS = new Set(['cache-use', 'cache-store']);

function checkAction(
  ruleset: string,
  name: string,
  actionWord: Word,
  words: readonly Word[],
  version: string,
  lua: boolean,
): Problem | undefined {
  const label = `${ruleset} ${name}`;
  const http =
    ruleset === 'http-request' || ruleset === 'http-response' || ruleset === 'http-after-response';
  const tcp = ruleset.startsWith('tcp-request ') || ruleset === 'tcp-response content';
  // Option lists, status pages and services are those of 2.6; later versions add to them.
  const upTo26 = compareVersions(majorMinor(version), '2.6') <= 0;
  if (name === 'set-var' || name === 'unset-var' || name === 'set-var-fmt') {
    const inner = /^[^(]*\(([^),]*)/.exec(actionWord.value)?.[1];
    const scope = inner?.split('.')[0];
    if (
      inner !== undefined &&
      !opaque(actionWord) &&
      (!inner.includes('.') || !VARIABLE_SCOPES.has(scope ?? ''))
    ) {
      return {
        message: `'${inner}' is not a valid variable name: it must start with a scope among proc, sess, txn, req, res and check.`,
        word: actionWord,
      };
    }
    return undefined;
  }
  if (name === 'use-service' && (http || ruleset === 'tcp-request content')) {
    const service = words[0];
    if (!service || opaque(service)) return undefined;
    if (service.value.startsWith('lua.')) {
      if (!lua) {
        return {
          message: `Lua service '${service.value}' cannot exist: no 'lua-load' in the global section.`,
          word: service,
        };
      }
    } else if (service.value !== 'prometheus-exporter' && upTo26) {
      return { message: `'${service.value}' is not a service HAProxy knows.`, word: service };
    }
    const extra = words[1];
    return extra ? unexpected(label, extra) : undefined;
  }
  // 2.6 reads `cache-use <name>` and nothing else; later versions add `no-early-hints` and such.
  if (http && CACHE_ACTIONS.has(name) && upTo26) {
    const extra = words[1];
    return extra ? unexpected(label, extra) : undefined;
  }
  const fixed = http ? HTTP_FIXED[name] : tcp ? TCP_FIXED[name] : undefined;
  if (fixed !== undefined) {
    if (words.length < fixed) {
      return { message: `'${label}' expects exactly ${fixed} argument(s).`, word: actionWord };
    }
    const extra = words[fixed];
    return extra ? unexpected(label, extra) : undefined;
  }
  if (!http || !upTo26) return undefined;
  if (name === 'deny' || name === 'tarpit') {
    const builtIn = !words.some((w) => BODY_OPTIONS.has(w.value));
    return optionList(label, words, { ...REPLY_OPTIONS, deny_status: 1 }, (option, value) =>
      option === 'status' || option === 'deny_status'
        ? statusProblem(label, value, builtIn)
        : undefined,
    );
  }
  if (name === 'return') {
    return optionList(label, words, REPLY_OPTIONS, (option, value) =>
      option === 'status' ? statusProblem(label, value, false) : undefined,
    );
  }
  if (name === 'redirect') {
    if (words.length === 0) {
      return { message: `'${label}' needs location, prefix or scheme.`, word: actionWord };
    }
    return optionList(label, words, REDIRECT_OPTIONS, () => undefined);
  }
  return undefined;
}

/**
 * The words after an `http-request`/`http-response`/`tcp-request` action do not fit it at HAProxy
 * 2.6: a wrong number of arguments (`add-header` needs a name and a value), a word where only
 * `if`/`unless` may follow (`deny iff …`), a status code HAProxy refuses, a `redirect` option
 * without its value, a variable without a valid scope (`set-var(conn.x)`) or an unknown service.
 * HAProxy refuses the line, so this is an error.
 */
export const invalidActionArgument: Rule<HaproxyRuleContext> = {
  code: 'invalid-action-argument',
  scope: 'section',
  defaultSeverity: 'error',
  summary: 'An http-request, http-response or tcp-request action with arguments HAProxy refuses.',
  check(context, report) {
    const lua = loadsLua(context);
    for (const entry of liveStatements(context)) {
      const action = entry.action;
      if (!action?.spec || opaque(action.word)) continue;
      const words = entry.args.slice(1);
      // Environment variables may expand to several words: counting is then guesswork.
      if (words.some((w) => w.hasVariable || w.template)) continue;
      const problem = checkAction(
        action.ruleset,
        action.name,
        action.word,
        words,
        context.settings.version,
        lua,
      );
      if (problem) {
        report({ message: problem.message, start: problem.word.start, end: problem.word.end });
      }
    }
  },
};
