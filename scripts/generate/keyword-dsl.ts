/**
 * The small language in which `data/haproxy-catalog-text.tsv` writes a keyword's arguments, and
 * the argument shapes derived from a manual signature when a row leaves them empty.
 *
 * Tokens are separated by blanks: `name:type`, with `?` in front for an optional argument and
 * `...` behind for a variadic one. Types are the `ArgType`s (`int`, `time`, `path`, …), plus
 * `a|b|c` (an enum), `int(0-100)` (bounds, either one may be left out), `ref(backend)` (a
 * reference) and `enum+(a|b)` (an enum whose values may carry a `(…)` suffix). Any other word is
 * an enum of that single value. A `!` suffix marks an argument whose malformed values HAProxy
 * refuses (probed with `haproxy -c`); `!!` also marks its min/max as enforced. `_` in a name
 * stands for a blank (`_` alone stays `_`). A trailing `{after:word=kind}` or
 * `{prefix:text=kind}` marks the names an argument refers to (see `splitMarks`).
 */

/** One argument as the generator writes it; the key order is the order of the output. */
export type DslArg = Record<string, unknown> & { readonly name: string; readonly type: string };

/** Types written as themselves; any other word is an enum value. */
const TYPES = new Set([
  'word',
  'name',
  'reference',
  'int',
  'float',
  'time',
  'size',
  'bool',
  'address',
  'port',
  'port-range',
  'interface',
  'enum',
  'path',
  'url',
  'string',
  'condition',
  'sample',
  'log-format',
  'regex',
  'options',
  'command',
]);

const BOUNDED = /^(int|float|port)\((-?\d+(?:\.\d+)?)?-(-?\d+(?:\.\d+)?)?\)$/;

const MARK = /^(.*)\{(after|prefix):([^{}]+)\}$/;

/**
 * A token's trailing reference mark: `{after:peers=peers}` says the words after `peers` name
 * peers sections (`refersAfter`), `{prefix:ring@=ring}` that a word starting with `ring@` names
 * a ring (`refers` with `refersPrefix`).
 */
function splitMarks(token: string): { token: string; fields: Record<string, unknown> } {
  const m = MARK.exec(token);
  if (!m) return { token, fields: {} };
  const fields: Record<string, unknown> = {};
  for (const pair of (m[3] ?? '').split(',')) {
    const eq = pair.indexOf('=');
    const key = eq < 0 ? pair : pair.slice(0, eq);
    const kind = eq < 0 ? '' : pair.slice(eq + 1);
    if (m[2] === 'after') {
      const after = (fields.refersAfter ?? {}) as Record<string, string>;
      after[key] = kind;
      fields.refersAfter = after;
    } else {
      fields.refers = kind;
      fields.refersPrefix = key;
    }
  }
  return { token: m[1] ?? '', fields };
}

/** The arguments written by `dsl`. */
export function parseDsl(dsl: string): DslArg[] {
  const args: DslArg[] = [];
  for (let token of dsl.split(/\s+/).filter((t) => t !== '')) {
    // Built field by field: the insertion order is the order the catalog prints.
    const arg: Record<string, unknown> = {};
    const marks = splitMarks(token);
    token = marks.token;
    if (token.startsWith('?')) {
      arg.optional = true;
      token = token.slice(1);
    }
    let strict = 0;
    while (token.endsWith('!')) {
      strict += 1;
      token = token.slice(0, -1);
    }
    if (token.endsWith('...')) {
      arg.variadic = true;
      token = token.slice(0, -3);
    }
    const colon = token.indexOf(':');
    const name = colon < 0 ? token : token.slice(0, colon);
    const type = (colon < 0 ? '' : token.slice(colon + 1)) || 'word';
    arg.name = name === '_' ? name : name.replace(/_/g, ' ');
    const bounded = BOUNDED.exec(type);
    if (bounded) {
      arg.type = bounded[1];
      if (bounded[2] !== undefined) arg.min = Number(bounded[2]);
      if (bounded[3] !== undefined) arg.max = Number(bounded[3]);
    } else if (type.startsWith('ref(') && type.endsWith(')')) {
      arg.type = 'reference';
      arg.refers = type.slice(4, -1);
    } else if (type.startsWith('enum+(') && type.endsWith(')')) {
      arg.type = 'enum';
      arg.values = type.slice(6, -1).split('|');
      arg.callSuffix = true;
    } else if (type.includes('|') || !TYPES.has(type)) {
      arg.type = 'enum';
      arg.values = type.split('|');
    } else {
      arg.type = type;
    }
    if (strict > 0) arg.strict = true;
    if (strict > 1) arg.strictRange = true;
    Object.assign(arg, marks.fields);
    args.push(arg as DslArg);
  }
  return args;
}

/** The argument type a manual placeholder such as `<number>` or `<file>` suggests. */
export function placeholderType(placeholder: string): string {
  const p = placeholder.toLowerCase();
  if (p.includes('0..100') || p.includes('percent')) return 'int(0-100)';
  if (/\b(number|nb|count|conns|connections|length|reqs|shards|bits|level|int)\b/.test(p)) {
    return 'int';
  }
  if (/time|delay|period|seconds/.test(p)) return 'time';
  if (/size|bytes/.test(p)) return 'size';
  if (/megabytes/.test(p)) return 'int';
  if (/file|path|dir/.test(p)) return 'path';
  if (/regex/.test(p)) return 'regex';
  if (/address|addr/.test(p)) return 'address';
  if (/text|string|description/.test(p)) return 'string';
  return 'word';
}

/**
 * A permissive argument DSL derived from a manual signature line: `{ a | b }` becomes an enum,
 * leading `<placeholder>`s become typed arguments, and anything after them optional words.
 */
export function autoDsl(signature: string): string {
  const sig = signature.replaceAll('(deprecated)', '').replaceAll('[ EXPERIMENTAL ]', '').trim();
  if (sig === '') return '';
  const choice = /^[{[<]\s*([A-Za-z0-9_.-]+(?:\s*\|\s*[A-Za-z0-9_.-]+)+)\s*[}\]>]$/.exec(sig);
  if (choice) {
    const values = (choice[1] ?? '')
      .split('|')
      .map((v) => v.trim())
      .join('|');
    return `${sig.startsWith('[') ? '?' : ''}value:${values}`;
  }
  const out: string[] = [];
  let rest = sig;
  for (;;) {
    const placeholder = /^<([^<>]+)>(\s+|$)/.exec(rest);
    if (!placeholder) break;
    const ph = placeholder[1] ?? '';
    const name = ph.includes('percent')
      ? 'percent'
      : (ph.toLowerCase().split(',')[0] ?? '')
          .replace(/[^a-z0-9]+/g, '-')
          .replace(/^-+|-+$/g, '') || 'value';
    out.push(`${name}:${placeholderType(ph)}`);
    rest = rest.slice(placeholder[0].length);
  }
  if (rest.trim() !== '') out.push('?args:string...');
  return out.join(' ');
}

/** Our description of a keyword: the hand-written one, or one composed from its facts. */
export function describeKeyword(
  name: string,
  summary: string,
  description: string,
  args: readonly DslArg[],
): string {
  if (description !== '') return description;
  const parts = [`${summary.replace(/\.+$/, '')}.`];
  if (args.length > 0) {
    const shown = args
      .map((a) => {
        const [open, close] = a.optional === true ? ['[', ']'] : ['<', '>'];
        return `${open}${a.name}${a.variadic === true ? '…' : ''}${close}`;
      })
      .join(' ');
    parts.push(`Written as \`${name} ${shown}\`.`);
    for (const a of args) {
      const values = a.values as readonly string[] | undefined;
      if (a.type !== 'enum' || values === undefined || values.length <= 1 || values.length > 12) {
        continue;
      }
      parts.push(`\`${a.name}\` is one of ${values.map((v) => `\`${v}\``).join(', ')}.`);
    }
  } else {
    parts.push(`Written as \`${name}\` alone, without arguments.`);
  }
  return parts.join(' ');
}
