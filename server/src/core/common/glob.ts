/**
 * Glob patterns as keepalived's glob(3) call reads them (`*`, `?`, `[…]`, `{a,b}`), without
 * regular expressions: a pattern comes from a file anyone may propose, so matching must not
 * backtrack exponentially (`*a*a*a*a*b` against a long name) nor build an invalid expression
 * (`[z-a]`), and brace expansion must not recurse once per nesting level.
 */

/** Longest pattern followed; glob(3) works on paths, which Linux bounds at 4,096 bytes. */
export const MAX_GLOB_LENGTH = 4096;
/** Most patterns one `{a,b}` expansion may produce. */
export const MAX_BRACE_ALTERNATIVES = 1024;

/** One element of a compiled path segment. */
type Part =
  | { readonly kind: 'star' }
  | { readonly kind: 'any' }
  | { readonly kind: 'char'; readonly char: string }
  | {
      readonly kind: 'class';
      readonly negated: boolean;
      /** Inclusive code point ranges; a single character is a range of one. */
      readonly ranges: readonly (readonly [number, number])[];
    };

/** True when a segment holds a wildcard and must be matched against directory entries. */
export function hasGlobMagic(segment: string): boolean {
  return /[*?[]/.test(segment);
}

/**
 * Expands `{a,b}` groups into plain patterns, outermost first, as GLOB_BRACE does. A `{` without
 * a matching `}` stays literal. Returns undefined when the pattern is too long or expands into
 * more than {@link MAX_BRACE_ALTERNATIVES} patterns: the caller reports the limit.
 */
export function expandBraces(pattern: string): string[] | undefined {
  if (pattern.length > MAX_GLOB_LENGTH) return undefined;
  const done: string[] = [];
  // A work list instead of recursion: every step removes one group from one pattern.
  const pending = [pattern];
  let steps = 0;
  while (pending.length > 0) {
    if (++steps > 4 * MAX_BRACE_ALTERNATIVES) return undefined;
    const current = pending.pop() as string;
    const group = firstGroup(current);
    if (group === undefined) {
      done.push(current);
      if (done.length > MAX_BRACE_ALTERNATIVES) return undefined;
      continue;
    }
    const prefix = current.slice(0, group.open);
    const suffix = current.slice(group.close + 1);
    // Pushed in reverse so that the alternatives come out in written order.
    for (let i = group.alternatives.length - 1; i >= 0; i--) {
      pending.push(prefix + (group.alternatives[i] ?? '') + suffix);
    }
    if (pending.length + done.length > MAX_BRACE_ALTERNATIVES) return undefined;
  }
  return done;
}

/** The first `{…}` with a matching `}` and its top-level alternatives. */
function firstGroup(
  text: string,
): { open: number; close: number; alternatives: string[] } | undefined {
  for (let open = text.indexOf('{'); open !== -1; open = text.indexOf('{', open + 1)) {
    let depth = 0;
    let from = open + 1;
    const alternatives: string[] = [];
    for (let i = open + 1; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 123) depth++;
      else if (c === 125) {
        if (depth === 0) {
          alternatives.push(text.slice(from, i));
          return { open, close: i, alternatives };
        }
        depth--;
      } else if (c === 44 && depth === 0) {
        alternatives.push(text.slice(from, i));
        from = i + 1;
      }
    }
    // Unmatched here: this `{` is literal, but a later one may still open a group.
  }
  return undefined;
}

function compile(segment: string): Part[] {
  const parts: Part[] = [];
  for (let i = 0; i < segment.length; i++) {
    const c = segment.charAt(i);
    if (c === '*') {
      // Consecutive stars match what one does.
      if (parts[parts.length - 1]?.kind !== 'star') parts.push({ kind: 'star' });
    } else if (c === '?') parts.push({ kind: 'any' });
    else if (c === '[') {
      const parsed = compileClass(segment, i);
      if (parsed === undefined) parts.push({ kind: 'char', char: c });
      else {
        parts.push(parsed.part);
        i = parsed.end;
      }
    } else parts.push({ kind: 'char', char: c });
  }
  return parts;
}

/** A bracket expression starting at `open`, or undefined when it is never closed (literal `[`). */
function compileClass(segment: string, open: number): { part: Part; end: number } | undefined {
  let i = open + 1;
  const negated = segment[i] === '!' || segment[i] === '^';
  if (negated) i++;
  const first = i;
  const ranges: [number, number][] = [];
  for (; i < segment.length; i++) {
    const c = segment.charAt(i);
    // A `]` right after the opening (or its negation) is a member, not the end.
    if (c === ']' && i > first) return { part: { kind: 'class', negated, ranges }, end: i };
    const low = segment.codePointAt(i) ?? 0;
    if (segment[i + 1] === '-' && i + 2 < segment.length && segment[i + 2] !== ']') {
      // A reversed range such as `z-a` matches nothing, as in fnmatch(3); it is not an error.
      ranges.push([low, segment.codePointAt(i + 2) ?? 0]);
      i += 2;
    } else ranges.push([low, low]);
  }
  return undefined;
}

function matchesPart(part: Part, char: string): boolean {
  switch (part.kind) {
    case 'any':
      return true;
    case 'char':
      return part.char === char;
    case 'class': {
      const code = char.codePointAt(0) ?? 0;
      const inside = part.ranges.some(([low, high]) => code >= low && code <= high);
      return inside !== part.negated;
    }
    case 'star':
      return false;
  }
}

/**
 * A matcher for one path segment (no `/`, braces already expanded). Matching keeps only the
 * last star to retry from, so it takes at most name × pattern steps, never exponential time.
 * A wildcard never matches a leading dot unless the pattern starts with one, as in glob(3).
 */
export function segmentMatcher(segment: string): (name: string) => boolean {
  const parts = compile(segment);
  const dotAllowed = segment.startsWith('.');
  return (name) => {
    if (name.startsWith('.') && !dotAllowed) return false;
    let p = 0;
    let n = 0;
    let starAt = -1;
    let starName = 0;
    while (n < name.length) {
      const part = parts[p];
      if (part?.kind === 'star') {
        starAt = p++;
        starName = n;
        continue;
      }
      if (part !== undefined && matchesPart(part, name.charAt(n))) {
        p++;
        n++;
        continue;
      }
      if (starAt === -1) return false;
      // Let the last star take one more character and try the rest again.
      p = starAt + 1;
      n = ++starName;
    }
    while (parts[p]?.kind === 'star') p++;
    return p === parts.length;
  };
}

/**
 * A matcher for one segment that may still hold braces (`*.{conf,inc}`); undefined when the
 * segment passes the limits of {@link expandBraces}.
 */
export function globSegmentMatcher(segment: string): ((name: string) => boolean) | undefined {
  const alternatives = expandBraces(segment);
  if (alternatives === undefined) return undefined;
  const matchers = alternatives.map(segmentMatcher);
  return (name) => matchers.some((matches) => matches(name));
}
