/**
 * From the analysed cluster to the topology graph the preview and `halint topology` draw. Every
 * fact comes from the cluster model (`cluster/build.ts`) and the HAProxy symbol table, never from
 * text read again here, and the failover data comes from the same members the simulation uses.
 *
 * Findings are attached to the most specific element whose lines hold them: a server line's
 * finding goes to the server, a `use_backend` line's to its routing edge, anything else in a
 * section to the section's element.
 */
import type { Issue } from '../common/issue.js';
import type { LineIndex } from '../common/line-index.js';
import type { HaproxyDocument } from '../document.js';
import {
  effectiveServerOptions,
  inheritedOption,
  inheritedSetting,
  isDynamicName,
  type ProxySymbol,
} from '../haproxy/analysis/symbols.js';
import { lineOptionMap } from '../haproxy/analysis/resolve.js';
import type { ConditionTerm, Statement, Word } from '../haproxy/ast.js';
import { haproxyReferences, type HaproxyReferences } from '../haproxy/analysis/references.js';
import type { KeepalivedItem } from '../keepalived/ast.js';
import type { SyncGroupInfo } from '../keepalived/analysis/index-node.js';
import { tracksHaproxy } from '../cluster/haproxy-checks.js';
import { REAL_SERVER_CHECKERS as CHECKERS } from '../keepalived/catalog/lvs.js';
import { bindCovers, substituteWord, type BindFact } from '../cluster/haproxy-facts.js';
import { keepalivedFacts } from '../cluster/keepalived-facts.js';
import type { ClusterModel, ClusterNode, GroupMember, VrrpGroup } from '../cluster/model.js';
import { candidateOf } from '../cluster/simulate.js';
import { groupSplit } from '../features/cluster-split.js';
import {
  TOPOLOGY_FORMAT,
  type SimCheck,
  type SimGroup,
  type TopologyEdge,
  type TopologyElement,
  type TopologyElementKind,
  type TopologyFinding,
  type TopologyGraph,
  type TopologyLocation,
  type TopologyMark,
} from './graph.js';

/** How the graph is built. */
interface TopologyOptions {
  /** Title of the picture (default: the node names). */
  readonly title?: string;
  /** Findings of the cluster's files (per-file validation and cross-node), each with its `uri`. */
  readonly issues?: readonly Issue[];
  /**
   * Servers shown per backend before the rest fold into one "more" element; frontends and
   * backends per HAProxy layer fold at five times this. 0 shows everything. Default 8.
   */
  readonly limit?: number;
}

const SEVERITY_ORDER = { error: 0, warning: 1, info: 2, hint: 3 } as const;

/** Something findings can be attached to. */
interface Target {
  readonly findings: TopologyFinding[];
}

/** A span of a file that belongs to targets. */
interface Span {
  readonly start: number;
  readonly end: number;
  readonly targets: Target[];
}

/**
 * Spans per file in two tiers: lines (servers, routes, VIP entries, checks) and blocks (sections,
 * instances). Within a tier spans do not overlap, so a binary search finds the one holding an
 * offset; a line span wins over the block around it.
 */
class SpanIndex {
  private readonly tiers = new Map<string, [Span[], Span[]]>();
  private readonly byKey = new Map<string, Span>();

  add(tier: 0 | 1, uri: string, start: number, end: number, target: Target): void {
    const key = `${tier}\u0000${uri}\u0000${start}\u0000${end}`;
    const existing = this.byKey.get(key);
    // A file shared by two nodes gives the same span to two elements.
    if (existing) {
      if (!existing.targets.includes(target)) existing.targets.push(target);
      return;
    }
    const span: Span = { start, end: Math.max(end, start + 1), targets: [target] };
    this.byKey.set(key, span);
    let tiers = this.tiers.get(uri);
    if (!tiers) {
      tiers = [[], []];
      this.tiers.set(uri, tiers);
    }
    tiers[tier].push(span);
  }

  /** Sorts the spans; call once after the last `add`. */
  seal(): void {
    for (const tiers of this.tiers.values()) {
      for (const spans of tiers) spans.sort((a, b) => a.start - b.start || b.end - a.end);
    }
  }

  targetsAt(uri: string, offset: number): Target[] {
    const tiers = this.tiers.get(uri);
    if (!tiers) return [];
    for (const spans of tiers) {
      let low = 0;
      let high = spans.length - 1;
      let found = -1;
      while (low <= high) {
        const mid = (low + high) >> 1;
        if ((spans[mid]?.start ?? 0) <= offset) {
          found = mid;
          low = mid + 1;
        } else high = mid - 1;
      }
      const span = spans[found];
      if (span && offset < span.end) return span.targets;
    }
    return [];
  }
}

/** A mutable element while the graph is assembled. */
interface Draft extends Target {
  id: string;
  kind: TopologyElementKind;
  label: string;
  details: string[];
  parent?: string;
  marks: TopologyMark[];
  location?: TopologyLocation;
  count?: number;
  node?: string;
  members?: string[];
}

interface EdgeDraft extends Target {
  id: string;
  kind: TopologyEdge['kind'];
  from: string;
  to: string;
  label?: string;
  location?: TopologyLocation;
}

/** One HAProxy element of a node's layer, before layers are merged. */
interface LayerElement {
  /** Id inside the layer (`fe/NAME`, `be/NAME`, `be/NAME/srv/S`). */
  readonly key: string;
  readonly kind: TopologyElementKind;
  readonly label: string;
  readonly details: string[];
  readonly marks: TopologyMark[];
  readonly uri: string;
  readonly start: number;
  readonly end: number;
  /** Tier 1 (a section) or 0 (a line). */
  readonly tier: 0 | 1;
  readonly count?: number;
}

interface LayerEdge {
  readonly kind: 'route' | 'default-route' | 'server';
  readonly from: string;
  readonly to: string;
  readonly label?: string;
  readonly uri: string;
  readonly start: number;
  readonly end: number;
}

interface Layer {
  readonly node: ClusterNode;
  readonly elements: LayerElement[];
  readonly edges: LayerEdge[];
  /** Binds per frontend key, to connect the nodes' VIPs. */
  readonly binds: Map<string, BindFact[]>;
  readonly folded: number;
  readonly signature: string;
}

function signatureOf(element: LayerElement): string {
  return JSON.stringify([element.key, element.label, element.details, element.marks]);
}

function words(list: readonly Word[], from = 0): string {
  return list
    .slice(from)
    .map((word) => word.value)
    .join(' ');
}

function clip(text: string, max = 60): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/** The ACL condition of a rule as a reader wants it: named ACLs replaced by what they test. */
function conditionLabel(statement: Statement, table: HaproxyReferences): string | undefined {
  const condition = statement.condition;
  if (!condition) return undefined;
  const term = (item: ConditionTerm): string => {
    if (item.kind === 'anonymous') return `${item.negated ? '!' : ''}{ ${words(item.words)} }`;
    // The ACL lines the reference table links the name to (the proxy's, or its defaults').
    const site = table.sitesIn(item.word).find((candidate) => candidate.kind === 'acl');
    const lines = site?.scope
      ? table.definitionsIn(site.scope, 'acl', item.name).filter((line) => !line.dead)
      : [];
    const only = lines.length === 1 ? lines[0]?.statement : undefined;
    const text = only ? words(only.args, 1) : item.name;
    return `${item.negated ? 'not ' : ''}${text}`;
  };
  const groups = condition.groups.map((group) => group.terms.map(term).join(' '));
  const body = groups.join(' or ');
  return clip(condition.polarity === 'unless' ? `unless ${body}` : body);
}

/** The health check a backend runs, as one short line. */
function healthCheck(proxy: ProxySymbol): string | undefined {
  const httpchk = inheritedOption(proxy, 'httpchk');
  if (httpchk) {
    const send = inheritedSetting(proxy, 'http-check');
    const args = words(httpchk.args, 1);
    const sendArgs = send?.args[0]?.value === 'send' ? words(send.args, 1) : '';
    return clip(`httpchk ${args || sendArgs || 'OPTIONS /'}`.trim(), 48);
  }
  for (const kind of [
    'tcp-check',
    'ssl-hello-chk',
    'mysql-check',
    'pgsql-check',
    'redis-check',
    'smtpchk',
    'ldap-check',
  ]) {
    if (inheritedOption(proxy, kind)) return kind;
  }
  return undefined;
}

function backendDetails(proxy: ProxySymbol): string[] {
  const details: string[] = [];
  const balance = inheritedSetting(proxy, 'balance');
  const head = [proxy.mode, balance ? words(balance.args) : 'roundrobin'];
  details.push(head.join(' · '));
  const check = healthCheck(proxy);
  if (check) details.push(`check: ${check}`);
  const cookie = inheritedSetting(proxy, 'cookie');
  if (cookie) details.push(clip(`cookie ${words(cookie.args)}`, 48));
  const stick = inheritedSetting(proxy, 'stick-table');
  if (stick) details.push('stick-table');
  return details;
}

function serverEntry(
  proxy: ProxySymbol,
  server: ProxySymbol['servers'][number],
  env: Readonly<Record<string, string>> | undefined,
  backendKey: string,
  uri: string,
): LayerElement | undefined {
  if (!server.name) return undefined;
  const options = effectiveServerOptions(proxy, server);
  const value = (name: string): string | undefined => options.get(name)?.args[0]?.value;
  const address = server.address
    ? (substituteWord(server.address, env) ?? server.address.value)
    : '';
  const opaque = server.address ? substituteWord(server.address, env) === undefined : false;
  const marks: TopologyMark[] = [];
  const details: string[] = [];
  const checked = options.has('check');
  if (checked) {
    const timing = [
      value('inter') && `inter ${value('inter')}`,
      value('fall') && `fall ${value('fall')}`,
      value('rise') && `rise ${value('rise')}`,
    ].filter(Boolean);
    details.push(['check', ...timing].join(' '));
  } else {
    marks.push('no-check');
    details.push('no health check');
  }
  if (options.has('backup')) marks.push('backup');
  if (options.has('disabled')) marks.push('disabled');
  if (opaque) marks.push('opaque');
  const weight = value('weight');
  const extras = [
    options.has('backup') ? 'backup' : undefined,
    weight !== undefined ? `weight ${weight}` : undefined,
    options.has('ssl') ? 'ssl' : undefined,
    options.has('disabled') ? 'disabled' : undefined,
  ].filter((part): part is string => part !== undefined);
  if (extras.length > 0) details.push(extras.join(' · '));
  const count =
    server.template && server.statement.args[1] ? ` ×${server.statement.args[1].value}` : '';
  return {
    key: `${backendKey}/srv/${server.name.value}`,
    kind: 'server',
    label: `${server.name.value}${count} ${address}`.trim(),
    details,
    marks,
    uri,
    start: server.statement.start,
    end: server.statement.end,
    tier: 0,
  };
}

/** Reads one node's HAProxy configuration into a layer. */
function layerOf(node: ClusterNode, model: ClusterModel, limit: number): Layer | undefined {
  const facts = node.haproxy;
  if (!facts) return undefined;
  const documents: readonly HaproxyDocument[] = node.input.haproxyConfig ?? facts.documents;
  const env = node.input.env;
  const elements: LayerElement[] = [];
  const edges: LayerEdge[] = [];
  const binds = new Map<string, BindFact[]>();
  const backendKeys = new Map<string, string>();
  const routes: {
    from: string;
    target: Word;
    statement: Statement;
    uri: string;
    label?: string;
    kind: 'route' | 'default-route';
  }[] = [];
  const sectionLimit = limit === 0 ? Infinity : limit * 5;
  let folded = 0;
  let frontends = 0;
  let backends = 0;
  const foldedKey = { fe: 'fe/…more', be: 'be/…more' };
  const foldedCount = { fe: 0, be: 0 };
  for (const document of documents) {
    const table = haproxyReferences(document.parse.ast, model.settings.haproxy.version);
    const { symbols } = table;
    const { uri } = document;
    for (const proxy of symbols.proxies) {
      if (proxy.kind === 'defaults' || !proxy.name) continue;
      const isFront = proxy.kind === 'frontend' || proxy.kind === 'listen';
      const isBack = proxy.kind === 'backend' || proxy.kind === 'listen';
      const sectionEnd = proxy.section.end;
      let key: string;
      if (proxy.kind === 'backend') {
        if (backends >= sectionLimit) {
          foldedCount.be++;
          folded++;
          backendKeys.set(proxy.name, foldedKey.be);
          continue;
        }
        backends++;
        key = `be/${proxy.name}`;
        backendKeys.set(proxy.name, key);
      } else {
        if (frontends >= sectionLimit) {
          foldedCount.fe++;
          folded++;
          if (proxy.kind === 'listen') backendKeys.set(proxy.name, foldedKey.fe);
          continue;
        }
        frontends++;
        key = `${proxy.kind === 'listen' ? 'li' : 'fe'}/${proxy.name}`;
        if (proxy.kind === 'listen') backendKeys.set(proxy.name, key);
      }
      const marks: TopologyMark[] = [];
      const details: string[] = [];
      if (isFront) {
        const own = facts.binds.filter(
          (bind) => bind.uri === uri && bind.start >= proxy.section.start && bind.end <= sectionEnd,
        );
        binds.set(key, own);
        const bindTexts: string[] = [];
        for (const statement of proxy.statements('bind')) {
          const address = statement.args[0];
          if (!address) continue;
          const options = lineOptionMap(statement);
          const flags = [
            options.has('ssl') ? 'ssl' : undefined,
            options.has('transparent') ? 'transparent' : undefined,
          ].filter((flag): flag is string => flag !== undefined);
          if (options.has('ssl') && !marks.includes('ssl')) marks.push('ssl');
          if (options.has('transparent') && !marks.includes('transparent')) {
            marks.push('transparent');
          }
          const text = substituteWord(address, env) ?? address.value;
          bindTexts.push([text, ...flags].join(' '));
        }
        if (bindTexts.length > 0) {
          details.push(clip(`bind ${bindTexts.slice(0, 3).join(', ')}`, 64));
          if (bindTexts.length > 3) details.push(`+ ${bindTexts.length - 3} more binds`);
        }
        details.push(`mode ${proxy.mode}`);
        for (const statement of proxy.statements('use_backend')) {
          const target = statement.args[0];
          if (!target) continue;
          const label = conditionLabel(statement, table);
          routes.push({
            from: key,
            target,
            statement,
            uri,
            kind: 'route',
            ...(label ? { label } : {}),
          });
        }
        const fallback = proxy.statements('default_backend');
        const last = fallback[fallback.length - 1];
        if (last?.args[0]) {
          routes.push({
            from: key,
            target: last.args[0],
            statement: last,
            uri,
            kind: 'default-route',
          });
        }
      }
      if (isBack) {
        const backend = backendDetails(proxy);
        if (proxy.kind === 'listen') details.push(...backend.slice(1));
        else details.push(...backend);
      }
      elements.push({
        key,
        kind: proxy.kind === 'listen' ? 'listen' : proxy.kind,
        label: proxy.name,
        details,
        marks,
        uri,
        start: proxy.section.start,
        end: sectionEnd,
        tier: 1,
      });
      if (!isBack) continue;
      const servers = proxy.servers;
      const shown = limit === 0 ? servers.length : Math.min(servers.length, limit);
      for (let i = 0; i < shown; i++) {
        const server = servers[i];
        if (!server) continue;
        const entry = serverEntry(proxy, server, env, key, uri);
        if (!entry) continue;
        elements.push(entry);
        edges.push({
          kind: 'server',
          from: key,
          to: entry.key,
          uri,
          start: entry.start,
          end: entry.end,
        });
      }
      if (servers.length > shown) {
        const rest = servers.length - shown;
        folded += rest;
        const moreKey = `${key}/srv/…more`;
        const first = servers[shown];
        elements.push({
          key: moreKey,
          kind: 'more',
          label: `+ ${rest} more server${rest === 1 ? '' : 's'}`,
          details: [],
          marks: [],
          uri,
          start: first?.statement.start ?? proxy.section.start,
          end: servers[servers.length - 1]?.statement.end ?? sectionEnd,
          tier: 0,
          count: rest,
        });
        edges.push({ kind: 'server', from: key, to: moreKey, uri, start: 0, end: 0 });
      }
    }
  }
  for (const [kind, count] of Object.entries(foldedCount) as ['fe' | 'be', number][]) {
    if (count === 0) continue;
    elements.push({
      key: foldedKey[kind],
      kind: 'more',
      label: `+ ${count} more ${kind === 'fe' ? 'frontends' : 'backends'}`,
      details: [],
      marks: [],
      uri: documents[0]?.uri ?? '',
      start: 0,
      end: 0,
      tier: 1,
      count,
    });
  }
  const missing = new Map<string, LayerElement>();
  for (const route of routes) {
    const { target, statement } = route;
    let to: string;
    if (isDynamicName(target)) {
      to = `dyn/${target.value}`;
      if (!missing.has(to)) {
        const element: LayerElement = {
          key: to,
          kind: 'backend',
          label: target.value,
          details: ['chosen at run time'],
          marks: ['opaque'],
          uri: route.uri,
          start: statement.start,
          end: statement.start,
          tier: 0,
        };
        missing.set(to, element);
      }
    } else {
      const known = backendKeys.get(target.value);
      if (known) to = known;
      else {
        to = `missing/${target.value}`;
        if (!missing.has(to)) {
          missing.set(to, {
            key: to,
            kind: 'backend',
            label: target.value,
            details: ['not defined'],
            marks: ['missing'],
            uri: route.uri,
            start: target.start,
            end: target.start,
            tier: 0,
          });
        }
      }
    }
    edges.push({
      kind: route.kind,
      from: route.from,
      to,
      ...(route.label ? { label: route.label } : {}),
      uri: route.uri,
      start: statement.start,
      end: statement.end,
    });
  }
  elements.push(...missing.values());
  const signature = JSON.stringify([
    elements.map(signatureOf),
    edges.map((edge) => [edge.kind, edge.from, edge.to, edge.label ?? '']),
  ]);
  return { node, elements, edges, binds, folded, signature };
}

/** Builds the serialisable topology graph of an analysed cluster. */
export function buildTopology(model: ClusterModel, options: TopologyOptions = {}): TopologyGraph {
  const limit = options.limit ?? 8;
  const drafts: Draft[] = [];
  const draftById = new Map<string, Draft>();
  const edges: EdgeDraft[] = [];
  const edgeById = new Map<string, EdgeDraft>();
  const spans = new SpanIndex();
  const groups: SimGroup[] = [];
  let folded = 0;

  const locate = (uri: string, start: number, end: number): TopologyLocation | undefined => {
    const index: LineIndex | undefined = model.lineIndexOf(uri);
    if (!index) return undefined;
    return { uri, range: { start: index.positionAt(start), end: index.positionAt(end) } };
  };
  const element = (
    draft: Omit<Draft, 'findings' | 'marks' | 'details'> & Partial<Draft>,
  ): Draft => {
    const existing = draftById.get(draft.id);
    if (existing) return existing;
    const made: Draft = { details: [], marks: [], findings: [], ...draft };
    drafts.push(made);
    draftById.set(made.id, made);
    return made;
  };
  const edge = (draft: Omit<EdgeDraft, 'findings' | 'id'>): EdgeDraft => {
    const id = `${draft.kind}:${draft.from}->${draft.to}`;
    const found = edgeById.get(id);
    if (found) return found;
    const made: EdgeDraft = { ...draft, id, findings: [] };
    edges.push(made);
    edgeById.set(id, made);
    return made;
  };

  const withKeepalived = model.groups.length > 0;
  const clients = element({ id: 'clients', kind: 'clients', label: 'Clients' });

  // VRRP: virtual IPs and the nodes that may hold them.
  if (withKeepalived) {
    for (const name of model.nodes.map((node) => node.name)) {
      element({ id: `node:${name}`, kind: 'node', label: name, node: name });
    }
  }
  const clusterIssues = (options.issues ?? []).filter((issue) => issue.source === 'cluster');
  for (const group of model.groups) {
    groups.push(simGroup(group, clusterIssues, locate, element, edge, spans, clients));
  }
  syncGroups(model, drafts, draftById, element, spans, locate);
  for (const node of model.nodes) {
    const draft = draftById.get(`node:${node.name}`);
    if (!draft || draft.location) continue;
    const first = node.keepalived[0];
    if (first) draft.location = locate(first.document.uri, 0, 0);
  }

  // HAProxy: one layer per node, drawn once when the nodes' configurations are identical.
  const layers = model.nodes
    .map((node) => layerOf(node, model, limit))
    .filter((layer): layer is Layer => layer !== undefined);
  const bySignature = new Map<string, Layer[]>();
  for (const layer of layers) {
    const list = bySignature.get(layer.signature) ?? [];
    list.push(layer);
    bySignature.set(layer.signature, list);
  }
  const signatureCount = new Map<string, number>();
  for (const layer of layers) {
    for (const item of new Set(layer.elements.map(signatureOf))) {
      signatureCount.set(item, (signatureCount.get(item) ?? 0) + 1);
    }
  }
  for (const same of bySignature.values()) {
    const first = same[0];
    if (!first) continue;
    folded += first.folded;
    const names = same.map((layer) => layer.node.name);
    const shared = same.length > 1;
    const drift = bySignature.size > 1;
    const layerId = shared ? `haproxy:${names.join('+')}` : `haproxy@${first.node.name}`;
    const anchor = first.node.haproxy?.anchor;
    const container = element({
      id: layerId,
      kind: 'haproxy',
      label: shared ? `HAProxy · same on ${names.join(', ')}` : `HAProxy on ${first.node.name}`,
      marks: [...(shared ? (['shared'] as const) : []), ...(drift ? (['drift'] as const) : [])],
      ...(anchor ? { location: locate(anchor.uri, anchor.start, anchor.end) } : {}),
    });
    if (drift) container.details.push('differs from the other nodes (config-drift)');
    for (const layer of same) {
      for (const item of layer.elements) {
        const id = `${layerId}/${item.key}`;
        const draft = element({
          id,
          kind: item.kind,
          label: item.label,
          details: [...item.details],
          marks: [...item.marks],
          parent: layerId,
          ...(item.count !== undefined ? { count: item.count } : {}),
          ...(item.end > item.start || item.kind !== 'more'
            ? { location: locate(item.uri, item.start, item.end) }
            : {}),
        });
        if (drift && (signatureCount.get(signatureOf(item)) ?? 0) < layers.length) {
          if (!draft.marks.includes('drift')) draft.marks.push('drift');
        }
        if (item.end > item.start) spans.add(item.tier, item.uri, item.start, item.end, draft);
      }
      for (const link of layer.edges) {
        const made = edge({
          kind: link.kind,
          from: `${layerId}/${link.from}`,
          to: `${layerId}/${link.to}`,
          ...(link.label ? { label: link.label } : {}),
          ...(link.end > link.start ? { location: locate(link.uri, link.start, link.end) } : {}),
        });
        if (link.kind !== 'server' && link.end > link.start) {
          spans.add(0, link.uri, link.start, link.end, made);
        }
      }
      // Who sends traffic to the frontends: each node (through the VIPs its binds cover), or
      // the clients directly when there is no Keepalived.
      const node = layer.node;
      const vips = vipsOf(model, node);
      for (const [key, binds] of layer.binds) {
        const to = `${layerId}/${key}`;
        if (!withKeepalived) {
          edge({ kind: 'traffic', from: clients.id, to });
          continue;
        }
        const served = vips
          .flatMap((vip) =>
            binds
              .filter((bind) => bindCovers(bind, vip.address, vip.family))
              .map((bind) => `${vip.address}${portText(bind)}`),
          )
          .filter((text, i, all) => all.indexOf(text) === i);
        edge({
          kind: 'serves',
          from: `node:${node.name}`,
          to,
          ...(served.length > 0 ? { label: clip(served.join(', '), 40) } : {}),
        });
      }
    }
  }

  // Keepalived's own load balancing: virtual_server → real_server.
  virtualServers(model, element, edge, spans, locate, limit, (n) => (folded += n));

  // Findings onto the elements whose lines hold them.
  spans.seal();
  const counts = { error: 0, warning: 0, info: 0, hint: 0 };
  const seen = new Set<string>();
  for (const issue of options.issues ?? []) {
    if (issue.uri === undefined || model.textOf(issue.uri) === undefined) continue;
    // The same finding reaches us once per node for a shared file.
    const key = `${issue.uri}\u0000${issue.start}\u0000${issue.code}\u0000${issue.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    counts[issue.severity]++;
    const finding: TopologyFinding = {
      severity: issue.severity,
      code: issue.code,
      message: issue.message,
    };
    for (const target of spans.targetsAt(issue.uri, issue.start)) target.findings.push(finding);
  }
  const order = (a: TopologyFinding, b: TopologyFinding): number =>
    SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity];
  const nodes = model.nodes.map((node) => node.name);
  return {
    format: TOPOLOGY_FORMAT,
    title: options.title ?? nodes.join(', '),
    nodes,
    elements: drafts.map((draft): TopologyElement => ({
      id: draft.id,
      kind: draft.kind,
      label: draft.label,
      details: draft.details,
      ...(draft.parent !== undefined ? { parent: draft.parent } : {}),
      marks: draft.marks,
      ...(draft.location ? { location: draft.location } : {}),
      findings: [...draft.findings].sort(order),
      ...(draft.count !== undefined ? { count: draft.count } : {}),
      ...(draft.node !== undefined ? { node: draft.node } : {}),
      ...(draft.members !== undefined ? { members: draft.members } : {}),
    })),
    edges: edges.map((draft): TopologyEdge => ({
      id: draft.id,
      kind: draft.kind,
      from: draft.from,
      to: draft.to,
      ...(draft.label !== undefined ? { label: draft.label } : {}),
      ...(draft.location ? { location: draft.location } : {}),
      findings: [...draft.findings].sort(order),
    })),
    groups,
    counts,
    folded,
  };
}

function portText(bind: BindFact): string {
  const first = bind.ports[0];
  if (!first) return '';
  return first[0] === first[1] ? `:${first[0]}` : `:${first[0]}-${first[1]}`;
}

/** The virtual IPs of a node's instances. */
function vipsOf(model: ClusterModel, node: ClusterNode): { address: string; family: 4 | 6 }[] {
  return model.groups.flatMap((group) =>
    group.members
      .filter((member) => member.node === node)
      .flatMap((member) =>
        member.instance.vips.map((vip) => ({ address: vip.address, family: vip.family })),
      ),
  );
}

type ElementFactory = (
  draft: Omit<Draft, 'findings' | 'marks' | 'details'> & Partial<Draft>,
) => Draft;
type EdgeFactory = (draft: Omit<EdgeDraft, 'findings' | 'id'>) => EdgeDraft;
type Locate = (uri: string, start: number, end: number) => TopologyLocation | undefined;

/** VIP elements, node details and the simulation data of one VRRP group. */
function simGroup(
  group: VrrpGroup,
  issues: readonly Issue[],
  locate: Locate,
  element: ElementFactory,
  edge: EdgeFactory,
  spans: SpanIndex,
  clients: Draft,
): SimGroup {
  const vipIds: string[] = [];
  const first = group.members[0];
  const settingText = (pick: (member: GroupMember) => string | undefined): string => {
    const values = [...new Set(group.members.map(pick).map((value) => value ?? '?'))];
    return values.join(' / ');
  };
  const vrid = settingText((member) => member.instance.vrid?.value?.value);
  const advert = settingText((member) => member.instance.advertInt?.value?.value ?? '1');
  const auth = settingText((member) =>
    member.instance.auth ? (member.instance.auth.type?.value?.value ?? '?') : 'none',
  );
  for (const member of group.members) {
    for (const vip of member.instance.vips) {
      const id = `vip:${vip.address}`;
      const [uri, start, end] = [
        member.index.view.uriOf(vip.item) ?? member.document.uri,
        vip.item.start,
        vip.item.end,
      ];
      const draft = element({
        id,
        kind: 'vip',
        label: vip.address,
        details: [
          `${group.id} · VRID ${vrid}`,
          `advert ${advert} s · auth ${auth}${first?.instance.version === 3 ? ' · VRRPv3' : ''}`,
        ],
        ...(locate(uri, vip.word.start, vip.word.end)
          ? { location: locate(uri, vip.word.start, vip.word.end) }
          : {}),
      });
      if (!vipIds.includes(id)) vipIds.push(id);
      spans.add(0, uri, start, end, draft);
      edge({ kind: 'traffic', from: clients.id, to: id });
      edge({
        kind: 'vip',
        from: id,
        to: `node:${member.node.name}`,
        label: `${member.instance.name} · ${member.instance.priority}`,
      });
    }
  }
  // The members do not all hear each other when a cross-node finding says so (different VRIDs,
  // authentication, versions, unicast settings): the same reading the code lens and hover use.
  const split = groupSplit(issues, group);
  const splitFinding = split?.findings[0];
  const members = group.members.map((member) => {
    const node = element({ id: `node:${member.node.name}`, kind: 'node', label: member.node.name });
    const [uri, start, end] = itemSpanOf(member, member.instance.item);
    spans.add(1, uri, start, end, node);
    node.location ??= locate(uri, member.instance.word.start, member.instance.word.end);
    const state = member.instance.state?.value?.value;
    const candidate = candidateOf(member);
    node.details.push(
      `${member.instance.name}: ${state ?? 'no state'} · priority ${member.instance.priority}`,
    );
    const facts = keepalivedFacts(member.node).instances.find(
      (fact) => fact.instance === member.instance,
    );
    const binds = member.node.haproxy?.binds ?? [];
    const checks: SimCheck[] = member.checks.map((check) => {
      const tracked = facts?.tracked.find(
        (entry) =>
          entry.use === check.use || (entry.kind === check.kind && entry.use.name === check.name),
      );
      const where = itemSpanOf(member, check.use.item);
      spans.add(0, where[0], where[1], where[2], node);
      const location = locate(where[0], check.use.word.start, check.use.word.end);
      return {
        id: `${member.node.name}/${member.instance.name}/${check.kind}:${check.name}`,
        kind: check.kind,
        name: check.name,
        weight: check.weight,
        reverse: check.reverse,
        watchesHaproxy:
          tracked !== undefined &&
          (tracked.kind === 'script' || tracked.kind === 'process') &&
          tracksHaproxy(tracked, binds),
        ...(location ? { location } : {}),
      };
    });
    if (checks.length > 0) {
      const shown = checks
        .slice(0, 4)
        .map((check) => `${check.name} ${check.weight > 0 ? '+' : ''}${check.weight}`);
      node.details.push(clip(`tracks ${shown.join(', ')}${checks.length > 4 ? ', …' : ''}`, 56));
    }
    if (candidate.weightless && member.instance.priority < 255) {
      node.details.push('sync group: weights ignored');
    }
    const location = locate(uri, member.instance.word.start, member.instance.word.end);
    return {
      node: member.node.name,
      instance: member.instance.name,
      ...(state !== undefined ? { state } : {}),
      base: member.instance.priority,
      weightless: candidate.weightless,
      nopreempt: candidate.nopreempt,
      ...(candidate.source !== undefined ? { source: candidate.source } : {}),
      checks,
      ...(location ? { location } : {}),
    };
  });
  return {
    id: group.id,
    vips: vipIds,
    members,
    ...(split && splitFinding
      ? {
          split: {
            severity: splitFinding.severity,
            code: splitFinding.code,
            message: splitFinding.message,
          },
          parts: split.parts.map((part) => part.members.map((member) => member.node.name)),
        }
      : {}),
  };
}

/** A `vrrp_sync_group` as the picture draws it: one box for the same name on every node. */
interface SyncBox {
  readonly instances: string[];
  readonly vips: string[];
  readonly definitions: { readonly uri: string; readonly info: SyncGroupInfo }[];
}

/**
 * `vrrp_sync_group`s, drawn as boxes around the VIPs of their instances: the instances of a sync
 * group fail over together, so their addresses are drawn together. A sync group is one box per
 * name (the nodes of a pair normally define the same group); a VIP already inside one box stays
 * there when another group claims it too.
 */
function syncGroups(
  model: ClusterModel,
  drafts: Draft[],
  draftById: ReadonlyMap<string, Draft>,
  element: ElementFactory,
  spans: SpanIndex,
  locate: Locate,
): void {
  const boxes = new Map<string, SyncBox>();
  const boxOf = (name: string): SyncBox => {
    let box = boxes.get(name);
    if (!box) {
      box = { instances: [], vips: [], definitions: [] };
      boxes.set(name, box);
    }
    return box;
  };
  // Every definition on every node, in node order, so that a group whose instances have no VIP
  // (or are not defined) is still drawn, and its findings have a place.
  for (const node of model.nodes) {
    for (const part of node.keepalived) {
      for (const info of part.index.syncGroups) {
        const uri = part.index.view.uriOf(info.item) ?? part.document.uri;
        const box = boxOf(info.name);
        if (!box.definitions.some((seen) => seen.info === info)) {
          box.definitions.push({ uri, info });
        }
        for (const use of info.members) {
          if (!box.instances.includes(use.name)) box.instances.push(use.name);
        }
      }
    }
  }
  const claimed = new Set<string>();
  for (const group of model.groups) {
    for (const member of group.members) {
      const info = member.index.syncGroups.find((candidate) =>
        candidate.members.some((use) => use.name === member.instance.name),
      );
      if (!info) continue;
      const box = boxOf(info.name);
      for (const vip of member.instance.vips) {
        const id = `vip:${vip.address}`;
        if (claimed.has(id) || !draftById.has(id)) continue;
        claimed.add(id);
        box.vips.push(id);
      }
    }
  }
  for (const [name, box] of boxes) {
    const first = box.definitions[0];
    const location = first
      ? locate(first.uri, first.info.word.start, first.info.word.end)
      : undefined;
    const id = `sync:${name}`;
    const draft = element({
      id,
      kind: 'sync-group',
      label: name,
      details: [clip(`sync group of ${box.instances.join(', ') || 'no instance'}`, 56)],
      members: box.instances,
      ...(location ? { location } : {}),
    });
    for (const { uri, info } of box.definitions) {
      spans.add(1, uri, info.item.start, info.item.end, draft);
    }
    const children = box.vips
      .map((vip) => draftById.get(vip))
      .filter((child): child is Draft => child !== undefined);
    for (const child of children) child.parent = id;
    // Before its first VIP, so that the box keeps the VIPs' place in the model order.
    const at = children.length > 0 ? drafts.indexOf(children[0] as Draft) : -1;
    if (at >= 0 && drafts[drafts.length - 1] === draft) {
      drafts.pop();
      drafts.splice(at, 0, draft);
    }
  }
}

function itemSpanOf(member: GroupMember, item: KeepalivedItem): [string, number, number] {
  return [member.index.view.uriOf(item) ?? member.document.uri, item.start, item.end];
}

/** Keepalived `virtual_server` blocks with their `real_server`s, shared when nodes agree. */
function virtualServers(
  model: ClusterModel,
  element: ElementFactory,
  edge: EdgeFactory,
  spans: SpanIndex,
  locate: Locate,
  limit: number,
  fold: (count: number) => void,
): void {
  for (const node of model.nodes) {
    for (const part of node.keepalived) {
      for (const item of part.index.view.items) {
        if (item.kind !== 'item' || item.keyword.value !== 'virtual_server') continue;
        const uri = part.index.view.uriOf(item) ?? part.document.uri;
        const address = item.args.map((word) => word.value).join(' ');
        const body = (item.block?.items ?? []).filter(
          (line): line is KeepalivedItem => line.kind === 'item',
        );
        const value = (keyword: string): string | undefined =>
          body.find((line) => line.keyword.value === keyword)?.args[0]?.value;
        const id = `lvs:${address}`;
        const draft = element({
          id,
          kind: 'virtual-server',
          label: address,
          details: [
            [value('lb_algo'), value('lb_kind'), value('protocol')]
              .filter((part): part is string => part !== undefined)
              .join(' · ') || 'virtual server',
          ],
          ...(locate(uri, item.keyword.start, item.end)
            ? { location: locate(uri, item.keyword.start, item.keyword.end) }
            : {}),
        });
        spans.add(1, uri, item.start, item.end, draft);
        edge({ kind: 'lvs', from: `node:${node.name}`, to: id });
        const reals = body.filter((line) => line.keyword.value === 'real_server');
        const shown = limit === 0 ? reals.length : Math.min(reals.length, limit);
        reals.slice(0, shown).forEach((real) => {
          const realAddress = real.args.map((word) => word.value).join(':');
          const lines = (real.block?.items ?? []).filter(
            (line): line is KeepalivedItem => line.kind === 'item',
          );
          const checker = lines.find((line) => CHECKERS.has(line.keyword.value));
          const weight = lines.find((line) => line.keyword.value === 'weight')?.args[0]?.value;
          const realId = `${id}/rs:${realAddress}`;
          const realDraft = element({
            id: realId,
            kind: 'real-server',
            label: realAddress,
            details: [
              [checker?.keyword.value ?? 'no checker', weight ? `weight ${weight}` : undefined]
                .filter((part): part is string => part !== undefined)
                .join(' · '),
            ],
            marks: checker ? [] : ['no-check'],
            ...(locate(uri, real.start, real.end)
              ? { location: locate(uri, real.keyword.start, real.keyword.end) }
              : {}),
          });
          spans.add(0, uri, real.start, real.end, realDraft);
          edge({ kind: 'lvs', from: id, to: realId });
        });
        if (reals.length > shown) {
          const rest = reals.length - shown;
          fold(rest);
          const moreId = `${id}/rs:…more`;
          element({ id: moreId, kind: 'more', label: `+ ${rest} more real servers`, count: rest });
          edge({ kind: 'lvs', from: id, to: moreId });
        }
      }
    }
  }
}
