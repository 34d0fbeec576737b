/**
 * Argument checks of HAProxy keywords whose lines HAProxy parses word by word with their own
 * grammar (`log`, `balance`, `cookie`, `stick-table`, `http-check expect`…), beyond what the
 * positional catalog arguments can say. Each check only reports what `haproxy -c` refuses, and
 * returns nothing for words it cannot judge.
 */
import { compareVersions } from '../../common/catalog.js';
import { leadingInteger } from '../../common/leading-integer.js';
import type { Word } from '../ast.js';
import { keywordsForSection, majorMinor, suggestNames } from '../catalog/index.js';
import {
  COMPRESSION_ALGORITHMS,
  COOKIE_FLAGS,
  COOKIE_MODES,
  COOKIE_VALUED,
  ERROR_STATUS_CODES,
  FORWARDFOR_OPTIONS,
  HASH_FUNCTIONS,
  HASH_MODIFIERS,
  HTTP_CHECK_EXPECT_HEADER_MATCHES,
  HTTP_CHECK_EXPECT_MATCHES,
  HTTP_CHECK_EXPECT_SETTINGS,
  HTTP_CHECK_SEND_PARAMS,
  LATER_ERROR_STATUS_CODES,
  LOG_FACILITIES,
  LOG_FORMATS,
  LOG_LENGTH,
  LOG_LEVELS,
  LOG_PROFILE_SINCE,
  STICK_TABLE_LEN_TYPES,
  STICK_TABLE_TYPES,
  USERLIST_USER_OPTIONS,
} from '../catalog/keyword-values.js';
import { didYouMean } from './catalog-helpers.js';

/** One refused word, or a missing one (`word` is then the word it should follow). */
interface ArgProblem {
  readonly word: Word;
  readonly message: string;
  /** Set when HAProxy only warns (the rule's errors are for what it refuses). */
  readonly severity?: 'warning';
}

/** What a check sees of one line. */
interface ArgLine {
  /** The keyword as the catalog names it (`log`, `option forwardfor`). */
  readonly keyword: string;
  /** The section kind the line is in. */
  readonly section: string;
  /** Words after the keyword name, up to the condition. */
  readonly args: readonly Word[];
  /** The keyword's own last word, where a problem with no argument to point at is reported. */
  readonly keywordWord: Word;
  readonly version: string;
}

type Check = (line: ArgLine) => ArgProblem[];

/**
 * A number with a unit, possibly several in a row (`1m30s`); a bare number is milliseconds.
 * Written so that each digit run has one parse: `(\d+unit?)+` backtracks exponentially on a
 * long run of digits followed by a letter. Also read by invalid-argument for `time` arguments.
 */
export const TIME_WORD = /^\d+(?:(?:us|ms|s|m|h|d)\d+)*(?:us|ms|s|m|h|d)?$/;

function atLeast(version: string, since: string): boolean {
  return compareVersions(majorMinor(version), since) >= 0;
}

/** `; did you mean 'x'?` when a close name exists, else a full stop. */
function oneOf(value: string, list: readonly string[]): string {
  return didYouMean(suggestNames(value, list)) || '.';
}

/** `log <target> [len <n>] [format <f>] [sample <r>:<s>] [profile <p>] <facility> [<max> [<min>]]`. */
function checkLog(line: ArgLine): ArgProblem[] {
  const { args } = line;
  const target = args[0];
  // `log global` has its own form; HAProxy reads trailing words differently there.
  if (!target || target.value === 'global') return [];
  let i = 1;
  const take = (name: string): Word | undefined => {
    if (args[i]?.value !== name) return undefined;
    const value = args[i + 1];
    i += 2;
    return value;
  };
  if (args[i]?.value === 'len') {
    const option = args[i] as Word;
    const value = take('len');
    const n = value ? leadingInteger(value.value) : 0;
    if (n < LOG_LENGTH.min || n > LOG_LENGTH.max) {
      return [
        {
          word: value ?? option,
          message: `Invalid log length '${value?.value ?? ''}': 'len' takes a number from ${LOG_LENGTH.min} to ${LOG_LENGTH.max}.`,
        },
      ];
    }
  }
  if (args[i]?.value === 'format') {
    const option = args[i] as Word;
    const value = take('format');
    if (!value || !LOG_FORMATS.includes(value.value)) {
      return [
        {
          word: value ?? option,
          message: `Unknown log format '${value?.value ?? ''}': use ${LOG_FORMATS.join(', ')}${oneOf(value?.value ?? '', LOG_FORMATS)}`,
        },
      ];
    }
  }
  if (args[i]?.value === 'sample') {
    const option = args[i] as Word;
    const value = take('sample');
    if (!value || !validLogSample(value.value)) {
      return [
        {
          word: value ?? option,
          message: `Invalid log sampling '${value?.value ?? ''}': write <ranges>:<size>, ranges counted from 1 and no larger than the size (e.g. 1-2,5:10).`,
        },
      ];
    }
  }
  if (atLeast(line.version, LOG_PROFILE_SINCE) && args[i]?.value === 'profile') i += 2;
  const facility = args[i];
  if (!facility) {
    const last = args[args.length - 1] ?? target;
    return [
      {
        word: last,
        message: `'log' needs a syslog facility (${LOG_FACILITIES.slice(0, 4).join(', ')}, local0 to local7…) after the target and its options.`,
      },
    ];
  }
  if (!LOG_FACILITIES.includes(facility.value)) {
    return [
      {
        word: facility,
        message: `Unknown log facility '${facility.value}'${oneOf(facility.value, LOG_FACILITIES)} HAProxy reads the options len, format${atLeast(line.version, LOG_PROFILE_SINCE) ? ', sample and profile' : ' and sample'} in that order, then the facility.`,
      },
    ];
  }
  const problems: ArgProblem[] = [];
  for (const [offset, what] of [
    [1, 'maximum'],
    [2, 'minimum'],
  ] as const) {
    const level = args[i + offset];
    if (level && !LOG_LEVELS.includes(level.value)) {
      problems.push({
        word: level,
        message: `Unknown ${what} log level '${level.value}': use ${LOG_LEVELS.join(', ')}${oneOf(level.value, LOG_LEVELS)}`,
      });
      return problems;
    }
  }
  const extra = args[i + 3];
  if (extra) {
    problems.push({
      word: extra,
      message: `'log' takes at most two levels after the facility: HAProxy refuses '${extra.value}'.`,
    });
  }
  return problems;
}

/** `1-2,5:10`: ranges from 1, a size at least the highest bound. */
function validLogSample(value: string): boolean {
  const colon = value.lastIndexOf(':');
  if (colon <= 0) return false;
  const size = value.slice(colon + 1);
  if (!/^\d+$/.test(size)) return false;
  let highest = 0;
  for (const range of value.slice(0, colon).split(',')) {
    const match = /^(\d+)(?:-(\d+))?$/.exec(range);
    if (!match) return false;
    const low = Number(match[1]);
    const high = match[2] === undefined ? low : Number(match[2]);
    if (low < 1 || high < low) return false;
    highest = Math.max(highest, high);
  }
  return Number(size) >= highest;
}

/** `balance` algorithms whose parenthesised or following arguments HAProxy checks. */
function checkBalance(line: ArgLine): ArgProblem[] {
  const algo = line.args[0];
  if (!algo) return [];
  const paren = algo.value.indexOf('(');
  const name = paren < 0 ? algo.value : algo.value.slice(0, paren);
  const inner = paren < 0 ? undefined : algo.value.slice(paren + 1).replace(/\)$/, '');
  const next = line.args[1];
  const problem = (word: Word, message: string): ArgProblem[] => [{ word, message }];
  switch (name) {
    case 'hdr':
      if (inner === undefined) {
        return problem(algo, "'balance hdr' needs the header name in parentheses: hdr(<name>).");
      }
      if (inner.trim() === '') return problem(algo, "'balance hdr()' needs a header name.");
      if (next && next.value !== 'use_domain_only') {
        return problem(
          next,
          `'balance hdr(…)' only takes 'use_domain_only' after it, not '${next.value}'.`,
        );
      }
      return [];
    case 'rdp-cookie':
      return inner !== undefined && inner.trim() === ''
        ? problem(algo, "'balance rdp-cookie()' needs a cookie name, or no parentheses at all.")
        : [];
    case 'random':
      if (inner === undefined) return [];
      if (!/^\d+$/.test(inner)) {
        return problem(algo, `'balance random(…)' takes a number of draws, not '${inner}'.`);
      }
      return Number(inner) < 1 ? problem(algo, "'balance random(…)' needs at least 1 draw.") : [];
    case 'url_param':
      return next ? [] : problem(algo, "'balance url_param' needs the name of a URL parameter.");
    case 'hash':
      return next ? [] : problem(algo, "'balance hash' needs a sample expression to hash.");
    case 'uri':
      return checkBalanceUri(line.args.slice(1));
    default:
      return [];
  }
}

/** `balance uri [len <n>] [depth <n>] [path-only] [whole]`. */
function checkBalanceUri(words: readonly Word[]): ArgProblem[] {
  for (let i = 0; i < words.length; i++) {
    const word = words[i] as Word;
    if (word.value === 'len' || word.value === 'depth') {
      const value = words[i + 1];
      if (!value || leadingInteger(value.value) <= 0) {
        return [
          {
            word: value ?? word,
            message: `'balance uri ${word.value}' takes a positive integer, not '${value?.value ?? ''}'.`,
          },
        ];
      }
      i++;
    } else if (word.value !== 'path-only' && word.value !== 'whole') {
      return [
        {
          word,
          message: `'balance uri' only takes len, depth, path-only and whole, not '${word.value}'.`,
        },
      ];
    }
  }
  return [];
}

/** `hash-type <method> [<function> [<modifier>]]`: the method is an enum of the catalog. */
function checkHashType(line: ArgLine): ArgProblem[] {
  const [, fn, modifier] = line.args;
  if (fn) {
    const known = Object.prototype.hasOwnProperty.call(HASH_FUNCTIONS, fn.value);
    const since = known ? HASH_FUNCTIONS[fn.value] : undefined;
    if (!known || (since !== undefined && !atLeast(line.version, since))) {
      const available = Object.entries(HASH_FUNCTIONS)
        .filter(([, s]) => s === undefined || atLeast(line.version, s))
        .map(([name]) => name);
      return [
        {
          word: fn,
          message: `'hash-type' does not know the hash function '${fn.value}' in HAProxy ${line.version}: use ${available.join(', ')}${oneOf(fn.value, available)}`,
        },
      ];
    }
  }
  if (modifier && !HASH_MODIFIERS.includes(modifier.value)) {
    return [
      {
        word: modifier,
        message: `'hash-type' only takes 'avalanche' as a modifier, not '${modifier.value}'.`,
      },
    ];
  }
  return [];
}

/** `;` and control characters would end or corrupt the Set-Cookie attribute list. */
function forbiddenInAttr(c: string): boolean {
  const code = c.charCodeAt(0);
  return c === ';' || code < 0x20 || code === 0x7f;
}

/** `cookie <name> [options]`. */
function checkCookie(line: ArgLine): ArgProblem[] {
  const words = line.args.slice(1);
  const modes: Word[] = [];
  let preserve: Word | undefined;
  let insertOrIndirect = false;
  for (let i = 0; i < words.length; i++) {
    const word = words[i] as Word;
    const name = word.value;
    if (COOKIE_FLAGS.includes(name)) {
      if (COOKIE_MODES.includes(name) && !modes.some((m) => m.value === name)) modes.push(word);
      if (name === 'preserve') preserve = word;
      if (name === 'insert' || name === 'indirect') insertOrIndirect = true;
      continue;
    }
    if (!COOKIE_VALUED.includes(name)) {
      return [
        {
          word,
          message: `'cookie' does not know the option '${name}'${oneOf(name, [...COOKIE_FLAGS, ...COOKIE_VALUED])}`,
        },
      ];
    }
    const value = words[i + 1];
    i++;
    if (!value) {
      return [{ word, message: `'cookie' option '${name}' needs a value.` }];
    }
    if ((name === 'maxidle' || name === 'maxlife') && !TIME_WORD.test(value.value)) {
      return [
        {
          word: value,
          message: `'${value.value}' is not a valid time for '${name}': use digits with an optional unit (us, ms, s, m, h, d).`,
        },
      ];
    }
    if (name === 'attr' && [...value.value].some(forbiddenInAttr)) {
      return [
        {
          word: value,
          message: "A cookie 'attr' value may not contain ';' or control characters.",
        },
      ];
    }
  }
  const second = modes[1];
  if (second) {
    return [
      {
        word: second,
        message: `'cookie' modes rewrite, insert and prefix exclude each other: '${modes[0]?.value ?? ''}' and '${second.value}' are both set.`,
      },
    ];
  }
  if (preserve && !insertOrIndirect) {
    return [{ word: preserve, message: "'cookie … preserve' needs 'insert' or 'indirect'." }];
  }
  return [];
}

/** `stick-table` keywords that take a value, and those that do not (any version). */
const STICK_TABLE_VALUED = new Set([
  'type',
  'size',
  'expire',
  'peers',
  'store',
  'srvkey',
  'write-to',
  'brates-factor',
]);
const STICK_TABLE_FLAGS = new Set(['nopurge', 'recv-only']);

/** `stick-table type <t> [len <n>] size <s> [expire <t>] …`. */
function checkStickTable(line: ArgLine): ArgProblem[] {
  const words = line.args;
  let size: Word | undefined;
  for (let i = 0; i < words.length; i++) {
    const word = words[i] as Word;
    if (STICK_TABLE_FLAGS.has(word.value)) continue;
    // A word this check does not know may be a newer keyword: stop judging the line.
    if (!STICK_TABLE_VALUED.has(word.value)) return [];
    const value = words[i + 1];
    i++;
    if (!value) {
      return [{ word, message: `'stick-table' needs a value after '${word.value}'.` }];
    }
    if (word.value === 'type') {
      if (!STICK_TABLE_TYPES.includes(value.value)) {
        return [
          {
            word: value,
            message: `Unknown stick-table type '${value.value}': use ${STICK_TABLE_TYPES.join(', ')}${oneOf(value.value, STICK_TABLE_TYPES)}`,
          },
        ];
      }
      if (STICK_TABLE_LEN_TYPES.includes(value.value) && words[i + 1]?.value === 'len') {
        const length = words[i + 2];
        // atol into a size_t, refused only when 0: a negative length wraps to a huge one.
        if (!length || leadingInteger(length.value, 'long') === 0) {
          return [
            {
              word: length ?? (words[i + 1] as Word),
              message: `The stick-table key length must be a positive number, not '${length?.value ?? ''}'.`,
            },
          ];
        }
        i += 2;
      }
    } else if (word.value === 'size') {
      if (!/^\d+[kmgKMG]?$/.test(value.value)) {
        return [
          {
            word: value,
            message: `'${value.value}' is not a valid stick-table size: use digits with an optional k, m or g suffix.`,
          },
        ];
      }
      // Only tells 0 from the rest: the digits were checked above, and the size is no atoi.
      if (leadingInteger(value.value, 'long') > 0) size = value;
    } else if (word.value === 'expire' && !TIME_WORD.test(value.value)) {
      return [
        {
          word: value,
          message: `'${value.value}' is not a valid time for the stick-table 'expire': use digits with an optional unit (us, ms, s, m, h, d).`,
        },
      ];
    }
  }
  if (!size) {
    return [
      {
        word: line.keywordWord,
        message: "'stick-table' needs a non-zero 'size' (e.g. size 100k).",
      },
    ];
  }
  return [];
}

/** Status codes of `errorfile`/`errorloc*`: numbers outside 200–599 are left to the catalog. */
function checkErrorCode(line: ArgLine): ArgProblem[] {
  const code = line.args[0];
  if (!code || !/^\d+$/.test(code.value)) return [];
  const n = Number(code.value);
  if (n < 200 || n > 599 || ERROR_STATUS_CODES.includes(n)) return [];
  const since = LATER_ERROR_STATUS_CODES[n];
  if (since !== undefined && atLeast(line.version, since)) return [];
  return [
    {
      word: code,
      message: `HAProxy ${line.version} cannot produce status ${n} itself, so '${line.keyword}' refuses it: use one of ${ERROR_STATUS_CODES.join(', ')}.`,
    },
  ];
}

function checkCompressionAlgo(line: ArgLine): ArgProblem[] {
  const bad = line.args.find((word) => !COMPRESSION_ALGORITHMS.includes(word.value));
  if (!bad) return [];
  return [
    {
      word: bad,
      message: `'${bad.value}' is not a compression algorithm HAProxy supports: use ${COMPRESSION_ALGORITHMS.join(', ')}${oneOf(bad.value, COMPRESSION_ALGORITHMS)}`,
    },
  ];
}

/** True when an `except` network is one HAProxy cannot read (host names are not judged). */
function badNetwork(value: string): boolean {
  const slash = value.indexOf('/');
  const address = slash < 0 ? value : value.slice(0, slash);
  const mask = slash < 0 ? undefined : value.slice(slash + 1);
  const v6 = address.includes(':');
  if (!v6 && /^[\d.]+$/.test(address)) {
    const parts = address.split('.');
    if (parts.length > 4 || parts.some((p) => p === '' || Number(p) > 255)) return true;
  }
  if (mask === undefined) return false;
  if (/^\d+$/.test(mask)) return Number(mask) > (v6 ? 128 : 32);
  // IPv6 masks written as addresses are left alone; IPv4 ones must be dotted quads.
  if (v6) return mask === '';
  if (/^\d+\.\d+\.\d+\.\d+$/.test(mask)) return mask.split('.').some((p) => Number(p) > 255);
  return true;
}

/** `option forwardfor [except <net>] [header <name>] [if-none]`. */
function checkForwardfor(line: ArgLine): ArgProblem[] {
  const words = line.args;
  for (let i = 0; i < words.length; i++) {
    const word = words[i] as Word;
    if (word.value === 'if-none') continue;
    if (!FORWARDFOR_OPTIONS.includes(word.value)) {
      return [
        {
          word,
          message: `'option forwardfor' only takes except, header and if-none, not '${word.value}'.`,
        },
      ];
    }
    const value = words[i + 1];
    i++;
    if (!value) {
      return [{ word, message: `'option forwardfor ${word.value}' needs a value.` }];
    }
    if (word.value === 'except' && badNetwork(value.value)) {
      return [
        {
          word: value,
          message: `'${value.value}' is not a valid network for 'option forwardfor except': write an address with an optional /mask (0 to 32 for IPv4, 0 to 128 for IPv6).`,
        },
      ];
    }
  }
  return [];
}

/** `http-check expect [settings] [!] <match> <pattern>`. */
function checkHttpCheckExpect(line: ArgLine): ArgProblem[] {
  const words = line.args;
  for (let i = 0; i < words.length; i++) {
    const word = words[i] as Word;
    if (word.value === '!') continue;
    if (HTTP_CHECK_EXPECT_SETTINGS.includes(word.value)) {
      if (!words[i + 1]) {
        return [{ word, message: `'http-check expect ${word.value}' needs a value.` }];
      }
      i++;
      continue;
    }
    const match = word.value.replace(/^!/, '');
    // Header matches have their own sub-options: the rest of the line is not judged.
    if (HTTP_CHECK_EXPECT_HEADER_MATCHES.includes(match)) return [];
    if (!HTTP_CHECK_EXPECT_MATCHES.includes(match)) {
      const all = [...HTTP_CHECK_EXPECT_SETTINGS, ...HTTP_CHECK_EXPECT_MATCHES, 'hdr', 'fhdr'];
      return [
        {
          word,
          message: `'http-check expect' does not know '${word.value}': use ${HTTP_CHECK_EXPECT_MATCHES.join(', ')}, hdr or fhdr (each may be negated with '!')${oneOf(match, all)}`,
        },
      ];
    }
    if (!words[i + 1]) {
      return [{ word, message: `'http-check expect ${match}' needs a pattern.` }];
    }
    i++;
  }
  return [];
}

/** `http-check send [meth <m>] [uri <u>] [ver <v>] [hdr <name> <value>]* [body <b>]…`. */
function checkHttpCheckSend(line: ArgLine): ArgProblem[] {
  const words = line.args;
  for (let i = 0; i < words.length; i++) {
    const word = words[i] as Word;
    if (!HTTP_CHECK_SEND_PARAMS.includes(word.value)) {
      return [
        {
          word,
          message: `'http-check send' does not know '${word.value}': use ${HTTP_CHECK_SEND_PARAMS.join(', ')}${oneOf(word.value, HTTP_CHECK_SEND_PARAMS)}`,
        },
      ];
    }
    const count = word.value === 'hdr' ? 2 : 1;
    if (words.length - (i + 1) < count) {
      return [
        {
          word,
          message:
            count === 2
              ? "'http-check send hdr' needs a header name and a value."
              : `'http-check send ${word.value}' needs a value.`,
        },
      ];
    }
    i += count;
  }
  return [];
}

/** `cpu-map [auto:][<group>/]<threads> <cpus>…`: the shapes of thread and CPU sets. */
function checkCpuMap(line: ArgLine): ArgProblem[] {
  const [threads, ...cpus] = line.args;
  if (!threads) return [];
  const set = threads.value.replace(/^auto:/, '');
  for (const part of set.split('/')) {
    if (part.includes(',')) continue;
    if (['all', 'odd', 'even'].includes(part)) continue;
    if (/^\d+$/.test(part) && Number(part) === 0) {
      return [{ word: threads, message: "'cpu-map' counts threads from 1: '0' is not a thread." }];
    }
    if (!/^(?:\d+(?:-\d*)?|-\d+)$/.test(part)) {
      return [
        {
          word: threads,
          message: `'cpu-map': '${part}' is not a thread number or range (use all, odd, even, N or N-M).`,
        },
      ];
    }
  }
  for (const cpu of cpus) {
    for (const part of cpu.value.split(',')) {
      if (!/^\d+(?:-\d*)?$/.test(part)) {
        return [
          {
            word: cpu,
            message: `'cpu-map': '${part}' is not a CPU number or range (use N or N-M).`,
          },
        ];
      }
    }
  }
  return [];
}

/** `user <name> [password <hash>] [insecure-password <pw>] [groups <list>]` in a userlist. */
function checkUserlistUser(line: ArgLine): ArgProblem[] {
  if (line.section !== 'userlist') return [];
  const words = line.args;
  for (let i = 1; i < words.length; i += 2) {
    const word = words[i] as Word;
    if (!USERLIST_USER_OPTIONS.includes(word.value)) {
      return [
        {
          word,
          message: `'user' only takes password, insecure-password and groups, not '${word.value}'${oneOf(word.value, USERLIST_USER_OPTIONS)}`,
        },
      ];
    }
  }
  return [];
}

/** A bare global `stats` line: the catalog's `stats <word>` keywords did not match. */
function checkGlobalStats(line: ArgLine): ArgProblem[] {
  if (line.section !== 'global') return [];
  const known = keywordsForSection('global', line.version)
    .map((spec) => spec.name.split(' '))
    .filter((parts) => parts[0] === 'stats' && parts.length === 2)
    .map((parts) => parts[1] as string);
  const word = line.args[0];
  if (word && known.includes(word.value)) return [];
  return [
    {
      word: word ?? line.keywordWord,
      message: `'stats' in the global section takes ${known.join(', ')}${word ? `, not '${word.value}'${oneOf(word.value, known)}` : '.'}`,
    },
  ];
}

/**
 * `bind-process` and `stats bind-process` (deprecated in 2.6, gone in 2.7, where removed-keyword
 * reports the line): `all` (which ends the list), `odd`, `even`, or process numbers and ranges
 * (`1`, `1-`, `2-1`). Multi-process mode went away in 2.5, so 2.6 knows process 1 only and
 * refuses any other number: "'4' is not a valid number/range. It supports numbers from 1 to 1".
 */
function checkProcessSet(line: ArgLine): ArgProblem[] {
  if (atLeast(line.version, '2.7')) return [];
  for (const word of line.args) {
    const value = word.value;
    if (value === 'all') return [];
    if (value === 'odd' || value === 'even') continue;
    const match = /^(\d*)(?:-(\d*))?$/.exec(value);
    // Like HAProxy's str2uic, an empty or missing number reads as 0; `1-` runs to the last one.
    const low = match ? Number(match[1] || 0) : NaN;
    const high = match?.[2] === undefined ? low : match[2] === '' ? 1 : Number(match[2]);
    if (Math.min(low, high) >= 1 && Math.max(low, high) <= 1) continue;
    return [
      {
        word,
        message: match
          ? `'${value}' is not a valid process number for '${line.keyword}': HAProxy ${majorMinor(line.version)} runs a single process, so only 1 (or all, odd, even) is accepted.`
          : `'${value}' is not a valid process number or range for '${line.keyword}' (all, odd, even, 1).`,
      },
    ];
  }
  return [];
}

/**
 * Filter names each version registers (read from HAProxy's sources: `flt_kw_list`), with the
 * version that added them. `opentracing` comes from an optional build addon and may be missing
 * from a given binary, so it is accepted everywhere.
 */
const FILTERS: ReadonlyMap<string, string | undefined> = new Map([
  ['cache', undefined],
  ['compression', undefined],
  ['fcgi-app', undefined],
  ['spoe', undefined],
  ['trace', undefined],
  ['opentracing', undefined],
  ['bwlim-in', '2.7'],
  ['bwlim-out', '2.7'],
  ['comp-req', '3.4'],
  ['comp-res', '3.4'],
]);

/** `filter <name> [args]`: HAProxy refuses a name no filter registered ("unknown keyword"). */
function checkFilter(line: ArgLine): ArgProblem[] {
  const word = line.args[0];
  if (!word) return [];
  const name = word.value;
  if (!FILTERS.has(name)) {
    return [
      {
        word,
        message: `'${name}' is not a filter HAProxy knows${oneOf(name, [...FILTERS.keys()])}`,
      },
    ];
  }
  const since = FILTERS.get(name);
  if (since === undefined || atLeast(line.version, since)) return [];
  return [
    {
      word,
      message: `The '${name}' filter is not available in HAProxy ${majorMinor(line.version)}: it appeared in ${since}.`,
    },
  ];
}

/**
 * `option httpchk <method> <uri> <version>` with headers or a body glued to the version after
 * `\r\n` (the pre-2.2 way to send a Host header): HAProxy 2.6 warns that this is deprecated, 2.7
 * and later refuse it ("hiding headers or body at the end of the version string is unsupported").
 */
function checkHttpchk(line: ArgLine): ArgProblem[] {
  const version = line.args[2];
  if (!version?.value.includes('\r\n')) return [];
  const refused = atLeast(line.version, '2.7');
  return [
    {
      word: version,
      message: `Headers hidden after the HTTP version of 'option httpchk' are ${refused ? `refused by HAProxy ${majorMinor(line.version)}` : 'deprecated (refused from 2.7)'}: send them with 'http-check send hdr <name> <value>'.`,
      ...(refused ? {} : { severity: 'warning' as const }),
    },
  ];
}

const CHECKS: ReadonlyMap<string, Check> = new Map<string, Check>([
  ['option httpchk', checkHttpchk],
  ['filter', checkFilter],
  ['bind-process', checkProcessSet],
  ['stats bind-process', checkProcessSet],
  ['log', checkLog],
  ['balance', checkBalance],
  ['hash-type', checkHashType],
  ['cookie', checkCookie],
  ['stick-table', checkStickTable],
  ['errorfile', checkErrorCode],
  ['errorloc', checkErrorCode],
  ['errorloc302', checkErrorCode],
  ['errorloc303', checkErrorCode],
  ['compression algo', checkCompressionAlgo],
  ['compression algo-req', checkCompressionAlgo],
  ['compression algo-res', checkCompressionAlgo],
  ['option forwardfor', checkForwardfor],
  ['http-check expect', checkHttpCheckExpect],
  ['http-check send', checkHttpCheckSend],
  ['cpu-map', checkCpuMap],
  ['user', checkUserlistUser],
  ['stats', checkGlobalStats],
]);

/**
 * The words of one line HAProxy refuses under the keyword's own grammar; empty for keywords
 * without such a check.
 */
export function keywordArgProblems(line: ArgLine): ArgProblem[] {
  const check = CHECKS.get(line.keyword);
  return check ? check(line) : [];
}
