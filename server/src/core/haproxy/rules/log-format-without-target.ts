import type { QuickFix } from '../../common/issue.js';
import type { Rule } from '../../common/rule.js';
import type { HaproxySymbols, ProxySymbol } from '../analysis/symbols.js';
import type { Statement } from '../ast.js';
import type { HaproxyRuleContext } from './context.js';
import { describeProxy, hasFrontend, relatedAt, symbolsOf } from './symbol-helpers.js';

/** `option` names that choose a log format. */
const FORMAT_OPTIONS: ReadonlySet<string> = new Set(['httplog', 'httpslog', 'tcplog']);

/** Keywords whose line is a log format. `error-log-format` alone does not make HAProxy warn. */
const FORMAT_KEYWORDS: ReadonlySet<string> = new Set(['log-format', 'log-format-sd']);

function isFormat(statement: Statement): boolean {
  const keyword = statement.keyword.value;
  // A format line without its argument is refused, and reported by another rule.
  if (FORMAT_KEYWORDS.has(keyword)) return statement.args.length > 0;
  return keyword === 'option' && FORMAT_OPTIONS.has(statement.args[0]?.value ?? '');
}

/** The live `log` lines of the global sections written before `offset`. */
function globalLogsBefore(symbols: HaproxySymbols, offset: number): number {
  let count = 0;
  for (const section of symbols.config.sections) {
    if (section.type !== 'global' || section.start > offset) continue;
    if (!symbols.activity.isLive(section.header.branch)) continue;
    for (const item of section.items) {
      if (item.kind !== 'statement' || item.keyword.value !== 'log') continue;
      if (item.start < offset && symbols.activity.isLive(item.branch)) count++;
    }
  }
  return count;
}

interface LogState {
  /** The last line that chose a log format (the one in force), here or in a defaults section. */
  readonly format: Statement | undefined;
  /** How many log targets the proxy ends up with. */
  readonly targets: number;
  /** The last `no log` line, when it is what left the proxy without targets. */
  readonly noLog: Statement | undefined;
  /** The last `log global` line that found no global target. */
  readonly emptyGlobal: Statement | undefined;
}

/**
 * Replays the `log`, `no log` and format lines of a proxy after those of the defaults section it
 * inherits from, the way HAProxy reads them: a proxy starts with a copy of its defaults' targets,
 * `log global` appends the global `log` lines read so far, `no log` empties the list, and a format
 * once chosen stays (it cannot be cancelled).
 */
function logState(symbols: HaproxySymbols, proxy: ProxySymbol, depth = 0): LogState {
  const inherited =
    proxy.defaults && proxy.defaults !== proxy && depth < 8
      ? logState(symbols, proxy.defaults, depth + 1)
      : { format: undefined, targets: 0, noLog: undefined, emptyGlobal: undefined };
  let { format, targets, noLog, emptyGlobal } = inherited;
  for (const statement of proxy.body) {
    const keyword = statement.keyword.value;
    if (isFormat(statement)) {
      format = statement;
    } else if (keyword === 'no' && statement.args[0]?.value === 'log') {
      targets = 0;
      noLog = statement;
    } else if (keyword === 'log') {
      if (statement.args[0]?.value === 'global') {
        const found = globalLogsBefore(symbols, statement.start);
        if (found === 0) emptyGlobal = statement;
        targets += found;
      } else {
        targets++;
      }
    }
  }
  return { format, targets, noLog: targets === 0 ? noLog : undefined, emptyGlobal };
}

function formatName(statement: Statement): string {
  return statement.keyword.value === 'option'
    ? `option ${statement.args[0]?.value ?? ''}`
    : statement.keyword.value;
}

/** The run of spaces and tabs that ends at `end` in `text`: the indent before a keyword. */
function indentBefore(text: string, end: number): string {
  let start = end;
  while (start > 0 && (text[start - 1] === ' ' || text[start - 1] === '\t')) start--;
  return text.slice(start, end);
}

/** Adds `log global` under the section header, indented like the section's first line. */
function addLogGlobal(proxy: ProxySymbol, text: string): QuickFix | undefined {
  const header = proxy.section.header;
  const lineEnd = text.indexOf('\n', header.end);
  if (lineEnd < 0) return undefined;
  const first = proxy.body[0];
  const indent = first ? indentBefore(text, first.keyword.start) : undefined;
  return {
    title: "Add 'log global'",
    edits: [{ start: lineEnd + 1, end: lineEnd + 1, text: `${indent || '    '}log global\n` }],
  };
}

/**
 * A frontend or listen section that chooses a log format (`option httplog`, `option tcplog`,
 * `log-format`…, its own or inherited) but ends up with no log target: HAProxy warns "log format
 * ignored for frontend 'x' since it has no log address." and logs nothing for it. Global `log`
 * lines reach a proxy only through `log global`, so a format with no `log` line anywhere in the
 * proxy or its defaults is the usual case. A warning, as HAProxy's.
 */
export const logFormatWithoutTarget: Rule<HaproxyRuleContext> = {
  code: 'log-format-without-target',
  defaultSeverity: 'warning',
  summary: 'A frontend sets a log format but has no log target, so it logs nothing.',
  check(context, report) {
    const symbols = symbolsOf(context);
    const text = context.document.text;
    for (const proxy of symbols.proxies) {
      if (!hasFrontend(proxy) || proxy.statements('disabled').length > 0) continue;
      const state = logState(symbols, proxy);
      if (!state.format || state.targets > 0) continue;
      const where = proxy.nameWord ?? proxy.section.keyword;
      const what = formatName(state.format);
      const related = [relatedAt(context, state.format, `'${what}'`)];
      let advice: string;
      let fixes: QuickFix[] = [];
      if (state.noLog) {
        advice = `'no log' leaves it without any: remove the format, or add a 'log' line after 'no log'.`;
        related.push(relatedAt(context, state.noLog, "'no log'"));
      } else if (state.emptyGlobal) {
        advice = `'log global' finds no 'log' line in the global section above it: add one there (for example 'log stdout format raw local0').`;
        related.push(relatedAt(context, state.emptyGlobal, "'log global'"));
      } else {
        const globals = globalLogsBefore(symbols, proxy.section.start) > 0;
        advice = globals
          ? `global 'log' lines reach a proxy only through 'log global': add it here or in defaults.`
          : `add a 'log' line with an address here or in defaults, or 'log global' with a 'log' line in global.`;
        const fix = globals ? addLogGlobal(proxy, text) : undefined;
        if (fix) fixes = [fix];
      }
      report({
        message: `${describeProxy(proxy)} sets a log format ('${what}') but has no log target, so HAProxy ignores the format and logs nothing for it; ${advice}`,
        start: where.start,
        end: where.end,
        related,
        ...(fixes.length > 0 ? { fixes } : {}),
      });
    }
  },
};
