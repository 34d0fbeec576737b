/**
 * Chevrotain parser for keepalived.conf token streams. The grammar accepts every token sequence, so
 * Chevrotain never has to resynchronise: the syntax problems are reported by the actions, precisely
 * and without the cascades keepalived itself produces after a stray brace.
 */
import { EmbeddedActionsParser, type IToken, type TokenType } from 'chevrotain';
import type { Issue } from '../common/issue.js';
import type {
  IncludeVariant,
  KeepalivedBlock,
  KeepalivedCondition,
  KeepalivedDefinition,
  KeepalivedNode,
  KeepalivedWord,
} from './ast.js';
import {
  allTokenTypes,
  Condition,
  Definition,
  LCurly,
  Newline,
  RCurly,
  Sequence,
  Word,
  type ConditionPayload,
  type DefinitionPayload,
  type SequencePayload,
} from './lexer.js';
import { syntaxIssue } from './syntax-issues.js';

const INCLUDE_VARIANTS: ReadonlySet<string> = new Set([
  'include',
  'includer',
  'includem',
  'includew',
  'includeb',
  'includea',
]);

/** What one parse of a token region produces. */
interface RegionParse {
  /** Top-level nodes in order. */
  readonly nodes: KeepalivedNode[];
  /** Offsets just after each top-level line end: the places where the region may be cut. */
  readonly boundaries: number[];
  readonly issues: Issue[];
}

function endOf(token: IToken): number {
  return token.endOffset ?? token.startOffset;
}

/** Closing data of a block being parsed. */
interface OpenBlock {
  readonly open: IToken;
  readonly owner: IToken;
  readonly items: KeepalivedNode[];
}

/*
 * Performance note: every callback handed to the parsing DSL is created once (as a field) instead
 * of per rule call, and semantic work is skipped with RECORDING_PHASE instead of ACTION closures.
 * Rule state (depth, output list, words) lives on the instance; the parser is not re-entrant,
 * which is fine for a synchronous singleton.
 */
class KeepalivedTokenParser extends EmbeddedActionsParser {
  private issues: Issue[] = [];
  private boundaries: number[] = [];
  private depth = 0;
  private out: KeepalivedNode[] = [];
  private condition: KeepalivedCondition | undefined;
  private words: KeepalivedWord[] = [];
  private block: KeepalivedBlock | undefined;
  private opened: OpenBlock | undefined;
  private itemFirst: IToken | undefined;
  private closeAt: number | undefined;
  private closeCondition: ConditionPayload | undefined;

  constructor() {
    super(allTokenTypes, { recoveryEnabled: true, maxLookahead: 1 });
    this.performSelfAnalysis();
  }

  /** Parses a token vector that starts at a top-level line start. */
  parseRegion(tokens: IToken[]): RegionParse {
    this.issues = [];
    this.boundaries = [];
    this.depth = 0;
    this.out = [];
    const nodes = this.out;
    this.input = tokens;
    this.statements();
    for (const error of this.errors) {
      // Unreachable with this total grammar; kept so that a grammar slip is visible, not silent.
      const token = error.token;
      this.issues.push(
        syntaxIssue('syntax-error', 'error', error.message, token.startOffset, endOf(token) + 1),
      );
    }
    const result = { nodes, boundaries: this.boundaries, issues: this.issues };
    this.input = [];
    this.out = [];
    return result;
  }

  /** True when the next tokens are line ends followed by `{`: a block opened on a later line. */
  private readonly braceFollows = (): boolean => {
    let k = 1;
    let type: TokenType = this.LA(k).tokenType;
    while (type === Newline) type = this.LA(++k).tokenType;
    return type === LCurly;
  };

  private readonly continues = (): boolean => this.depth === 0 || this.LA(1).tokenType !== RCurly;

  private readonly onNewline = (): void => {
    const token = this.CONSUME(Newline);
    if (!this.RECORDING_PHASE && this.depth === 0) this.boundaries.push(endOf(token) + 1);
  };

  private readonly onStatement = (): void => {
    this.SUBRULE(this.statement);
  };

  private readonly onStrayOpen = (): void => {
    const open = this.CONSUME(LCurly);
    if (!this.RECORDING_PHASE) {
      this.issues.push(
        syntaxIssue(
          'unexpected-open-brace',
          'error',
          "This '{' does not follow a keyword, so keepalived ignores it and mis-nests what comes after; remove it or put the keyword before it.",
          open.startOffset,
          open.startOffset + 1,
        ),
      );
    }
    // Its content is parsed for its own findings, then dropped: it belongs to no keyword.
    this.opened = { open, owner: open, items: [] };
    this.SUBRULE(this.blockRest);
  };

  private readonly onStrayClose = (): void => {
    const close = this.CONSUME(RCurly);
    if (!this.RECORDING_PHASE) {
      this.issues.push(
        syntaxIssue(
          'unexpected-close-brace',
          'error',
          "This '}' closes no block (keepalived reports an extra '}'); remove it or add the missing '{'.",
          close.startOffset,
          close.startOffset + 1,
        ),
      );
    }
  };

  private readonly statementAlts = [
    { ALT: this.onNewline },
    { ALT: this.onStatement },
    { ALT: this.onStrayOpen },
    { ALT: this.onStrayClose },
  ];

  private readonly statementStep = (): void => {
    this.OR(this.statementAlts);
  };

  private readonly statementLoop = { GATE: this.continues, DEF: this.statementStep };

  private readonly statements = this.RULE('statements', () => {
    this.MANY(this.statementLoop);
  });

  private readonly onCondition = (): void => {
    const token = this.CONSUME(Condition);
    if (this.RECORDING_PHASE) return;
    const payload = token.payload as ConditionPayload;
    this.condition = {
      id: payload.id,
      negated: payload.negated,
      start: token.startOffset,
      end: endOf(token) + 1,
    };
  };

  private readonly onDefinition = (): void => {
    const token = this.CONSUME(Definition);
    if (this.RECORDING_PHASE) return;
    const payload = token.payload as DefinitionPayload;
    const condition = this.condition;
    const definition: KeepalivedDefinition = {
      kind: 'definition',
      start: condition?.start ?? token.startOffset,
      end: endOf(token) + 1,
      condition,
      ...payload,
    };
    this.emit(definition);
  };

  private readonly onSequence = (): void => {
    const token = this.CONSUME(Sequence);
    if (this.RECORDING_PHASE) return;
    const payload = token.payload as SequencePayload;
    const condition = this.condition;
    this.emit({
      kind: 'sequence',
      start: condition?.start ?? token.startOffset,
      end: endOf(token) + 1,
      condition,
      generators: payload.generators,
      body: payload.body,
    });
  };

  private readonly onArg = (): void => {
    const token = this.CONSUME2(Word);
    if (!this.RECORDING_PHASE) this.words.push(token.payload as KeepalivedWord);
  };

  private readonly onBlankBeforeBrace = (): void => {
    this.CONSUME2(Newline);
  };

  private readonly onBlock = (): void => {
    this.MANY2(this.onBlankBeforeBrace);
    const open = this.CONSUME(LCurly);
    this.opened = { open, owner: this.itemFirst ?? open, items: [] };
    this.SUBRULE(this.blockRest);
  };

  private readonly blockOption = { GATE: this.braceFollows, DEF: this.onBlock };

  private readonly onItem = (): void => {
    const first = this.CONSUME(Word);
    this.itemFirst = first;
    const condition = this.condition;
    const words: KeepalivedWord[] = [];
    this.words = words;
    this.MANY3(this.onArg);
    this.block = undefined;
    this.OPTION2(this.blockOption);
    if (this.RECORDING_PHASE) return;
    const block = this.block as KeepalivedBlock | undefined;
    this.block = undefined;
    if (block) this.checkConditionalBlock(condition, block);
    this.emit(this.makeItem(first.payload as KeepalivedWord, words, block, condition));
  };

  private readonly bodyAlts = [
    { ALT: this.onDefinition },
    { ALT: this.onSequence },
    { ALT: this.onItem },
  ];

  private readonly body = this.RULE('body', () => {
    this.OR2(this.bodyAlts);
  });

  private readonly onConditionedBody = (): void => {
    this.SUBRULE(this.body);
  };

  private readonly onConditioned = (): void => {
    this.onCondition();
    this.OPTION3(this.onConditionedBody);
  };

  private readonly onPlainBody = (): void => {
    this.SUBRULE2(this.body);
  };

  private readonly headAlts = [{ ALT: this.onConditioned }, { ALT: this.onPlainBody }];

  private readonly statement = this.RULE('statement', () => {
    const previous = this.LA(0);
    const start = this.LA(1).startOffset;
    const count = this.out.length;
    this.condition = undefined;
    this.OR3(this.headAlts);
    this.condition = undefined;
    if (this.RECORDING_PHASE || previous.tokenType !== RCurly) return;
    const node = this.out.length > count ? this.out[this.out.length - 1] : undefined;
    this.issues.push(
      syntaxIssue(
        'text-after-brace',
        'warning',
        "Text follows a '}' on the same line; keepalived reads it as a new line, which is easy to misread. Move it to its own line.",
        start,
        node ? lineEnd(node) : endOf(this.LA(0)) + 1,
      ),
    );
  });

  private readonly onClose = (): void => {
    const previous = this.LA(0);
    this.closeAt = this.CONSUME(RCurly).startOffset;
    this.closeCondition =
      previous.tokenType === Condition ? (previous.payload as ConditionPayload) : undefined;
  };

  /** Block content after its `{` (described by `this.opened`), up to its `}` if there is one. */
  private readonly blockRest = this.RULE('blockRest', () => {
    const opened = this.opened;
    const outerOut = this.out;
    const outerDepth = this.depth;
    if (opened) this.out = opened.items;
    this.depth = outerDepth + 1;
    this.SUBRULE(this.statements);
    this.out = outerOut;
    this.depth = outerDepth;
    this.closeAt = undefined;
    this.OPTION(this.onClose);
    const close = this.closeAt;
    if (this.RECORDING_PHASE || !opened) return;
    if (close === undefined) {
      this.issues.push(
        syntaxIssue(
          'missing-close-brace',
          'error',
          "This '{' is never closed: keepalived reports a missing '}'. Add the '}' that ends this block.",
          opened.owner.startOffset,
          opened.open.startOffset + 1,
        ),
      );
    }
    this.block = { open: opened.open.startOffset, close, items: opened.items };
  });

  /**
   * keepalived drops a conditional line before splitting it at braces, so where the condition fails
   * a conditional `{` disappears while the block body and its `}` remain (or the reverse for a
   * conditional `}`): the file no longer nests. Opening and closing lines need the same prefix.
   */
  private checkConditionalBlock(
    condition: KeepalivedCondition | undefined,
    block: KeepalivedBlock,
  ): void {
    const closing = this.closeCondition;
    this.closeCondition = undefined;
    if (block.close === undefined) return;
    if (condition === undefined && closing === undefined) return;
    if (
      closing &&
      condition &&
      closing.id === condition.id &&
      closing.negated === condition.negated
    ) {
      return;
    }
    if (condition) {
      const prefix = `@${condition.negated ? '^' : ''}${condition.id}`;
      this.issues.push(
        syntaxIssue(
          'conditional-block',
          'warning',
          `Where '${prefix}' does not apply, keepalived drops this line with its '{' but still reads the block's lines and its '}', which breaks the nesting. Put '${prefix}' on every line of the block, the closing '}' included.`,
          condition.start,
          block.open + 1,
        ),
      );
    } else if (closing) {
      const prefix = `@${closing.negated ? '^' : ''}${closing.id}`;
      this.issues.push(
        syntaxIssue(
          'conditional-block',
          'warning',
          `Where '${prefix}' does not apply, keepalived drops this closing '}' although the block was opened unconditionally, so the block swallows what follows. Remove the prefix or put it on the opening line too.`,
          block.close,
          block.close + 1,
        ),
      );
    }
  }

  private emit(node: KeepalivedNode): void {
    this.out.push(node);
  }

  private makeItem(
    keyword: KeepalivedWord,
    args: KeepalivedWord[],
    block: KeepalivedBlock | undefined,
    condition: KeepalivedCondition | undefined,
  ): KeepalivedNode {
    const start = condition?.start ?? keyword.start;
    let end = keyword.end;
    const lastArg = args[args.length - 1];
    if (lastArg) end = lastArg.end;
    if (block) end = block.close === undefined ? blockEnd(block) : block.close + 1;
    if (!block && INCLUDE_VARIANTS.has(keyword.raw)) {
      const [path, ...extra] = args;
      if (!path) {
        this.issues.push(
          syntaxIssue(
            'missing-include-path',
            'error',
            `'${keyword.raw}' needs a file name or glob; without one keepalived reports an unknown keyword.`,
            keyword.start,
            keyword.end,
          ),
        );
      }
      return {
        kind: 'include',
        start,
        end,
        condition,
        variant: keyword.raw as IncludeVariant,
        keyword,
        path,
        extra,
      };
    }
    return { kind: 'item', start, end, condition, keyword, args, block };
  }
}

/** End of the first line of a node, for ranges that should not span a whole block. */
function lineEnd(node: KeepalivedNode): number {
  switch (node.kind) {
    case 'item':
      return node.args[node.args.length - 1]?.end ?? node.keyword.end;
    case 'include':
      return node.path?.end ?? node.keyword.end;
    case 'definition':
    case 'sequence':
      return node.end;
  }
}

/** End offset of an unclosed block: its last node, or just after its `{`. */
function blockEnd(block: KeepalivedBlock): number {
  const last = block.items[block.items.length - 1];
  return last ? Math.max(last.end, block.open + 1) : block.open + 1;
}

/**
 * Deepest block nesting that is parsed. The parser descends one level of recursion per block, so
 * without a bound a few hundred `a {` lines overflow the stack; real configurations nest about
 * five deep (virtual_server, real_server, checker, url).
 */
const MAX_BLOCK_DEPTH = 64;

/**
 * Drops the tokens of blocks nested deeper than {@link MAX_BLOCK_DEPTH} (the `{`, the content and
 * the matching `}`), reporting each dropped block once. Braces are counted as the parser nests
 * them: a `}` at the top level closes nothing. The input array is returned when nothing is dropped.
 */
function limitNesting(tokens: IToken[]): { tokens: IToken[]; issues: Issue[] } {
  let depth = 0;
  let kept: IToken[] | undefined;
  const issues: Issue[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i] as IToken;
    const type = token.tokenType;
    if (type === LCurly && depth === MAX_BLOCK_DEPTH) {
      kept ??= tokens.slice(0, i);
      // Skip to the matching `}` (or the end) with a counter: no recursion, linear in tokens.
      let inner = 0;
      let j = i;
      for (; j < tokens.length; j++) {
        const skipped = (tokens[j] as IToken).tokenType;
        if (skipped === LCurly) inner++;
        else if (skipped === RCurly && --inner === 0) break;
      }
      issues.push(
        syntaxIssue(
          'analysis-limit',
          'warning',
          `Blocks are nested more than ${MAX_BLOCK_DEPTH} deep here: halint does not check this block's content.`,
          token.startOffset,
          token.startOffset + 1,
        ),
      );
      i = j;
      continue;
    }
    if (type === LCurly) depth++;
    else if (type === RCurly && depth > 0) depth--;
    kept?.push(token);
  }
  return { tokens: kept ?? tokens, issues };
}

let singleton: KeepalivedTokenParser | undefined;

/** Parses a token vector with the shared parser instance (created on first use). */
export function parseTokens(tokens: IToken[]): RegionParse {
  singleton ??= new KeepalivedTokenParser();
  const limited = limitNesting(tokens);
  const result = singleton.parseRegion(limited.tokens);
  for (const issue of limited.issues) result.issues.push(issue);
  return result;
}
