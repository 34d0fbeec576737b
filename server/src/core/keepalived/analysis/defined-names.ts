/**
 * The names a `keepalived.conf` defines and the interfaces it mentions, as completion and hover
 * want them. Definitions come from the reference table of the document as written.
 */
import type { KeepalivedItem, KeepalivedNode } from '../ast.js';
import { TOP_CONTEXT, keywordIn } from '../catalog/index.js';
import type { KeepalivedKeywordSpec } from '../catalog/types.js';
import { keepalivedReferences } from './references.js';

/** A Keepalived object definition: the item, the spec that defines it and its name. */
interface KeepalivedDefinitionSite {
  readonly item: KeepalivedItem;
  readonly spec: KeepalivedKeywordSpec;
  readonly name: string;
}

/** Objects of kind `kind` (`vrrp_script`, `vrrp_instance`, …) the node list defines, in order. */
export function keepalivedDefinitions(
  items: readonly KeepalivedNode[],
  kind: string,
): KeepalivedDefinitionSite[] {
  return keepalivedReferences(items)
    .definitions(kind)
    .flatMap(({ item, spec, name }) => (spec ? [{ item, spec, name }] : []));
}

/** Walks every item with the spec it has in its context (the list keyword inside lists). */
function walk(
  nodes: readonly KeepalivedNode[],
  context: string | undefined,
  visit: (item: KeepalivedItem, spec: KeepalivedKeywordSpec | undefined) => void,
  listSpec?: KeepalivedKeywordSpec,
): void {
  for (const node of nodes) {
    if (node.kind !== 'item') continue;
    const spec =
      context === undefined || listSpec ? undefined : keywordIn(context, node.keyword.value);
    visit(node, listSpec ?? spec);
    if (node.block) {
      walk(
        node.block.items,
        spec?.blockContext,
        visit,
        spec?.listBlock !== undefined ? spec : undefined,
      );
    }
  }
}

/**
 * Interface names the node list already uses: `interface` lines, `dev <name>` options and the
 * entries of interface lists. Offered again because the machine's interfaces are unknown here.
 */
export function keepalivedInterfaces(items: readonly KeepalivedNode[]): string[] {
  const names = new Set<string>();
  walk(items, TOP_CONTEXT, (item, spec) => {
    const words = [item.keyword, ...item.args];
    if (spec?.listBlock !== undefined) {
      if (spec.list?.head[0]?.type === 'interface') names.add(item.keyword.value);
    } else if (item.keyword.value === 'interface') {
      const name = item.args[0]?.value;
      if (name !== undefined) names.add(name);
    }
    for (let i = 0; i + 1 < words.length; i++) {
      if (words[i]?.value === 'dev') names.add(words[i + 1]?.value ?? '');
    }
  });
  names.delete('');
  return [...names].sort();
}
