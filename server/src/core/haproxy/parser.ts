/**
 * The Chevrotain parser of HAProxy configurations: one reused instance whose rules follow the
 * file's structure (config → section → line) over line tokens, building the AST in embedded
 * actions. The grammar accepts any sequence of lines, so there is nothing to recover from at this
 * level: every finding is about the content of a line and is reported by the builders.
 */
import { EmbeddedActionsParser, type IToken } from 'chevrotain';
import type { Issue } from '../common/issue.js';
import type { CommentNode, Item, Section, Statement, TemplateLine } from './ast.js';
import { buildLine, buildSection, buildStatement, isConditionalName } from './build-ast.js';
import { ConditionalState } from './conditional-blocks.js';
import {
  ALL_TOKENS,
  CommentLineToken,
  HeaderLineToken,
  TemplateLineToken,
  WordsLineToken,
  type LineContent,
} from './lexer.js';

/** What parsing one region of the text produced. */
export interface RegionResult {
  /** Lines before the first header; only meaningful when the region starts the file. */
  readonly preamble: Item[];
  readonly sections: Section[];
  /** Findings per segment: index 0 is the preamble, then one list per section. */
  readonly issues: Issue[][];
}

interface SectionDraft {
  header: Statement;
  items: Item[];
  issues: Issue[];
}

/** Start of the line holding `offset`. */
function lineStartBefore(text: string, offset: number): number {
  let at = offset;
  while (at > 0) {
    const c = text.charCodeAt(at - 1);
    if (c === 10) break;
    at--;
  }
  return at;
}

class HaproxyParser extends EmbeddedActionsParser {
  /** Per-run state, set by {@link HaproxyParser.run}. */
  private state = new ConditionalState();
  private preambleIssues: Issue[] = [];
  private currentIssues: Issue[] = [];

  constructor() {
    // Recovery stays on as a safety net: should a token sequence ever not fit, the rest of the
    // file must still be parsed rather than lost.
    super(ALL_TOKENS, { recoveryEnabled: true, maxLookahead: 1 });
    this.performSelfAnalysis();
  }

  /** The whole region: preamble lines, then sections. */
  public config = this.RULE('config', () => {
    const preamble: Item[] = [];
    const drafts: SectionDraft[] = [];
    this.MANY(() => {
      const item = this.SUBRULE(this.line);
      if (!this.RECORDING_PHASE) preamble.push(item);
    });
    this.MANY2(() => {
      const draft = this.SUBRULE(this.section);
      if (!this.RECORDING_PHASE) drafts.push(draft);
    });
    return { preamble, drafts };
  });

  /** A header line and every following line up to the next header. */
  private section = this.RULE('section', (): SectionDraft => {
    const issues: Issue[] = [];
    const items: Item[] = [];
    if (!this.RECORDING_PHASE) this.currentIssues = issues;
    const headerToken = this.CONSUME(HeaderLineToken);
    const header = this.RECORDING_PHASE
      ? (undefined as unknown as Statement)
      : this.statement(headerToken.payload as LineContent);
    // One closure per section rather than per line: the body loop runs for every line.
    this.MANY(() => {
      const item = this.SUBRULE2(this.line);
      if (!this.RECORDING_PHASE) items.push(item);
    });
    return { header, items, issues };
  });

  /**
   * The alternatives of a line, allocated once: building them on every call would create an
   * array, three objects and three closures per line.
   */
  private readonly lineAlternatives = [
    {
      ALT: (): Item => {
        const content = this.CONSUME(WordsLineToken).payload as LineContent;
        return this.RECORDING_PHASE ? (undefined as unknown as Item) : this.lineNode(content);
      },
    },
    { ALT: (): Item => this.CONSUME(CommentLineToken).payload as CommentNode },
    { ALT: (): Item => this.CONSUME(TemplateLineToken).payload as TemplateLine },
  ];

  /** One non-blank line inside a section or the preamble. */
  private line = this.RULE('line', (): Item => this.OR(this.lineAlternatives));

  private statement(content: LineContent): Statement {
    return buildStatement(content.words, content.comment, this.state.current, this.currentIssues);
  }

  private lineNode(content: LineContent): Item {
    const node = buildLine(content.words, content.comment, this.state.current, this.currentIssues);
    if (node.kind === 'directive' && isConditionalName(node.name)) this.state.apply(node.name);
    return node;
  }

  /** Runs the parser over `tokens`; see {@link parseRegion}. */
  run(
    tokens: IToken[],
    state: ConditionalState,
  ): { preamble: Item[]; drafts: SectionDraft[]; preambleIssues: Issue[] } {
    this.input = tokens;
    this.state = state;
    this.preambleIssues = [];
    this.currentIssues = this.preambleIssues;
    const { preamble, drafts } = this.config();
    return { preamble, drafts, preambleIssues: this.preambleIssues };
  }
}

let instance: HaproxyParser | undefined;

/** Statements of the preamble are outside any section, which HAProxy refuses. */
function checkPreamble(preamble: readonly Item[], issues: Issue[]): void {
  for (const item of preamble) {
    if (item.kind !== 'statement' || item.keyword.template) continue;
    issues.push({
      code: 'directive-outside-section',
      severity: 'error',
      message: `"${item.keyword.value}" appears before any section header, where HAProxy accepts no keyword. Move it into a section (e.g. under "global"), or add the section header above it.`,
      start: item.keyword.start,
      end: item.keyword.end,
      source: 'haproxy',
    });
  }
}

/**
 * Parses the tokens of `text[from, to)`; `from` is 0 or the start of a header line, `to` the
 * start of a header line or the text end. `state` describes the conditional blocks open at `from`
 * and is advanced past the region. Lexical findings (`lexIssues`, in order) are distributed over
 * the segments they fall in.
 */
export function parseRegion(
  text: string,
  from: number,
  to: number,
  tokens: IToken[],
  lexIssues: readonly Issue[],
  state: ConditionalState,
): RegionResult {
  instance ??= new HaproxyParser();
  const { preamble, drafts, preambleIssues } = instance.run(tokens, state);
  const sections: Section[] = [];
  const issues: Issue[][] = [];
  const starts = drafts.map((draft) => lineStartBefore(text, draft.header.keyword.start));
  const preambleEnd = starts[0] ?? to;
  if (from === 0) checkPreamble(preamble, preambleIssues);
  issues.push(merge(lexIssues, 0, preambleEnd, preambleIssues));
  let lexAt = 0;
  while (lexAt < lexIssues.length && (lexIssues[lexAt] as Issue).start < preambleEnd) lexAt++;
  drafts.forEach((draft, index) => {
    const start = starts[index] as number;
    const end = starts[index + 1] ?? to;
    const own: Issue[] = [];
    const section = buildSection(draft.header, draft.items, start, end, own);
    sections.push(section);
    const lex: Issue[] = [];
    while (lexAt < lexIssues.length && (lexIssues[lexAt] as Issue).start < end) {
      lex.push(lexIssues[lexAt++] as Issue);
    }
    issues.push(merge(lex, 0, Infinity, [...own, ...draft.issues]));
  });
  return { preamble, sections, issues };
}

/** Findings of `lexical` inside `[from, to)` merged with `other`, ordered by offset. */
function merge(lexical: readonly Issue[], from: number, to: number, other: Issue[]): Issue[] {
  const result = lexical.filter((issue) => issue.start >= from && issue.start < to);
  if (other.length === 0) return result;
  result.push(...other);
  return result.sort((a, b) => a.start - b.start);
}
