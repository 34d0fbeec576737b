/**
 * Small helpers shared by the rules built on the symbol table: the table of the context's
 * document, related locations in the same document, and did-you-mean quick fixes.
 */
import type { QuickFix, RelatedLocation } from '../../common/issue.js';
import type { Statement, Word } from '../ast.js';
import { suggestNames } from '../catalog/index.js';
import {
  haproxyReferences,
  type HaproxyNameSite,
  type HaproxyReferences,
} from '../analysis/references.js';
import { haproxySymbols, type HaproxySymbols, type ProxySymbol } from '../analysis/symbols.js';
import type { HaproxyRuleContext } from './context.js';
import { lineSpan } from '../../common/text-scan.js';

/** The symbol table of the rule context's document at its target version. */
export function symbolsOf(context: HaproxyRuleContext): HaproxySymbols {
  return haproxySymbols(context.document.parse.ast, context.settings.version);
}

/** The reference table of the rule context's document at its target version. */
export function referencesOf(context: HaproxyRuleContext): HaproxyReferences {
  return haproxyReferences(context.document.parse.ast, context.settings.version);
}

/** The live sites among `sites`, grouped by name in order of first appearance. */
export function liveByName(sites: readonly HaproxyNameSite[]): Map<string, HaproxyNameSite[]> {
  const groups = new Map<string, HaproxyNameSite[]>();
  for (const site of sites) {
    if (site.dead) continue;
    const list = groups.get(site.name);
    if (list) list.push(site);
    else groups.set(site.name, [site]);
  }
  return groups;
}

/** The live references of `kind` written in a live proxy, with that proxy, in order. */
export function* proxyReferences(
  table: HaproxyReferences,
  kind: string,
): Generator<{ site: HaproxyNameSite; proxy: ProxySymbol }> {
  for (const site of table.references(kind)) {
    const proxy = site.dead ? undefined : table.symbols.proxyOf(site.section);
    if (proxy) yield { site, proxy };
  }
}

/** A related location in the document being checked. */
export function relatedAt(
  context: HaproxyRuleContext,
  node: { readonly start: number; readonly end: number },
  message: string,
): RelatedLocation {
  return { uri: context.document.uri, start: node.start, end: node.end, message };
}

/** A fix removing the whole line of `statement`, its line break included. */
export function deleteLineFix(text: string, statement: Statement, title: string): QuickFix {
  return { title, edits: [{ ...lineSpan(text, statement), text: '' }] };
}

/** Quick fixes replacing `[start, end)` by each close name among `candidates`. */
export function didYouMean(
  typed: string,
  start: number,
  end: number,
  candidates: Iterable<string>,
): QuickFix[] {
  return suggestNames(typed, candidates).map((name, index) => ({
    title: `Change to '${name}'`,
    edits: [{ start, end, text: name }],
    preferred: index === 0,
  }));
}

/** Did-you-mean fixes for a whole word, only when it is written without quotes or escapes. */
export function wordFixes(word: Word, candidates: Iterable<string>): QuickFix[] {
  return word.raw === word.value ? didYouMean(word.value, word.start, word.end, candidates) : [];
}

/** `frontend 'fe'`, `defaults` (anonymous) — how messages name a proxy. */
export function describeProxy(proxy: ProxySymbol): string {
  return proxy.name === undefined ? proxy.kind : `${proxy.kind} '${proxy.name}'`;
}

/** Proxies that route traffic (`frontend`, `listen`). */
export function hasFrontend(proxy: ProxySymbol): boolean {
  return proxy.kind === 'frontend' || proxy.kind === 'listen';
}

/** Proxies that hold servers (`backend`, `listen`). */
export function hasBackend(proxy: ProxySymbol): boolean {
  return proxy.kind === 'backend' || proxy.kind === 'listen';
}
