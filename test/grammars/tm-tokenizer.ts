/**
 * A deliberately small TextMate tokenizer for grammar tests: `match`, `begin`/`end`, `patterns`,
 * `include` (`#name` and `$self`), `name`, `contentName` and capture scopes. Regexes run as
 * JavaScript regexes, which is why the grammars avoid Oniguruma-only syntax. It answers "which
 * scopes cover this character", which is all the tests ask.
 */

/** One grammar rule, as far as this tokenizer understands it. */
export interface GrammarRule {
  readonly name?: string;
  readonly contentName?: string;
  readonly match?: string;
  readonly begin?: string;
  readonly end?: string;
  readonly captures?: Readonly<Record<string, { readonly name?: string }>>;
  readonly beginCaptures?: Readonly<Record<string, { readonly name?: string }>>;
  readonly endCaptures?: Readonly<Record<string, { readonly name?: string }>>;
  readonly patterns?: readonly GrammarRule[];
  readonly include?: string;
}

/** The top of a `.tmLanguage.json` file. */
export interface Grammar {
  readonly scopeName: string;
  readonly patterns: readonly GrammarRule[];
  readonly repository?: Readonly<Record<string, GrammarRule>>;
}

interface Frame {
  readonly rule: GrammarRule;
  readonly end: RegExp;
  readonly scopes: string[];
}

type Captures = GrammarRule['captures'];

const cache = new Map<string, RegExp>();

/** Compiles a grammar regex once; `d` gives capture offsets, `g` lets a search start anywhere. */
export function compile(source: string): RegExp {
  let regexp = cache.get(source);
  if (regexp === undefined) {
    regexp = new RegExp(source, 'dg');
    cache.set(source, regexp);
  }
  return regexp;
}

/** Regex syntax that Oniguruma accepts but JavaScript reads differently or rejects. */
export const ONIGURUMA_ONLY: readonly RegExp[] = [
  /\\[GAzZhHK]/, // anchors and classes with another meaning (or none) in JavaScript
  /\(\?[imx]+[):-]/, // inline flags
  /\(\?>/, // atomic groups
  /\(\?~/, // absence operator
  /\\p\{/, // property classes need the `u` flag in JavaScript
  /[*+?}][+]/, // possessive quantifiers
];

function flatten(
  grammar: Grammar,
  patterns: readonly GrammarRule[],
  out: GrammarRule[] = [],
  seen = new Set<GrammarRule>(),
): GrammarRule[] {
  for (const pattern of patterns) {
    if (pattern.include !== undefined) {
      const target =
        pattern.include === '$self'
          ? { patterns: grammar.patterns }
          : grammar.repository?.[pattern.include.slice(1)];
      if (target === undefined) throw new Error(`unknown include ${pattern.include}`);
      if (seen.has(target)) continue;
      seen.add(target);
      flatten(grammar, [target], out, seen);
      seen.delete(target);
    } else if (pattern.match !== undefined || pattern.begin !== undefined) {
      out.push(pattern);
    } else if (pattern.patterns !== undefined) {
      flatten(grammar, pattern.patterns, out, seen);
    }
  }
  return out;
}

function search(regexp: RegExp, line: string, from: number): RegExpExecArray | null {
  regexp.lastIndex = from;
  return regexp.exec(line);
}

/**
 * Scopes of every character of every line. Line-spanning begin/end rules carry over, as in the
 * editor; lines are given without their line break.
 */
export function tokenize(grammar: Grammar, lines: readonly string[]): string[][][] {
  const stack: Frame[] = [];
  return lines.map((line) => {
    const chars: string[][] = Array.from({ length: line.length }, () => []);
    const paint = (start: number, end: number, scopes: string[]): void => {
      for (let i = start; i < end && i < line.length; i += 1) chars[i] = scopes;
    };
    const paintCaptures = (captures: Captures, found: RegExpExecArray, base: string[]): void => {
      if (captures === undefined) return;
      for (const [key, capture] of Object.entries(captures)) {
        const range = found.indices?.[Number(key)];
        if (range === undefined || capture.name === undefined) continue;
        paint(range[0], range[1], [...base, capture.name]);
      }
    };
    let pos = 0;
    let stalled = 0;
    while (pos <= line.length && stalled < 3) {
      const top = stack.at(-1);
      const scopes = top?.scopes ?? [grammar.scopeName];
      let best: { kind: 'end' | 'rule'; found: RegExpExecArray; rule?: GrammarRule } | undefined;
      if (top !== undefined) {
        const found = search(top.end, line, pos);
        if (found !== null) best = { kind: 'end', found };
      }
      // Earliest match wins; on a tie the end pattern, then the first rule listed, as in VS Code.
      for (const rule of flatten(grammar, top?.rule.patterns ?? (top ? [] : grammar.patterns))) {
        const found = search(compile(rule.match ?? rule.begin ?? ''), line, pos);
        if (found !== null && (best === undefined || found.index < best.found.index)) {
          best = { kind: 'rule', found, rule };
        }
      }
      if (best === undefined) {
        paint(pos, line.length, scopes);
        break;
      }
      const { found, rule } = best;
      const after = found.index + found[0].length;
      paint(pos, found.index, scopes);
      if (best.kind === 'end' && top !== undefined) {
        paint(found.index, after, scopes);
        paintCaptures(top.rule.endCaptures ?? top.rule.captures, found, scopes);
        stack.pop();
      } else if (rule !== undefined) {
        const ruleScopes = rule.name === undefined ? scopes : [...scopes, rule.name];
        paint(found.index, after, ruleScopes);
        if (rule.match !== undefined) {
          paintCaptures(rule.captures, found, ruleScopes);
        } else {
          paintCaptures(rule.beginCaptures ?? rule.captures, found, ruleScopes);
          const inner =
            rule.contentName === undefined ? ruleScopes : [...ruleScopes, rule.contentName];
          stack.push({ rule, end: compile(rule.end ?? '$'), scopes: inner });
        }
      }
      stalled = after === pos ? stalled + 1 : 0;
      pos = after === pos && best.kind === 'rule' && rule?.match !== undefined ? pos + 1 : after;
    }
    return chars;
  });
}

/** Scopes of the first character of the `occurrence`-th `needle` in a one-line input. */
export function scopesOf(grammar: Grammar, line: string, needle: string, occurrence = 0): string[] {
  let index = -1;
  for (let i = 0; i <= occurrence; i += 1) {
    index = line.indexOf(needle, index + 1);
    if (index < 0) throw new Error(`"${needle}" not found in "${line}"`);
  }
  const [chars] = tokenize(grammar, [line]);
  return chars?.[index] ?? [];
}
