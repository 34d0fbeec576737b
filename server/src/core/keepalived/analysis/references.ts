/**
 * The reference table of a `keepalived.conf`: for every name (scripts, track files and processes,
 * track groups, BFD instances, VRRP instances, sync groups, virtual server groups), where it is
 * defined and every place that refers to it. Which words define or refer to what comes from the
 * catalog alone: a keyword marked `defines` names a definition with its first argument
 * (`track_file` and its old spelling `vrrp_track_file` both define a track file), an argument
 * marked `refers` or `refersAfter` names one (`virtual_server group <name>`), and so do the value
 * lines of list blocks whose grammar starts with a reference (`track_script { … }`, a sync group's
 * `group { … }`, every word of the line when several names may share one).
 *
 * One linear pass per node list, cached by it: the document's own items for the editor features,
 * the node view (includes followed, `@id` lines selected, parameters expanded) for validation.
 */
import {
  globalKey,
  makeTable,
  markedWords,
  type NameSite,
  type ReferenceTable,
} from '../../common/references.js';
import type { KeepalivedItem, KeepalivedNode, KeepalivedWord } from '../ast.js';
import { TOP_CONTEXT, keywordIn } from '../catalog/index.js';
import type { KeepalivedKeywordSpec, ListGrammar } from '../catalog/types.js';

/** One site of a `keepalived.conf`. */
export interface KeepalivedNameSite extends NameSite {
  readonly word: KeepalivedWord;
  /** The line holding the name. */
  readonly item: KeepalivedItem;
  /** The block line the site's line sits in (`track_script` for its entries); undefined at the top. */
  readonly parent: KeepalivedItem | undefined;
  /** The top-level line the site is under (the `vrrp_instance` of a `track_script` entry). */
  readonly owner: KeepalivedItem;
  /** The catalog entry of the line's keyword; undefined for a value line of a list block. */
  readonly spec: KeepalivedKeywordSpec | undefined;
}

/** The reference table of one node list. */
export interface KeepalivedReferences extends ReferenceTable<KeepalivedNameSite> {
  /** Definitions of `kind` (named `name` when given), in order. */
  definitions(kind: string, name?: string): readonly KeepalivedNameSite[];
  /** References of `kind`, in order. */
  references(kind: string): readonly KeepalivedNameSite[];
  /** The references on the lines of one block (`track_script { … }`), in order. */
  referencesUnder(block: KeepalivedItem): readonly KeepalivedNameSite[];
  /** The definitions a reference resolves to: every definition of its kind and name. */
  resolve(site: KeepalivedNameSite): readonly KeepalivedNameSite[];
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** Collects the sites of one node list. */
class Builder {
  readonly sites: KeepalivedNameSite[] = [];

  private add(
    kind: string,
    word: KeepalivedWord | undefined,
    definition: boolean,
    item: KeepalivedItem,
    parent: KeepalivedItem | undefined,
    owner: KeepalivedItem,
    spec?: KeepalivedKeywordSpec,
  ): void {
    if (!word || word.value === '') return;
    this.sites.push({
      kind,
      name: word.value,
      start: word.start,
      end: word.end,
      definition,
      key: globalKey(kind, word.value),
      exact: word.raw === word.value,
      dynamic: word.hasTemplate || word.refs.length > 0,
      dead: false,
      word,
      item,
      parent,
      owner,
      spec,
    });
  }

  /** A value line of a list block, read with the block's grammar. */
  private listLine(
    grammar: ListGrammar,
    item: KeepalivedItem,
    parent: KeepalivedItem,
    owner: KeepalivedItem,
  ): void {
    const words = [item.keyword, ...item.args];
    const head = grammar.head;
    const first = head[0]?.refers;
    if (grammar.manyPerLine === true && first !== undefined) {
      // keepalived reads such a block as one list of names, however they are split over lines.
      for (const word of words) this.add(first, word, false, item, parent, owner);
      return;
    }
    head.forEach((spec, index) => {
      if (spec.refers !== undefined) {
        this.add(spec.refers, words[index], false, item, parent, owner);
      }
    });
    for (let at = head.length; at < words.length; at++) {
      const option = grammar.options.find((candidate) => candidate.name === words[at]?.value);
      if (!option) continue;
      option.args.forEach((spec, index) => {
        const value = words[at + 1 + index];
        if (spec.refers !== undefined) this.add(spec.refers, value, false, item, parent, owner);
      });
      at += option.args.length;
    }
  }

  /** A keyword line: what it defines, and the names in its arguments. */
  private keywordLine(
    spec: KeepalivedKeywordSpec,
    item: KeepalivedItem,
    parent: KeepalivedItem | undefined,
    owner: KeepalivedItem,
  ): void {
    if (spec.defines !== undefined) {
      this.add(spec.defines, item.args[0], true, item, parent, owner, spec);
    }
    const values = item.args.map((word) => word.value);
    for (const { index, kind } of markedWords(values, spec.args)) {
      this.add(kind, item.args[index], false, item, parent, owner, spec);
    }
  }

  walk(
    nodes: readonly KeepalivedNode[],
    context: string | undefined,
    list: KeepalivedKeywordSpec | undefined,
    parent: KeepalivedItem | undefined,
    owner: KeepalivedItem | undefined,
  ): void {
    for (const node of nodes) {
      if (node.kind !== 'item') continue;
      const top = owner ?? node;
      if (list?.list && parent) {
        this.listLine(list.list, node, parent, top);
        continue;
      }
      const spec = context === undefined ? undefined : keywordIn(context, node.keyword.value);
      if (spec) this.keywordLine(spec, node, parent, top);
      if (node.block) {
        const inner = spec?.listBlock !== undefined ? spec : undefined;
        this.walk(node.block.items, spec?.blockContext, inner, node, top);
      }
    }
  }
}

function describe(site: KeepalivedNameSite): string {
  return `a ${site.kind} is also named through '${site.word.raw}', whose value a rename cannot change`;
}

function build(items: readonly KeepalivedNode[]): KeepalivedReferences {
  const builder = new Builder();
  builder.walk(items, TOP_CONTEXT, undefined, undefined, undefined);
  const table = makeTable(builder.sites, describe);
  const definitions = new Map<string, KeepalivedNameSite[]>();
  const references = new Map<string, KeepalivedNameSite[]>();
  const under = new Map<KeepalivedItem, KeepalivedNameSite[]>();
  for (const site of table.sites) {
    if (site.definition) {
      push(definitions, site.kind, site);
      push(definitions, `${site.kind}\u0000${site.name}`, site);
      continue;
    }
    push(references, site.kind, site);
    if (site.parent) push(under, site.parent, site);
  }
  const none: readonly KeepalivedNameSite[] = [];
  const definitionsOf = (kind: string, name?: string): readonly KeepalivedNameSite[] =>
    definitions.get(name === undefined ? kind : `${kind}\u0000${name}`) ?? none;
  return {
    ...table,
    definitions: definitionsOf,
    references: (kind) => references.get(kind) ?? none,
    referencesUnder: (block) => under.get(block) ?? none,
    resolve: (site) => (site.definition ? none : definitionsOf(site.kind, site.name)),
  };
}

const cache = new WeakMap<readonly KeepalivedNode[], KeepalivedReferences>();

/**
 * The reference table of a node list: a document's `items`, or a node view's (built once per
 * list, then cached).
 */
export function keepalivedReferences(items: readonly KeepalivedNode[]): KeepalivedReferences {
  let table = cache.get(items);
  if (!table) {
    table = build(items);
    cache.set(items, table);
  }
  return table;
}
