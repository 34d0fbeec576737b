import type { KeepalivedConfig, KeepalivedNode } from '../ast.js';
import type { KeepalivedRuleContext } from '../rules/index.js';

/**
 * What one node's keepalived would load: the items of the document with includes followed,
 * `@id` lines selected for the node's config-id and `$NAME` parameters expanded. Items keep the
 * offsets of the file they were written in; `uriOf` names that file (undefined for the document
 * being validated itself).
 *
 * The first version is the document alone; the per-node expansion replaces `nodeView` without
 * changing this shape, so rules written against it keep working.
 */
export interface NodeView {
  readonly items: readonly KeepalivedNode[];
  uriOf(node: KeepalivedNode): string | undefined;
}

const views = new WeakMap<KeepalivedConfig, NodeView>();

/** The node view rules should inspect instead of the raw tree. */
export function nodeView(context: KeepalivedRuleContext): NodeView {
  const config = context.document.parse.ast;
  let view = views.get(config);
  if (!view) {
    view = { items: config.items, uriOf: () => undefined };
    views.set(config, view);
  }
  return view;
}
