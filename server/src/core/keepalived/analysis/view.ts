import type { Finding } from '../../common/rule.js';
import type { KeepalivedNode } from '../ast.js';
import type { KeepalivedRuleContext } from '../rules/context.js';
import { expandKeepalived } from './expand.js';

/**
 * What one node's keepalived would load: the items of the document with includes followed,
 * `@id` lines selected for the node's config-id and `$NAME` parameters expanded. Items keep the
 * offsets of the file they were written in; `uriOf` names that file (undefined for the document
 * being validated itself).
 */
export interface NodeView {
  readonly items: readonly KeepalivedNode[];
  uriOf(node: KeepalivedNode): string | undefined;
  /** Include problems met while building the view (missing files, cycles). */
  readonly includeFindings: readonly Finding[];
  /** Where a safety limit stopped the expansion (code `analysis-limit`). */
  readonly limitFindings: readonly Finding[];
  /** Every file read through an include, nested ones too (the failover lab copies them). */
  readonly included: ReadonlySet<string>;
}

/**
 * Views keyed by the rule context when includes are followed (the included files may change
 * between runs), else by the syntax tree, which the incremental parser keeps while it is unchanged.
 */
const views = new WeakMap<object, Map<string | undefined, NodeView>>();

/** The node view rules should inspect instead of the raw tree. */
export function nodeView(context: KeepalivedRuleContext): NodeView {
  const config = context.document.parse.ast;
  const key: object = context.files ? context : config;
  let byId = views.get(key);
  if (!byId) {
    byId = new Map();
    views.set(key, byId);
  }
  // Environment values change the expansion, so they are part of the key when given.
  const env = context.env;
  const id =
    env === undefined
      ? context.configId
      : `${context.configId ?? ''}\u0000${JSON.stringify(Object.entries(env).sort())}`;
  let view = byId.get(id);
  if (!view) {
    view = expandKeepalived(config, {
      uri: context.document.uri,
      files: context.files,
      configId: context.configId,
      env,
    });
    byId.set(id, view);
  }
  return view;
}
