/**
 * Shared traversal of the node view for the catalog-driven rules: resolves every keyword line
 * against the catalog in its block context and hands it to a visitor. Lines the catalog cannot
 * place (unknown keywords, parameters left unexpanded, templates) are not descended into, so one
 * mistake never cascades into findings on every line of its block.
 */
import { KEEPALIVED_CATALOG, TOP_CONTEXT } from '../catalog/index.js';
import type { KeepalivedKeywordSpec } from '../catalog/index.js';
import type { KeepalivedItem, KeepalivedNode, KeepalivedWord } from '../ast.js';
import { nodeView, type NodeView } from '../analysis/view.js';
import type { KeepalivedRuleContext } from './context.js';

/** A word rules may check: fully expanded and free of template spans. */
export function isConcrete(word: KeepalivedWord): boolean {
  return word.refs.length === 0 && !word.hasTemplate;
}

/** One keyword line with what the catalog says about it. */
export interface VisitedItem {
  readonly item: KeepalivedItem;
  /** Block context the line is in (`top`, `vrrp_instance`, …). */
  readonly context: string;
  /** Catalog entry, undefined when the keyword is unknown in this context. */
  readonly spec: KeepalivedKeywordSpec | undefined;
  /** File of the line when it comes from an include. */
  readonly uri: string | undefined;
}

/** A value line of a list block (`virtual_ipaddress { … }`). */
interface VisitedValue {
  readonly item: KeepalivedItem;
  /** The keyword that opened the list block. */
  readonly list: KeepalivedKeywordSpec;
  readonly uri: string | undefined;
}

/** Visitor callbacks; each is optional. */
interface Visitor {
  item?(visited: VisitedItem): void;
  value?(visited: VisitedValue): void;
}

/** Walks every keyword and value line of the node view. */
export function walkKeepalived(context: KeepalivedRuleContext, visitor: Visitor): NodeView {
  const view = nodeView(context);
  const walk = (nodes: readonly KeepalivedNode[], blockContext: string): void => {
    for (const node of nodes) {
      if (node.kind !== 'item' || !isConcrete(node.keyword)) continue;
      const spec = KEEPALIVED_CATALOG.keyword(blockContext, node.keyword.value);
      const uri = view.uriOf(node);
      visitor.item?.({ item: node, context: blockContext, spec, uri });
      if (!spec || !node.block) continue;
      if (spec.blockContext !== undefined) walk(node.block.items, spec.blockContext);
      else if (spec.listBlock !== undefined) {
        for (const line of node.block.items) {
          if (line.kind !== 'item' || !isConcrete(line.keyword)) continue;
          visitor.value?.({ item: line, list: spec, uri: view.uriOf(line) });
        }
      }
    }
  };
  walk(view.items, TOP_CONTEXT);
  return view;
}

/** Location fields of a finding on a word (or a node) of a possibly included file. */
export function at(
  range: { readonly start: number; readonly end: number },
  uri: string | undefined,
): { start: number; end: number; uri?: string } {
  return uri === undefined
    ? { start: range.start, end: range.end }
    : { start: range.start, end: range.end, uri };
}
