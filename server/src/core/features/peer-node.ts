/**
 * "Create the peer node": from a `state MASTER` VRRP instance of a node that has no peer yet, a
 * workspace edit writing the backup node in a new sibling folder (lb1 → lb2, else `<name>-peer`).
 *
 * The peer's `keepalived.conf` is the node's file with, for each instance, the state flipped, a
 * priority the election arithmetic says makes every tracked check's failure move the VIP
 * (cluster/peer-priority.ts), `unicast_src_ip` and the single `unicast_peer` swapped,
 * `mcast_src_ip` dropped (the node's own address) and a distinct `router_id`; everything else
 * (VRID, VIPs, authentication, advert interval, scripts and tracks) is kept as written. The
 * node's HAProxy files are copied under the same relative names, with `localpeer` and binds on the
 * node's own unicast address moved to the peer.
 *
 * The edit creates files, so it is only offered to clients that apply `CreateFile`; it never
 * overwrites one (the client refuses the edit when a file exists).
 */
import type {
  CodeAction,
  CreateFile,
  TextDocumentEdit,
  WorkspaceEdit,
} from 'vscode-languageserver-types';
import { canonicalAddress } from '../cluster/addresses.js';
import type { ClusterModel, ClusterNode, GroupMember } from '../cluster/model.js';
import { peerPriority } from '../cluster/peer-priority.js';
import { baseName, folderOf } from '../cluster/plan.js';
import { afterLine, lineSpan, lineStart } from '../cluster/sync.js';
import type { TextEdit } from '../common/issue.js';
import type { KeepalivedDocument, ParsedDocument } from '../document.js';
import type { KeepalivedItem, KeepalivedNode } from '../keepalived/ast.js';
import { allMembers, isFresh, type ClusterInfo } from './cluster-members.js';

/** What the client can do with the edits of cluster code actions. */
export interface CodeActionClient {
  /** `workspace.workspaceEdit.resourceOperations` includes `create` (with `documentChanges`). */
  readonly createFiles: boolean;
  /** `codeAction.disabledSupport`: an action that cannot run is shown with its reason. */
  readonly disabledActions: boolean;
}

/** The kind of the action: it writes a new node, a change of structure rather than a repair. */
export const PEER_NODE_KIND = 'refactor';

/** One file of the new node. */
interface PeerFile {
  readonly uri: string;
  readonly text: string;
}

/** The new node, or why it cannot be written. */
type PeerPlan =
  | {
      readonly name: string;
      readonly files: readonly PeerFile[];
      /** Priority given to each instance, by instance name. */
      readonly priorities: ReadonlyMap<string, number>;
    }
  | { readonly reason: string };

/** The next name after `name`: the trailing number plus one (`lb1` → `lb2`), else `-peer`. */
export function peerName(name: string, taken: ReadonlySet<string>): string {
  const numbered = /^(.*?)(\d+)$/.exec(name);
  const candidates = function* (): Generator<string> {
    if (numbered) {
      const [, stem = '', digits = '0'] = numbered;
      for (let n = Number(digits) + 1; ; n++) {
        yield `${stem}${String(n).padStart(digits.length, '0')}`;
      }
    }
    yield `${name}-peer`;
    for (let n = 2; ; n++) yield `${name}-peer${n}`;
  };
  for (const candidate of candidates()) if (!taken.has(candidate)) return candidate;
  return `${name}-peer`;
}

function walk(nodes: readonly KeepalivedNode[], visit: (node: KeepalivedNode) => boolean): boolean {
  for (const node of nodes) {
    if (visit(node)) return true;
    if (node.kind === 'item' && node.block && walk(node.block.items, visit)) return true;
  }
  return false;
}

function childLine(item: KeepalivedItem, keyword: string): KeepalivedItem | undefined {
  return (item.block?.items ?? []).find(
    (child): child is KeepalivedItem => child.kind === 'item' && child.keyword.value === keyword,
  );
}

/** Indentation of the block's lines (its first child's), for lines the peer adds. */
function indentOf(text: string, item: KeepalivedItem): string {
  const first = item.block?.items[0];
  if (!first) return '    ';
  const lead = text.slice(lineStart(text, first.start), first.start);
  return /^[ \t]*$/.test(lead) ? lead : '    ';
}

function applyEdits(text: string, edits: readonly TextEdit[]): string {
  let result = text;
  for (const edit of [...edits].sort((a, b) => b.start - a.start)) {
    result = result.slice(0, edit.start) + edit.text + result.slice(edit.end);
  }
  return result;
}

/** The peer's version of one instance, or why there is none. */
function instanceEdits(
  text: string,
  member: GroupMember,
): { edits: TextEdit[]; priority: number; peerSource: string | undefined } | { reason: string } {
  const { instance } = member;
  const name = instance.name;
  const wasMaster = instance.state?.value?.value === 'MASTER';
  const edits: TextEdit[] = [];
  // Unicast: the peer sends from the address this node sends to, and to this node's address.
  let peerSource: string | undefined;
  if (instance.unicastPeers.length > 0) {
    const source = instance.unicastSrc;
    const [peer, ...more] = instance.unicastPeers;
    if (!source || !peer) {
      return {
        reason: `${name} has unicast_peer but no unicast_src_ip, so this node's address is unknown`,
      };
    }
    if (more.length > 0) {
      return { reason: `${name} lists several unicast peers; the new node would be one of them` };
    }
    peerSource = peer.address;
    edits.push({ start: source.word.start, end: source.word.end, text: peer.address });
    edits.push({ start: peer.word.start, end: peer.word.end, text: source.address });
  } else if (instance.unicastSrc) {
    return {
      reason: `${name} has unicast_src_ip but no unicast_peer, so the peer's address is unknown`,
    };
  }
  const chosen = peerPriority(member, !wasMaster, peerSource);
  if ('reason' in chosen) return { reason: `${name}: ${chosen.reason}` };
  const state = wasMaster ? 'BACKUP' : 'MASTER';
  const indent = indentOf(text, instance.item);
  const open = instance.item.block?.open;
  if (open === undefined) return { reason: `${name} has no block` };
  const added: string[] = [];
  if (instance.state?.value) {
    edits.push({ start: instance.state.value.start, end: instance.state.value.end, text: state });
  } else {
    added.push(`${indent}state ${state}\n`);
  }
  const priorityValue = instance.priorityLine?.value;
  if (priorityValue) {
    edits.push({
      start: priorityValue.start,
      end: priorityValue.end,
      text: String(chosen.priority),
    });
  } else if (instance.state?.value) {
    const at = afterLine(text, instance.state.item.end);
    edits.push({ start: at, end: at, text: `${indent}priority ${chosen.priority}\n` });
  } else {
    added.push(`${indent}priority ${chosen.priority}\n`);
  }
  if (added.length > 0) {
    const at = afterLine(text, open);
    edits.push({ start: at, end: at, text: added.join('') });
  }
  // mcast_src_ip is this node's own address; without it the peer uses its interface's address.
  const mcastSource = childLine(instance.item, 'mcast_src_ip');
  if (mcastSource) edits.push({ ...lineSpan(text, mcastSource.start, mcastSource.end), text: '' });
  return { edits, priority: chosen.priority, peerSource };
}

/** `router_id` names the machine: the peer's must differ. */
function routerIdEdit(member: GroupMember, oldName: string, newName: string): TextEdit | undefined {
  const globalDefs = member.index.globalDefs;
  const line = globalDefs ? childLine(globalDefs, 'router_id') : undefined;
  const word = line?.args[0];
  if (!word) return undefined;
  const value = word.value.includes(oldName) ? word.value.split(oldName).join(newName) : newName;
  return { start: word.start, end: word.end, text: value };
}

/** A node's HAProxy file as the peer should have it. */
function haproxyCopy(
  node: ClusterNode,
  uri: string,
  text: string,
  newName: string,
  addresses: ReadonlyMap<string, string>,
): string {
  const facts = node.haproxy;
  if (!facts) return text;
  const edits: TextEdit[] = [];
  const local = facts.localPeer;
  if (local?.uri === uri && local.name === node.name) {
    edits.push({ start: local.start, end: local.end, text: newName });
  }
  for (const bind of facts.binds) {
    if (bind.uri !== uri || bind.address === undefined) continue;
    const replacement = addresses.get(bind.address);
    if (replacement === undefined) continue;
    const written = text.slice(bind.start, bind.end);
    // Only a plainly written address is rewritten; a variable stays the operator's business.
    const host = /^\[?([^\]]*?)\]?(:\d*)?$/.exec(written.replace(/^[a-z0-9]+@/, ''))?.[1];
    if (host === undefined || canonicalAddress(host) !== bind.address) continue;
    const at = written.indexOf(host);
    edits.push({ start: bind.start + at, end: bind.start + at + host.length, text: replacement });
  }
  return applyEdits(text, edits);
}

/**
 * Plans the peer of the node whose Keepalived file is `document` (the node of `member`): its
 * name, folder and files. Pure: the texts come from the cluster model.
 */
function planPeerNode(
  model: ClusterModel,
  document: KeepalivedDocument,
  member: GroupMember,
): PeerPlan {
  const node = member.node;
  const folder = folderOf(document.uri);
  if (baseName(folder) !== node.name) {
    return { reason: `${node.name} is not a folder of its own (its files are mapped by name)` };
  }
  if (
    walk(document.parse.ast.items, (item) => item.kind === 'include' || item.kind === 'sequence')
  ) {
    return { reason: `${baseName(document.uri)} includes other files or repeats lines` };
  }
  const haproxy = node.input.haproxy;
  if (haproxy.some((file) => !file.uri.startsWith(`${folder}/`))) {
    return { reason: `some HAProxy files of ${node.name} are outside its folder` };
  }
  const name = peerName(node.name, new Set(model.nodes.map((other) => other.name)));
  const target = `${folderOf(folder)}/${name}`;
  const text = document.text;
  const members = allMembers(model)
    .map(({ member: other }) => other)
    .filter((other) => other.node === node && other.document.uri === document.uri);
  const edits: TextEdit[] = [];
  const priorities = new Map<string, number>();
  // This node's own addresses and the peer's, for the HAProxy binds that name them.
  const addresses = new Map<string, string>();
  for (const other of members) {
    const result = instanceEdits(text, other);
    if ('reason' in result) return result;
    edits.push(...result.edits);
    priorities.set(other.instance.name, result.priority);
    const own = other.instance.unicastSrc?.address;
    if (own !== undefined && result.peerSource !== undefined) {
      const canonical = canonicalAddress(own);
      if (canonical !== undefined) addresses.set(canonical, result.peerSource);
    }
  }
  const routerId = routerIdEdit(member, node.name, name);
  if (routerId) edits.push(routerId);
  const files: PeerFile[] = [
    { uri: `${target}/${baseName(document.uri)}`, text: applyEdits(text, edits) },
    ...haproxy.map((file) => ({
      uri: `${target}/${file.uri.slice(folder.length + 1)}`,
      text: haproxyCopy(node, file.uri, model.textOf(file.uri) ?? file.text, name, addresses),
    })),
  ];
  return { name, files, priorities };
}

/** The files as `documentChanges`: each created (never over an existing one), then written. */
function createFilesEdit(files: readonly PeerFile[]): WorkspaceEdit {
  const documentChanges: (CreateFile | TextDocumentEdit)[] = [];
  for (const file of files) {
    documentChanges.push({
      kind: 'create',
      uri: file.uri,
      options: { overwrite: false, ignoreIfExists: false },
    });
    documentChanges.push({
      textDocument: { uri: file.uri, version: null },
      edits: [
        {
          range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
          newText: file.text,
        },
      ],
    });
  }
  return { documentChanges };
}

/**
 * "Create the peer node" for the `vrrp_instance` holding `[start, end]` of `document`: offered
 * when the instance says `state MASTER`, has no peer on another node yet, and the client can
 * create files. When no peer can be written (no priority moves the VIP, several unicast peers…)
 * the action is shown disabled with the reason, to clients that show such actions.
 */
export function getPeerNodeActions(
  document: ParsedDocument,
  start: number,
  end: number,
  cluster: ClusterInfo,
  client: CodeActionClient,
): CodeAction[] {
  if (document.languageId !== 'keepalived' || !client.createFiles) return [];
  if (!isFresh(cluster, document)) return [];
  const placed = allMembers(cluster.model).find(
    ({ member }) =>
      member.uri === document.uri &&
      member.document.uri === document.uri &&
      member.instance.item.start <= start &&
      end <= member.instance.item.end,
  );
  if (!placed) return [];
  const { group, member } = placed;
  if (member.instance.state?.value?.value !== 'MASTER') return [];
  if (group.members.some((other) => other.node !== member.node)) return [];
  const plan = planPeerNode(cluster.model, document, member);
  if ('reason' in plan) {
    return client.disabledActions
      ? [{ title: 'Create the peer node', kind: PEER_NODE_KIND, disabled: { reason: plan.reason } }]
      : [];
  }
  const priority = plan.priorities.get(member.instance.name);
  return [
    {
      title: `Create the peer node ${plan.name} (${member.instance.name} BACKUP, priority ${String(priority)})`,
      kind: PEER_NODE_KIND,
      edit: createFilesEdit(plan.files),
    },
  ];
}

/** "Create the peer node" for a whole node: the edit, or why there is none. */
export type PeerNodeOfDocument =
  | {
      /** The files of the new node, each created (never over an existing one), then written. */
      readonly edit: WorkspaceEdit;
      /** The new node's name (`lb2`). */
      readonly name: string;
      /** What the peer's instances become, for the message: `VI_1 BACKUP, priority 135`. */
      readonly summary: string;
    }
  | { readonly reason: string };

/**
 * The same peer node as the code action, for the node whose top-level Keepalived file is
 * `document` (the command run on a node folder): its MASTER instances that have no peer on another
 * node yet. The edit is the code action's; only the way in differs.
 */
export function getPeerNodeOfDocument(
  document: ParsedDocument,
  cluster: ClusterInfo | undefined,
): PeerNodeOfDocument {
  const file = baseName(document.uri);
  if (document.languageId !== 'keepalived') {
    return { reason: `${file} is no Keepalived file` };
  }
  if (cluster === undefined || !isFresh(cluster, document)) {
    return { reason: `${file} is not part of an analysed cluster yet: try again in a moment` };
  }
  const own = allMembers(cluster.model).filter(
    ({ member }) => member.document.uri === document.uri,
  );
  if (own.length === 0) return { reason: `${file} holds no vrrp_instance` };
  const masters = own.filter(({ member }) => member.instance.state?.value?.value === 'MASTER');
  if (masters.length === 0) {
    return { reason: `no vrrp_instance of ${file} says state MASTER` };
  }
  const alone = masters.find(({ group, member }) =>
    group.members.every((other) => other.node === member.node),
  );
  if (alone === undefined) {
    return { reason: `every MASTER instance of ${file} already has a peer on another node` };
  }
  const plan = planPeerNode(cluster.model, document, alone.member);
  if ('reason' in plan) return plan;
  // The instances the peer holds, in file order: the flip applies to all of them.
  const summary = own
    .map(({ member }) => {
      const state = member.instance.state?.value?.value === 'MASTER' ? 'BACKUP' : 'MASTER';
      const priority = plan.priorities.get(member.instance.name);
      return `${member.instance.name} ${state}${priority === undefined ? '' : `, priority ${String(priority)}`}`;
    })
    .join('; ');
  return { edit: createFilesEdit(plan.files), name: plan.name, summary };
}
