import { compareVersions } from '../../common/catalog.js';
import type { HaproxyConfig } from '../ast.js';
import { MAX_EXPRESSION_DEPTH } from '../conditions.js';

/** Three-valued truth: `undefined` when the value depends on the build or the environment. */
type Truth = boolean | undefined;

const not = (a: Truth): Truth => (a === undefined ? undefined : !a);
const and = (a: Truth, b: Truth): Truth =>
  a === false || b === false ? false : a === true && b === true ? true : undefined;
const or = (a: Truth, b: Truth): Truth =>
  a === true || b === true ? true : a === false && b === false ? false : undefined;

/**
 * Whether the target version is at least `wanted`. The target is a `major.minor` line, so a
 * wanted patch level of that same line cannot be decided.
 */
function versionAtLeast(target: string, wanted: string): Truth {
  const parts = wanted.trim().split(/[.-]/);
  if (!/^\d+$/.test(parts[0] ?? '')) return undefined;
  const wantedLine = `${parts[0]}.${parts[1] ?? '0'}`;
  const byLine = compareVersions(target, wantedLine);
  if (byLine !== 0) return byLine > 0;
  return parts.slice(2).every((part) => /^0*$/.test(part)) ? true : undefined;
}

function literal(argument: string): string | undefined {
  return argument.includes('$') ? undefined : argument.trim().replace(/^(["'])(.*)\1$/, '$2');
}

/** Evaluates one predicate call against what is known statically. */
function predicate(name: string, args: string[], version: string): Truth {
  switch (name) {
    case 'version_atleast':
      return args[0] === undefined ? undefined : versionAtLeast(version, args[0]);
    case 'version_before':
      return args[0] === undefined ? undefined : not(versionAtLeast(version, args[0]));
    case 'streq':
    case 'strneq': {
      const a = literal(args[0] ?? '');
      const b = literal(args[1] ?? '');
      if (a === undefined || b === undefined) return undefined;
      return name === 'streq' ? a === b : a !== b;
    }
    case 'strstr': {
      const a = literal(args[0] ?? '');
      const b = literal(args[1] ?? '');
      return a === undefined || b === undefined ? undefined : a.includes(b);
    }
    default:
      // feature(), defined(), enabled(), the SSL library predicates: build or environment facts.
      return undefined;
  }
}

/** Operands, matched in place (sticky) so that no suffix of the expression is copied. */
const NUMBER = /\d+/y;
const NAME = /[A-Za-z_]\w*/y;

/**
 * Evaluates a `.if` expression as far as the target version allows. Anything malformed or
 * depending on the build (`feature(QUIC)`) or the environment (`defined(X)`) is `undefined`.
 */
export function evaluateExpression(expression: string, version: string): Truth {
  let at = 0;
  // Parenthesis nesting: recursion is bounded as in the syntax check (conditions.ts), deeper
  // expressions are simply unknown.
  let depth = 0;
  const blanks = (): void => {
    while (expression[at] === ' ' || expression[at] === '\t') at++;
  };
  const term = (): Truth => {
    blanks();
    // Negations are counted, not recursed into: a long run of `!` must not grow the stack.
    let negations = 0;
    while (expression[at] === '!') {
      at++;
      negations++;
      blanks();
    }
    const value = operand();
    return negations % 2 === 1 ? not(value) : value;
  };
  const operand = (): Truth => {
    if (expression[at] === '(') {
      if (depth >= MAX_EXPRESSION_DEPTH) {
        at = expression.length;
        return undefined;
      }
      at++;
      depth++;
      const value = disjunction();
      depth--;
      blanks();
      if (expression[at] === ')') at++;
      return value;
    }
    NUMBER.lastIndex = at;
    const number = NUMBER.exec(expression)?.[0];
    if (number !== undefined) {
      at += number.length;
      return Number(number) !== 0;
    }
    NAME.lastIndex = at;
    const name = NAME.exec(expression)?.[0];
    if (name === undefined || expression[at + name.length] !== '(') {
      at = expression.length;
      return undefined;
    }
    const close = expression.indexOf(')', at);
    if (close === -1) {
      at = expression.length;
      return undefined;
    }
    const args = expression.slice(at + name.length + 1, close).split(',');
    at = close + 1;
    return predicate(name, args, version);
  };
  const conjunction = (): Truth => {
    let value = term();
    blanks();
    while (expression.startsWith('&&', at)) {
      at += 2;
      value = and(value, term());
      blanks();
    }
    return value;
  };
  const disjunction = (): Truth => {
    let value = conjunction();
    blanks();
    while (expression.startsWith('||', at)) {
      at += 2;
      value = or(value, conjunction());
      blanks();
    }
    return value;
  };
  const value = disjunction();
  blanks();
  return at < expression.length ? undefined : value;
}

/** Which conditional branches can be taken at the target version. */
export interface BranchActivity {
  /**
   * False when the statement's branch, or a branch around it, is known never to be taken: such
   * lines are not seen by HAProxy, so checks skip them.
   */
  isLive(branch: number | undefined): boolean;
  /**
   * True when lines in these two branches can never be active together because they sit in
   * different arms of one `.if` block (so the same name defined in both is not a duplicate).
   */
  exclusive(a: number | undefined, b: number | undefined): boolean;
}

const cache = new WeakMap<HaproxyConfig, Map<string, BranchActivity>>();

/** Works out {@link BranchActivity} for a file and a target version (cached per tree and version). */
export function branchActivity(config: HaproxyConfig, version: string): BranchActivity {
  let byVersion = cache.get(config);
  if (!byVersion) {
    byVersion = new Map();
    cache.set(config, byVersion);
  }
  const cached = byVersion.get(version);
  if (cached) return cached;

  const { branches, blocks } = config;
  const dead = new Array<boolean>(branches.length).fill(false);
  for (const block of blocks) {
    let earlierTrue = false;
    for (const index of block.branches) {
      const branch = branches[index];
      if (!branch) continue;
      const truth: Truth =
        branch.kind === 'else'
          ? true
          : evaluateExpression(branch.directive.expression ?? '', version);
      if (earlierTrue || truth === false) dead[index] = true;
      if (truth === true) earlierTrue = true;
    }
  }
  const live = (branch: number | undefined): boolean => {
    for (let at = branch; at !== undefined; at = branches[at]?.parent) {
      if (dead[at]) return false;
    }
    return true;
  };
  const ancestry = (branch: number | undefined): number[] => {
    const chain: number[] = [];
    for (let at = branch; at !== undefined; at = branches[at]?.parent) chain.push(at);
    return chain;
  };
  const activity: BranchActivity = {
    isLive: live,
    exclusive(a, b) {
      if (a === undefined || b === undefined || a === b) return false;
      const chainB = ancestry(b);
      for (const x of ancestry(a)) {
        const blockX = branches[x]?.block;
        for (const y of chainB) {
          if (x !== y && blockX !== undefined && branches[y]?.block === blockX) return true;
        }
      }
      return false;
    },
  };
  byVersion.set(version, activity);
  return activity;
}
