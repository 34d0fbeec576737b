/**
 * Structure of `.if`/`.elif`/`.else`/`.endif` blocks. Conditions are not evaluated: the blocks only
 * tell later checks which lines are alternatives of each other.
 */
import type { Issue } from '../common/issue.js';
import type { ConditionalBlock, ConditionalBranch, Directive } from './ast.js';
import { syntaxIssue } from './syntax-issues.js';

interface OpenBlock {
  branch: number;
  sawElse: boolean;
}

/**
 * The open blocks at some point of the file. Branch numbers are handed out in document order, so
 * the state after a prefix of the file does not depend on what follows it.
 */
export class ConditionalState {
  private readonly open: OpenBlock[];

  constructor(
    open: readonly OpenBlock[] = [],
    private next = 0,
  ) {
    this.open = open.map((block) => ({ ...block }));
  }

  /** Innermost open branch. */
  get current(): number | undefined {
    return this.open[this.open.length - 1]?.branch;
  }

  /** An independent copy. */
  clone(): ConditionalState {
    return new ConditionalState(this.open, this.next);
  }

  /** Applies one conditional directive (other names are ignored). */
  apply(name: string): void {
    const top = this.open[this.open.length - 1];
    switch (name) {
      case '.if':
        this.open.push({ branch: this.next++, sawElse: false });
        break;
      case '.elif':
      case '.else':
        if (top !== undefined) {
          top.branch = this.next++;
          if (name === '.else') top.sawElse = true;
        }
        break;
      case '.endif':
        this.open.pop();
        break;
      default:
        break;
    }
  }
}

/** Blocks, branches and structural findings of a file. */
interface ConditionalStructure {
  readonly blocks: ConditionalBlock[];
  readonly branches: ConditionalBranch[];
  readonly issues: Issue[];
}

interface PendingBlock {
  index: number;
  branches: number[];
  parent: number | undefined;
  sawElse: boolean;
  start: number;
}

/**
 * Rebuilds the block structure from the conditional directives of a file, in order. `length` is
 * the text length, where unterminated blocks end; `lastItem`, the file's last line, gets a second
 * finding for them, since that is where HAProxy notices the missing `.endif`.
 */
export function conditionalStructure(
  directives: readonly Directive[],
  length: number,
  lastItem?: { readonly start: number; readonly end: number },
): ConditionalStructure {
  const blocks: ConditionalBlock[] = [];
  const branches: ConditionalBranch[] = [];
  const issues: Issue[] = [];
  // Branch records are completed when the next arm or the `.endif` shows where they end.
  const pendingBranches: Omit<ConditionalBranch, 'end'>[] = [];
  const branchEnds: number[] = [];
  const stack: PendingBlock[] = [];
  const slots: (ConditionalBlock | undefined)[] = [];
  const currentBranch = (): number | undefined => {
    const top = stack[stack.length - 1];
    return top === undefined ? undefined : top.branches[top.branches.length - 1];
  };
  const openBranch = (
    block: PendingBlock,
    kind: ConditionalBranch['kind'],
    directive: Directive,
  ) => {
    const previous = block.branches[block.branches.length - 1];
    if (previous !== undefined) branchEnds[previous] = directive.start;
    const index = pendingBranches.length;
    pendingBranches.push({
      index,
      block: block.index,
      kind,
      directive,
      parent: block.parent,
      start: directive.start,
    });
    branchEnds.push(length);
    block.branches.push(index);
  };
  for (const directive of directives) {
    const top = stack[stack.length - 1];
    switch (directive.name) {
      case '.if': {
        const block: PendingBlock = {
          index: slots.length,
          branches: [],
          parent: currentBranch(),
          sawElse: false,
          start: directive.start,
        };
        slots.push(undefined);
        stack.push(block);
        openBranch(block, 'if', directive);
        break;
      }
      case '.elif':
      case '.else': {
        if (top === undefined) {
          issues.push(stray(directive));
          break;
        }
        if (top.sawElse) {
          issues.push(
            syntaxIssue(
              'stray-conditional',
              directive.keyword.start,
              directive.keyword.end,
              `"${directive.name}" cannot follow ".else" in the same block: HAProxy rejects it. Move it before the ".else" or close the block with ".endif" first.`,
            ),
          );
        }
        if (directive.name === '.else') top.sawElse = true;
        openBranch(top, directive.name === '.else' ? 'else' : 'elif', directive);
        break;
      }
      case '.endif': {
        if (top === undefined) {
          issues.push(stray(directive));
          break;
        }
        stack.pop();
        const last = top.branches[top.branches.length - 1];
        if (last !== undefined) branchEnds[last] = directive.start;
        slots[top.index] = {
          index: top.index,
          branches: top.branches,
          endif: directive,
          parent: top.parent,
          start: top.start,
          end: directive.end,
        };
        break;
      }
      default:
        break;
    }
  }
  let endReported = false;
  for (const block of stack) {
    const opener = pendingBranches[block.branches[0] as number]?.directive as Directive;
    issues.push(
      syntaxIssue(
        'unterminated-conditional',
        opener.keyword.start,
        opener.keyword.end,
        'This ".if" block is never closed: HAProxy rejects the file. Add ".endif" where the block should end.',
      ),
    );
    if (lastItem && lastItem.start > opener.keyword.end && !endReported) {
      endReported = true;
      issues.push(
        syntaxIssue(
          'unterminated-conditional',
          lastItem.start,
          lastItem.end,
          'The file ends inside an ".if" block that is never closed: add the missing ".endif".',
        ),
      );
    }
    slots[block.index] = {
      index: block.index,
      branches: block.branches,
      endif: undefined,
      parent: block.parent,
      start: block.start,
      end: length,
    };
  }
  for (const slot of slots) blocks.push(slot as ConditionalBlock);
  pendingBranches.forEach((branch, index) =>
    branches.push({ ...branch, end: branchEnds[index] ?? length }),
  );
  return { blocks, branches, issues };
}

function stray(directive: Directive): Issue {
  return syntaxIssue(
    'stray-conditional',
    directive.keyword.start,
    directive.keyword.end,
    `"${directive.name}" has no matching ".if" before it. Remove it or add the ".if" that opens the block.`,
  );
}
