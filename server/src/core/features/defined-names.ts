/**
 * Names a document defines, gathered for completion and hover (shared by `completion.ts` and
 * `hover.ts`) by small linear scans: backends, ACLs, servers and other named sections of a
 * haproxy.cfg; scripts, instances and interfaces of a keepalived.conf. Each scan is one pass over
 * the part of the tree it needs, so a request stays linear.
 */
import type { HaproxyDocument, KeepalivedDocument } from '../document.js';
import type { Section, Statement } from '../haproxy/ast.js';
import type { KeepalivedItem, KeepalivedNode } from '../keepalived/ast.js';
import { TOP_CONTEXT } from '../keepalived/catalog/index.js';
import type { KeepalivedKeywordSpec } from '../keepalived/catalog/types.js';
import { keepalivedSpec } from './context.js';

/** Named sections of some kinds (`backend`, `userlist`, …), in order. */
export function sectionsOfType(document: HaproxyDocument, types: readonly string[]): Section[] {
  return document.parse.ast.sections.filter((s) => types.includes(s.type) && s.name);
}

/** Section kinds that a reference of kind `refers` may name. */
export function sectionTypesFor(refers: string): readonly string[] {
  return refers === 'backend' ? ['backend', 'listen'] : [refers];
}

/** The `acl` lines of a section, by ACL name. */
export function aclsOf(section: Section | undefined): Map<string, Statement[]> {
  const result = new Map<string, Statement[]>();
  for (const item of section?.items ?? []) {
    if (item.kind !== 'statement' || item.keyword.value !== 'acl') continue;
    const name = item.args[0]?.value;
    if (name === undefined) continue;
    const list = result.get(name) ?? [];
    list.push(item);
    result.set(name, list);
  }
  return result;
}

/** The `server` lines of a section, by server name. */
export function serversOf(section: Section | undefined): Map<string, Statement> {
  const result = new Map<string, Statement>();
  for (const item of section?.items ?? []) {
    if (item.kind !== 'statement') continue;
    if (item.keyword.value !== 'server' && item.keyword.value !== 'server-template') continue;
    const name = item.args[0]?.value;
    if (name !== undefined && !result.has(name)) result.set(name, item);
  }
  return result;
}

/** First statement of a section starting with `keyword`. */
export function firstStatement(section: Section, keyword: string): Statement | undefined {
  for (const item of section.items) {
    if (item.kind === 'statement' && item.keyword.value === keyword) return item;
  }
  return undefined;
}

/** A Keepalived object definition: the item, the spec that defines it and its name. */
export interface KeepalivedDefinitionSite {
  readonly item: KeepalivedItem;
  readonly spec: KeepalivedKeywordSpec;
  readonly name: string;
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
      context === undefined || listSpec ? undefined : keepalivedSpec(context, node.keyword.value);
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

/** Objects of kind `refers` (`vrrp_script`, `vrrp_instance`, …) defined in the document. */
export function keepalivedDefinitions(
  document: KeepalivedDocument,
  refers: string,
): KeepalivedDefinitionSite[] {
  const result: KeepalivedDefinitionSite[] = [];
  walk(document.parse.ast.items, TOP_CONTEXT, (item, spec) => {
    const name = item.args[0]?.value;
    if (spec?.defines === refers && spec.listBlock === undefined && name !== undefined) {
      result.push({ item, spec, name });
    }
  });
  return result;
}

/**
 * Interface names the document already uses: `interface` lines, `dev <name>` options and the
 * entries of interface lists. Offered again because the machine's interfaces are unknown here.
 */
export function keepalivedInterfaces(document: KeepalivedDocument): string[] {
  const names = new Set<string>();
  walk(document.parse.ast.items, TOP_CONTEXT, (item, spec) => {
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
