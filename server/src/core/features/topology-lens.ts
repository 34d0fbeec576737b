/**
 * "Show topology" code lenses above each HAProxy `frontend`/`listen` and each Keepalived
 * `vrrp_instance`: they open the topology preview with that element selected. The command is the
 * client's; its arguments are the file and the line, which the preview matches against the
 * locations in the graph, so the lens needs no knowledge of element ids.
 */
import type { CodeLens } from 'vscode-languageserver-types';
import type { ParsedDocument } from '../document.js';
import { haproxySymbols } from '../haproxy/analysis/symbols.js';

/** The client command the lens runs (registered by the VS Code extension). */
export const SHOW_TOPOLOGY_COMMAND = 'haKeepalived.showTopology';

const TITLE = 'Show in topology';

/** Topology lenses of a document. */
export function getTopologyLenses(document: ParsedDocument, haproxyVersion: string): CodeLens[] {
  const lenses: CodeLens[] = [];
  const add = (start: number, end: number): void => {
    const range = {
      start: document.lineIndex.positionAt(start),
      end: document.lineIndex.positionAt(end),
    };
    lenses.push({
      range,
      command: {
        title: TITLE,
        command: SHOW_TOPOLOGY_COMMAND,
        arguments: [document.uri, range.start.line],
      },
    });
  };
  if (document.languageId === 'haproxy') {
    for (const proxy of haproxySymbols(document.parse.ast, haproxyVersion).proxies) {
      if (proxy.kind !== 'frontend' && proxy.kind !== 'listen') continue;
      add(proxy.section.header.start, proxy.section.header.end);
    }
    return lenses;
  }
  for (const item of document.parse.ast.items) {
    if (item.kind === 'item' && item.keyword.value === 'vrrp_instance') {
      add(item.keyword.start, item.keyword.end);
    }
  }
  return lenses;
}
