/**
 * Code lenses above HAProxy proxies: for a backend or listen section, how many servers it has,
 * how many are health-checked (their own `check` or one inherited from `default-server`) and how
 * many are backups; for a frontend (or a listen that routes), the backends it sends traffic to.
 * A listen section without servers (a stats page, a redirect) gets no server count: it serves its
 * requests itself, whereas an empty backend answers 503 and is worth pointing out.
 */
import type { CodeLens } from 'vscode-languageserver-types';
import type { ParsedDocument } from '../document.js';
import type { Section } from '../haproxy/ast.js';
import { haproxyReferences } from '../haproxy/analysis/references.js';
import { effectiveServerOptions } from '../haproxy/analysis/symbols.js';

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

/** Code lenses of a document; `version` is the target HAProxy version (dead `.if` arms skipped). */
export function getHaproxyCodeLenses(document: ParsedDocument, version: string): CodeLens[] {
  if (document.languageId !== 'haproxy') return [];
  const table = haproxyReferences(document.parse.ast, version);
  const { symbols } = table;
  // The backends each proxy routes to: live keyword arguments naming one (not `be/srv`
  // qualifiers), computed names included as written, in document order.
  const routes = new Map<Section, string[]>();
  for (const site of table.references('backend')) {
    if (site.dead || site.origin !== 'argument' || site.qualified) continue;
    const list = routes.get(site.section) ?? [];
    if (!list.includes(site.word.value)) list.push(site.word.value);
    routes.set(site.section, list);
  }
  const lenses: CodeLens[] = [];
  for (const proxy of symbols.proxies) {
    const header = proxy.section.header;
    const range = {
      start: document.lineIndex.positionAt(header.start),
      end: document.lineIndex.positionAt(header.end),
    };
    const lens = (title: string): void => {
      // No command: the lens is information only.
      lenses.push({ range, command: { title, command: '' } });
    };
    if (proxy.kind === 'backend' || proxy.kind === 'listen') {
      let servers = 0;
      let checked = 0;
      let backup = 0;
      for (const server of proxy.servers) {
        // A template stands for as many servers as it declares.
        const count = server.template
          ? Number.parseInt(server.statement.args[1]?.value ?? '', 10)
          : 1;
        const weight = Number.isFinite(count) && count > 0 ? count : 1;
        const options = effectiveServerOptions(proxy, server);
        servers += weight;
        if (options.has('check')) checked += weight;
        if (options.has('backup')) backup += weight;
      }
      if (servers > 0 || proxy.kind === 'backend') {
        lens(`${plural(servers, 'server')} · ${checked} checked · ${backup} backup`);
      }
    }
    if (proxy.kind === 'frontend' || proxy.kind === 'listen') {
      const targets = routes.get(proxy.section) ?? [];
      if (targets.length > 0) lens(`routes to ${targets.join(', ')}`);
      else if (proxy.kind === 'frontend') lens('routes to no backend');
    }
  }
  return lenses;
}
