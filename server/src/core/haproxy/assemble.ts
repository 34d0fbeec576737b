/**
 * The whole-file pass shared by full and incremental parsing: collects the conditional
 * directives, rebuilds the block structure and orders the findings. It is linear in the number of
 * lines and allocates only for the conditional structure.
 */
import type { Issue } from '../common/issue.js';
import type { Directive, HaproxyConfig, Item, Section } from './ast.js';
import { isConditionalDirective } from './build-ast.js';
import { conditionalStructure } from './conditional-blocks.js';

/** Result of parsing a `haproxy.cfg`. */
export interface HaproxyParse {
  /** Every syntax finding, ordered by offset. */
  readonly issues: readonly Issue[];
  readonly ast: HaproxyConfig;
  /**
   * Findings that belong to one segment (index 0: the preamble, then one entry per section), kept
   * so that an edit re-checks only the sections it touches.
   */
  readonly segmentIssues: readonly (readonly Issue[])[];
}

function collect(items: readonly Item[], into: Directive[]): void {
  for (const item of items) {
    if (isConditionalDirective(item)) into.push(item);
  }
}

/**
 * Builds the parse result from its segments. `known` is the list of conditional directives when
 * the caller already has it (an incremental re-parse of a file without any).
 */
export function assemble(
  length: number,
  preamble: readonly Item[],
  sections: readonly Section[],
  segmentIssues: readonly (readonly Issue[])[],
  known?: Directive[],
): HaproxyParse {
  let conditionals = known;
  if (conditionals === undefined) {
    conditionals = [];
    collect(preamble, conditionals);
    for (const section of sections) collect(section.items, conditionals);
  }
  // HAProxy reports a missing `.endif` on the last line it read: the last item of the file.
  const lastItems = sections.length > 0 ? sections[sections.length - 1]?.items : preamble;
  const lastItem = lastItems?.[lastItems.length - 1];
  const structure = conditionalStructure(conditionals, length, lastItem);
  const issues: Issue[] = [];
  for (const list of segmentIssues) {
    for (const issue of list) issues.push(issue);
  }
  for (const issue of structure.issues) issues.push(issue);
  // Segments are already in order; only the structural findings need to be merged in.
  if (structure.issues.length > 0) issues.sort((a, b) => a.start - b.start);
  return {
    issues,
    ast: {
      kind: 'config',
      preamble,
      sections,
      conditionals,
      blocks: structure.blocks,
      branches: structure.branches,
      length,
    },
    segmentIssues,
  };
}
