/**
 * Builds what one node's keepalived would read: includes followed through the host's `FileHost`,
 * `@id` / `@^id` lines selected for the node's config-id and `$NAME` parameters substituted.
 *
 * Expanded nodes keep the offsets of the file they were written in, so findings on them land on
 * the original text. A word whose parameters cannot all be resolved keeps its `refs`: rules treat
 * such words (and templates) as opaque and never check them.
 */
import type { FileHost } from '../../common/file-host.js';
import type { Finding } from '../../common/rule.js';
import type {
  KeepalivedBlock,
  KeepalivedConfig,
  KeepalivedInclude,
  KeepalivedItem,
  KeepalivedNode,
  KeepalivedWord,
} from '../ast.js';
import { parseKeepalived } from '../index.js';
import { expandBraces, MAX_BRACE_ALTERNATIVES, MAX_GLOB_LENGTH } from '../../common/glob.js';

/** Inputs of an expansion. */
interface ExpandOptions {
  /** Identifier of the document (its URI or path), used to resolve relative includes. */
  readonly uri: string;
  readonly files?: FileHost | undefined;
  /** The node's config-id; undefined keeps every `@` line. */
  readonly configId?: string | undefined;
  /**
   * Values for `$NAME` parameters the files do not define (a cluster node's `env`); a definition
   * in the files wins.
   */
  readonly env?: Readonly<Record<string, string>> | undefined;
}

/** An expanded node view plus the problems met while building it. */
interface Expansion {
  readonly items: readonly KeepalivedNode[];
  /** File of a node that came from an include (undefined for the document itself). */
  uriOf(node: KeepalivedNode): string | undefined;
  /** Include problems (missing files, cycles), located on the include line. */
  readonly includeFindings: readonly Finding[];
  /** Every file read through an include, nested ones too. */
  readonly included: ReadonlySet<string>;
  /**
   * Places where a safety limit stopped the expansion (include budget, parameter cycles and
   * sizes); reported with the code `analysis-limit`.
   */
  readonly limitFindings: readonly Finding[];
}

/** Deepest include nesting followed; keepalived itself stops much earlier on real cycles. */
const MAX_INCLUDE_DEPTH = 16;
/** Bound on nested parameter substitution, so `$A=$B`, `$B=$A` cannot loop. */
const MAX_PARAM_DEPTH = 16;
/**
 * Most files one expansion includes, counting a file each time it is included: N files that each
 * include `k*.conf`, or an include "diamond", otherwise grow factorially or exponentially.
 */
export const MAX_INCLUDED_FILES = 1000;
/** Most characters of included text one expansion parses, counted per inclusion as above. */
const MAX_INCLUDED_CHARS = 32 * 1024 * 1024;
/**
 * Longest text one word may expand to. keepalived gives up on a line longer than its buffer
 * ("would exceed maximum line length"), so `$A=$A$A` never ends for it either.
 */
const MAX_WORD_EXPANSION = 64 * 1024;
/** Most characters all parameter substitutions of one expansion may produce together. */
const MAX_TOTAL_EXPANSION = 4 * 1024 * 1024;

/** Last parse of each included file, reused while its text is unchanged. */
const includeParses = new Map<string, { text: string; config: KeepalivedConfig }>();

function parseIncluded(uri: string, text: string): KeepalivedConfig {
  const cached = includeParses.get(uri);
  if (cached && cached.text === text) return cached.config;
  const config = parseKeepalived(text).ast;
  if (includeParses.size > 256) includeParses.clear();
  includeParses.set(uri, { text, config });
  return config;
}

/** Expands a parsed document into a node view. */
export function expandKeepalived(config: KeepalivedConfig, options: ExpandOptions): Expansion {
  const uris = new WeakMap<KeepalivedNode, string>();
  const findings: Finding[] = [];
  const params = new Map<string, string>();
  const stack: string[] = [options.uri];
  const included = new Set<string>();
  const limits: Finding[] = [];
  // Each file is read once per expansion however often it is included.
  const texts = new Map<string, string | undefined>();
  let includedFiles = 0;
  let includedChars = 0;
  let includesExhausted = false;
  let substituted = 0;
  let substitutionExhausted = false;

  const selected = (node: KeepalivedNode): boolean => {
    const condition = node.condition;
    if (!condition || options.configId === undefined) return true;
    return condition.negated
      ? condition.id !== options.configId
      : condition.id === options.configId;
  };

  /**
   * Substitutes parameters in `text` (written at `at`); undefined when one of them is not
   * defined, or when the substitution passes a limit (which is then reported at `at`). Passes
   * repeat, as keepalived re-reads substituted text, until nothing changes.
   */
  const substitute = (text: string, at: Omit<Finding, 'message'>): string | undefined => {
    if (substitutionExhausted) return undefined;
    let current = text;
    for (let pass = 0; pass <= MAX_PARAM_DEPTH; pass++) {
      let failed = false;
      let overflow = false;
      let length = current.length;
      const result = current.replace(
        /\$\{([A-Za-z_][A-Za-z0-9_]*)\}|\$([A-Za-z_][A-Za-z0-9_]*)/g,
        (match, braced?: string, plain?: string) => {
          if (failed || overflow) return match;
          const name = braced ?? plain ?? '';
          const env = options.env;
          const value =
            params.get(name) ?? (env && Object.hasOwn(env, name) ? env[name] : undefined);
          if (value === undefined) {
            failed = true;
            return match;
          }
          // Stop growing as soon as the word is too long, before the string is built.
          length += value.length - match.length;
          if (length > MAX_WORD_EXPANSION) overflow = true;
          return overflow ? match : value;
        },
      );
      if (failed) return undefined;
      substituted += result.length;
      if (substituted > MAX_TOTAL_EXPANSION) {
        substitutionExhausted = true;
        limits.push({
          ...at,
          message: `Parameter substitution in this file produces more than ${MAX_TOTAL_EXPANSION / (1024 * 1024)} MiB of text: halint stops expanding parameters here and treats the remaining ones as unknown.`,
        });
        return undefined;
      }
      if (overflow || result.length > MAX_WORD_EXPANSION) {
        limits.push({
          ...at,
          message: `This word expands to more than ${MAX_WORD_EXPANSION / 1024} KiB: a parameter grows with every substitution (such as $A=$A$A) or the chain of parameters is too long. keepalived gives up on the line ("would exceed maximum line length"); halint does not check it.`,
        });
        return undefined;
      }
      if (!result.includes('$') || result === current) return result;
      current = result;
    }
    limits.push({
      ...at,
      message: `The parameters of this word still hold parameters after ${MAX_PARAM_DEPTH} substitutions: they refer to each other in a cycle (such as $A=$B and $B=$A). halint does not check it.`,
    });
    return undefined;
  };

  /** The word with parameters substituted: one or several words, or the original if unresolved. */
  const expandWord = (
    word: KeepalivedWord,
    uri: string | undefined,
  ): KeepalivedWord[] | undefined => {
    if (word.refs.length === 0 || word.hasTemplate) return [word];
    const at = { start: word.start, end: word.end, ...(uri !== undefined ? { uri } : {}) };
    const value = substitute(word.value, at);
    if (value === undefined) return undefined;
    if (value.includes('\n')) return undefined;
    // keepalived substitutes text before splitting the line, so a value may hold several words.
    const parts = word.quoting === 'none' ? value.split(/\s+/).filter(Boolean) : [value];
    return parts.map((part) => ({ ...word, value: part, refs: [] }));
  };

  const expandItem = (item: KeepalivedItem, uri: string | undefined, depth: number) => {
    let keyword: KeepalivedWord = item.keyword;
    let args: readonly KeepalivedWord[] = item.args;
    const hasRefs = item.keyword.refs.length > 0 || item.args.some((arg) => arg.refs.length > 0);
    if (hasRefs) {
      const words = [item.keyword, ...item.args].map((word) => expandWord(word, uri));
      const first = words[0];
      if (first && first.length > 0 && words.every((w) => w !== undefined)) {
        const flat = words.flatMap((w) => w ?? []);
        keyword = flat[0] ?? item.keyword;
        args = flat.slice(1);
      } else if (first && first.length > 0) {
        // Arguments that stay unresolved keep their refs; the keyword is known.
        const flat = [item.keyword, ...item.args].flatMap((word, index) =>
          index === 0 ? first : (words[index] ?? [word]),
        );
        keyword = flat[0] ?? item.keyword;
        args = flat.slice(1);
      }
    }
    let block: KeepalivedBlock | undefined = item.block;
    if (item.block) {
      const inner = expandList(item.block.items, uri, depth);
      if (inner !== item.block.items) block = { ...item.block, items: inner };
    }
    const result: KeepalivedItem =
      keyword === item.keyword && args === item.args && block === item.block
        ? item
        : { ...item, keyword, args, block };
    return result;
  };

  const followInclude = (
    include: KeepalivedInclude,
    uri: string | undefined,
    depth: number,
    out: KeepalivedNode[],
  ): void => {
    const files = options.files;
    const path = include.path;
    if (!files || !path || path.hasTemplate) return;
    const at = { start: path.start, end: path.end, ...(uri !== undefined ? { uri } : {}) };
    const pattern = path.refs.length > 0 ? substitute(path.value, at) : path.value;
    if (pattern === undefined) return;
    if (includesExhausted) return;
    if (expandBraces(pattern) === undefined) {
      limits.push({
        ...at,
        message: `This include pattern is longer than ${MAX_GLOB_LENGTH} characters or expands into more than ${MAX_BRACE_ALTERNATIVES} patterns: halint does not follow it.`,
      });
      return;
    }
    const from = uri ?? options.uri;
    const matches = files.glob(pattern, from);
    if (matches.length === 0) {
      findings.push({
        ...at,
        message: `Keepalived finds no file matching '${pattern}' (it logs "Config files missing").`,
      });
      return;
    }
    // Confinement: files outside the folders the host allows are named, never read.
    const refused = new Set(files.outside ? matches.filter((match) => files.outside?.(match)) : []);
    const [firstRefused] = refused;
    if (firstRefused !== undefined) {
      const more = refused.size > 1 ? ` and ${refused.size - 1} more` : '';
      findings.push({
        ...at,
        message: `'${firstRefused}'${more} lie${refused.size > 1 ? '' : 's'} outside the folders halint reads (the workspace, or the folders given to halint): not followed. To follow includes there, list the folder in "includeRoots" of .halint.json.`,
      });
    }
    for (const match of matches) {
      if (refused.has(match)) continue;
      if (stack.includes(match)) {
        findings.push({
          ...at,
          message: `'${match}' is already being included: this include forms a cycle and is not followed.`,
        });
        continue;
      }
      if (depth >= MAX_INCLUDE_DEPTH) {
        limits.push({
          ...at,
          message: `Includes are nested more than ${MAX_INCLUDE_DEPTH} deep here: halint does not follow '${match}'.`,
        });
        continue;
      }
      let text = texts.get(match);
      if (!texts.has(match)) {
        text = files.readFile(match);
        texts.set(match, text);
      }
      if (text === undefined) {
        findings.push({ ...at, message: `Keepalived cannot read '${match}'.` });
        continue;
      }
      includedFiles++;
      includedChars += text.length;
      if (includedFiles > MAX_INCLUDED_FILES || includedChars > MAX_INCLUDED_CHARS) {
        // One finding for the whole expansion: every later include would repeat it.
        includesExhausted = true;
        limits.push({
          ...at,
          message: `This configuration includes more than ${MAX_INCLUDED_FILES} files or ${MAX_INCLUDED_CHARS / (1024 * 1024)} MiB in all (a file counts each time it is included): halint stops following includes here.`,
        });
        return;
      }
      stack.push(match);
      included.add(match);
      const items = expandList(parseIncluded(match, text).items, match, depth + 1);
      stack.pop();
      for (const node of items) out.push(node);
      if (includesExhausted) return;
    }
  };

  function expandList(
    nodes: readonly KeepalivedNode[],
    uri: string | undefined,
    depth: number,
  ): readonly KeepalivedNode[] {
    let changed = false;
    const out: KeepalivedNode[] = [];
    for (const node of nodes) {
      if (!selected(node)) {
        changed = true;
        continue;
      }
      if (node.kind === 'definition') {
        params.set(node.name, node.value);
        out.push(node);
      } else if (node.kind === 'include') {
        changed = true;
        followInclude(node, uri, depth, out);
      } else if (node.kind === 'item') {
        const expanded = expandItem(node, uri, depth);
        if (expanded !== node) changed = true;
        out.push(expanded);
      } else {
        out.push(node);
      }
    }
    // Each nested list passes through here too, so children are registered by their own call;
    // nodes spliced in from a deeper include keep the file they were registered with first.
    if (uri !== undefined) for (const node of out) if (!uris.has(node)) uris.set(node, uri);
    return changed ? out : nodes;
  }

  const items = expandList(config.items, undefined, 0);
  return {
    items,
    uriOf: (node) => uris.get(node),
    includeFindings: findings,
    included,
    limitFindings: limits,
  };
}
