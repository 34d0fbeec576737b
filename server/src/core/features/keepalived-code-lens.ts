/**
 * Code lenses of one Keepalived document, no cluster needed: above each `vrrp_script` the
 * instances and sync groups that track it with the weight each applies; above each
 * `vrrp_instance` its state, priority and tracked checks; above each `virtual_server` how many
 * real servers and health checkers it has. Instances that already carry a cluster lens are left to
 * it (see cluster-code-lens.ts).
 */
import type { CodeLens } from 'vscode-languageserver-types';
import type { ParsedDocument } from '../document.js';
import type { KeepalivedItem, KeepalivedNode } from '../keepalived/ast.js';
import { nodeIndex, type TrackUse } from '../keepalived/analysis/index-node.js';
import { REAL_SERVER_CHECKERS as CHECKERS } from '../keepalived/catalog/lvs.js';
import type { LanguageSettings } from '../settings.js';

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

/** `−20`, `+5`, or `0 → FAULT`: a weight of 0 makes a failing check put the instance in FAULT. */
function weightLabel(weight: number, reverse: boolean): string {
  const sign = weight > 0 ? '+' : weight < 0 ? '\u2212' : '';
  const text = `${sign}${Math.abs(weight)}${reverse ? ' reverse' : ''}`;
  return weight === 0 ? `${text} → FAULT` : text;
}

function items(nodes: readonly KeepalivedNode[] | undefined): KeepalivedItem[] {
  return (nodes ?? []).filter((node): node is KeepalivedItem => node.kind === 'item');
}

/** Real servers and the checkers inside them, over the whole `virtual_server` block. */
function virtualServerTitle(item: KeepalivedItem): string {
  let servers = 0;
  let checkers = 0;
  for (const child of items(item.block?.items)) {
    if (child.keyword.value !== 'real_server') continue;
    servers++;
    for (const check of items(child.block?.items)) {
      if (CHECKERS.has(check.keyword.value)) checkers++;
    }
  }
  return `${plural(servers, 'real server')} · ${plural(checkers, 'checker')}`;
}

/**
 * Single-document lenses of a Keepalived document. `coveredLines` holds the (0-based) lines that
 * already have a lens of their own, the cluster lens: a `vrrp_instance` there gets no second one.
 */
export function getKeepalivedCodeLenses(
  document: ParsedDocument,
  settings: LanguageSettings,
  coveredLines: ReadonlySet<number> = new Set(),
): CodeLens[] {
  if (document.languageId !== 'keepalived') return [];
  const index = nodeIndex({ document, settings });
  const lenses: CodeLens[] = [];
  const lens = (item: KeepalivedItem, title: string): void => {
    lenses.push({
      range: {
        start: document.lineIndex.positionAt(item.keyword.start),
        end: document.lineIndex.positionAt(item.keyword.end),
      },
      // No command: the lens is information only.
      command: { title, command: '' },
    });
  };

  // Who tracks each script: instances and sync groups, in document order.
  const trackers = new Map<string, string[]>();
  const note = (owner: string, uses: readonly TrackUse[], ignored = false): void => {
    for (const use of uses) {
      const script = index.scripts.get(use.name);
      if (!script) continue;
      // A weight on the track line overrides the script's own.
      const weight = use.weight ?? script.weight;
      const label =
        ignored && weight !== 0
          ? `${owner} (${weightLabel(weight, use.reverse)} ignored: sync group → FAULT)`
          : `${owner} (${weightLabel(weight, use.reverse)})`;
      const list = trackers.get(use.name);
      if (list) list.push(label);
      else trackers.set(use.name, [label]);
    }
  };
  // keepalived ignores the tracking weights of a sync group member (unless the group sets
  // `sync_group_tracking_weight`): any failing check then puts the instance in FAULT.
  const weightless = new Set<string>();
  for (const group of index.syncGroups) {
    const keepsWeights = items(group.item.block?.items).some(
      (line) => line.keyword.value === 'sync_group_tracking_weight',
    );
    if (!keepsWeights) for (const member of group.members) weightless.add(member.name);
  }
  for (const instance of index.instances) {
    note(instance.name, instance.trackScripts, weightless.has(instance.name));
  }
  for (const group of index.syncGroups) note(group.name, group.trackScripts);

  const instances = new Map(index.instances.map((instance) => [instance.item, instance]));
  // Without a file host the view holds only this document's lines (parameters expanded).
  for (const node of index.view.items) {
    if (node.kind !== 'item') continue;
    switch (node.keyword.value) {
      case 'vrrp_script': {
        const name = node.args[0]?.value;
        if (name === undefined || index.scripts.get(name)?.item !== node) break;
        const list = trackers.get(name);
        lens(node, list ? `tracked by ${list.join(', ')}` : 'not tracked');
        break;
      }
      case 'vrrp_instance': {
        const instance = instances.get(node);
        const line = document.lineIndex.positionAt(node.keyword.start).line;
        if (!instance || coveredLines.has(line)) break;
        const state = instance.state?.value?.value ?? 'BACKUP';
        const checks =
          instance.trackScripts.length +
          instance.trackFiles.length +
          instance.trackProcesses.length +
          instance.trackInterfaces.length;
        lens(node, `${state} · priority ${instance.priority} · ${plural(checks, 'tracked check')}`);
        break;
      }
      case 'virtual_server':
        lens(node, virtualServerTitle(node));
        break;
      default:
        break;
    }
  }
  return lenses;
}
