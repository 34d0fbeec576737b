import type { Finding, Rule } from '../../common/rule.js';
import type { Section } from '../../haproxy/ast.js';
import { countWork } from '../../common/work.js';
import { sameInputs, type FactLocation, type HaproxyFacts } from '../haproxy-facts.js';
import { findingAt, relatedAt } from '../haproxy-rule-helpers.js';
import { haproxyClusters } from '../keepalived-facts.js';
import type { ClusterNode, ClusterRuleContext } from '../model.js';
import { lineSpan, syncData, type SyncSide } from '../sync.js';

/** Differences reported per pair of nodes; the rest are counted in the messages. */
const MAX_DIFFERENCES = 3;

/**
 * Nodes every other node is compared with: the first ones of the cluster. Comparing all pairs
 * cost the square of the node count (640 sibling folders gave 800,000 findings); a node that
 * differs from any other differs from one of these, so drift is still found on every node.
 */
const REFERENCE_NODES = 8;

/** One difference between two nodes: what to say on each side and where. */
interface Difference {
  readonly a: FactLocation;
  readonly b: FactLocation;
  /** Message on node A's side, then on node B's side. */
  readonly aMessage: string;
  readonly bMessage: string;
  /** What differs as whole lines of each node (see sync.ts), for "Make B match A". */
  readonly aSpan: Span | undefined;
  readonly bSpan: Span | undefined;
  /** The spans are single lines of a section (peers); otherwise whole sections. */
  readonly unit?: 'line';
}

/** A span of one file of a node. */
type Span = Omit<SyncSide, 'node'>;

function textOf(facts: HaproxyFacts, uri: string): string | undefined {
  return facts.documents.find((document) => document.uri === uri)?.text;
}

/** A section from its header line to its last line that is not a comment. */
function sectionSpan(
  facts: HaproxyFacts,
  fact: { readonly uri: string; readonly section: Section },
): Span | undefined {
  const text = textOf(facts, fact.uri);
  if (text === undefined) return undefined;
  const { section } = fact;
  const last = section.items.filter((item) => item.kind !== 'comment').at(-1);
  return { uri: fact.uri, ...lineSpan(text, section.start, last?.end ?? section.header.end) };
}

/** The line of a statement. */
function statementSpan(
  facts: HaproxyFacts,
  uri: string,
  statement: { readonly start: number; readonly end: number },
): Span | undefined {
  const text = textOf(facts, uri);
  return text === undefined
    ? undefined
    : { uri, ...lineSpan(text, statement.start, statement.end) };
}

/** Where a section missing on a node would go: after its last one of `sections`, else at the end. */
function sectionInsertion(
  facts: HaproxyFacts,
  sections: readonly { readonly uri: string; readonly section: Section }[],
): Span | undefined {
  const last = sections.at(-1);
  if (last) {
    const span = sectionSpan(facts, last);
    return span && { uri: span.uri, start: span.end, end: span.end };
  }
  const document = facts.documents.at(-1);
  if (!document) return undefined;
  const end = document.text.length;
  return { uri: document.uri, start: end, end };
}

/** Where a line missing from a section would go: after the section's last line. */
function lineInsertion(
  facts: HaproxyFacts,
  fact: { readonly uri: string; readonly section: Section },
): Span | undefined {
  const span = sectionSpan(facts, fact);
  return span && { uri: span.uri, start: span.end, end: span.end };
}

/** Maps of {@link firstByName} per list: each node's lists are compared with several nodes. */
const byNameCache = new WeakMap<readonly object[], Map<string, unknown>>();

function firstByName<T extends { readonly name: string }>(list: readonly T[]): Map<string, T> {
  const cached = byNameCache.get(list) as Map<string, T> | undefined;
  if (cached) return cached;
  const map = new Map<string, T>();
  for (const item of list) if (!map.has(item.name)) map.set(item.name, item);
  byNameCache.set(list, map);
  return map;
}

function differences(
  a: ClusterNode,
  fa: HaproxyFacts,
  b: ClusterNode,
  fb: HaproxyFacts,
): Difference[] {
  const found: Difference[] = [];
  const backendsA = firstByName(fa.backends);
  const backendsB = firstByName(fb.backends);
  const firstBackend = (facts: HaproxyFacts): FactLocation => facts.backends[0] ?? facts.anchor;
  for (const [name, backend] of backendsA) {
    const other = backendsB.get(name);
    if (!other) {
      found.push({
        a: backend,
        b: firstBackend(fb),
        aMessage: `backend ${name} exists on ${a.name} but not on ${b.name}`,
        bMessage: `backend ${name} of ${a.name} is missing on ${b.name}`,
        aSpan: sectionSpan(fa, backend),
        bSpan: sectionInsertion(fb, fb.backends),
      });
      continue;
    }
    const serversA = firstByName(backend.servers);
    const serversB = firstByName(other.servers);
    // A server that differs is brought over with its whole backend. The spans are worked out
    // only for a backend that differs: most do not, and each pair of nodes compares them all.
    let backendSpans: { aSpan: Span | undefined; bSpan: Span | undefined } | undefined;
    const spans = (): { aSpan: Span | undefined; bSpan: Span | undefined } =>
      (backendSpans ??= { aSpan: sectionSpan(fa, backend), bSpan: sectionSpan(fb, other) });
    for (const [serverName, server] of serversA) {
      const peer = serversB.get(serverName);
      if (!peer) {
        found.push({
          a: server,
          b: other,
          aMessage: `server ${serverName} of backend ${name} exists on ${a.name} but not on ${b.name}`,
          bMessage: `backend ${name} on ${b.name} lacks server ${serverName} that ${a.name} has`,
          ...spans(),
        });
      } else if (server.address !== peer.address) {
        found.push({
          a: server.addressLocation,
          b: peer.addressLocation,
          aMessage:
            `server ${serverName} of backend ${name} points to ${server.address ?? 'nothing'} ` +
            `on ${a.name} but to ${peer.address ?? 'nothing'} on ${b.name}`,
          bMessage:
            `server ${serverName} of backend ${name} points to ${peer.address ?? 'nothing'} ` +
            `on ${b.name} but to ${server.address ?? 'nothing'} on ${a.name}`,
          ...spans(),
        });
      }
    }
    for (const [serverName, peer] of serversB) {
      if (serversA.has(serverName)) continue;
      found.push({
        a: backend,
        b: peer,
        aMessage: `backend ${name} on ${a.name} lacks server ${serverName} that ${b.name} has`,
        bMessage: `server ${serverName} of backend ${name} exists on ${b.name} but not on ${a.name}`,
        ...spans(),
      });
    }
  }
  for (const [name, backend] of backendsB) {
    if (backendsA.has(name)) continue;
    found.push({
      a: firstBackend(fa),
      b: backend,
      aMessage: `backend ${name} of ${b.name} is missing on ${a.name}`,
      bMessage: `backend ${name} exists on ${b.name} but not on ${a.name}`,
      aSpan: sectionInsertion(fa, fa.backends),
      bSpan: sectionSpan(fb, backend),
    });
  }
  const peersA = firstByName(fa.peers);
  const peersB = firstByName(fb.peers);
  for (const [name, section] of peersA) {
    const other = peersB.get(name);
    if (!other) {
      found.push({
        a: section,
        b: fb.peers[0] ?? fb.anchor,
        aMessage: `peers section ${name} exists on ${a.name} but not on ${b.name}`,
        bMessage: `peers section ${name} of ${a.name} is missing on ${b.name}`,
        aSpan: sectionSpan(fa, section),
        bSpan: sectionInsertion(fb, fb.peers),
      });
      continue;
    }
    const listA = firstByName(section.peers);
    const listB = firstByName(other.peers);
    for (const [peerName, peer] of listA) {
      const match = listB.get(peerName);
      // A `server` line without address is the local peer: its address is on a `bind` line.
      if (match && (match.address === peer.address || !match.address || !peer.address)) continue;
      found.push({
        a: peer,
        b: match ?? other,
        aMessage: match
          ? `peer ${peerName} of peers ${name} is ${peer.address ?? '?'} on ${a.name} but ${match.address ?? '?'} on ${b.name}`
          : `peer ${peerName} of peers ${name} exists on ${a.name} but not on ${b.name}`,
        bMessage: match
          ? `peer ${peerName} of peers ${name} is ${match.address ?? '?'} on ${b.name} but ${peer.address ?? '?'} on ${a.name}`
          : `peers ${name} on ${b.name} lacks peer ${peerName} that ${a.name} has`,
        aSpan: statementSpan(fa, peer.uri, peer.statement),
        bSpan: match ? statementSpan(fb, match.uri, match.statement) : lineInsertion(fb, other),
        unit: 'line',
      });
    }
    for (const [peerName, peer] of listB) {
      if (listA.has(peerName)) continue;
      found.push({
        a: section,
        b: peer,
        aMessage: `peers ${name} on ${a.name} lacks peer ${peerName} that ${b.name} has`,
        bMessage: `peer ${peerName} of peers ${name} exists on ${b.name} but not on ${a.name}`,
        aSpan: lineInsertion(fa, section),
        bSpan: statementSpan(fb, peer.uri, peer.statement),
        unit: 'line',
      });
    }
  }
  for (const [name, section] of peersB) {
    if (peersA.has(name)) continue;
    found.push({
      a: fa.peers[0] ?? fa.anchor,
      b: section,
      aMessage: `peers section ${name} of ${b.name} is missing on ${a.name}`,
      bMessage: `peers section ${name} exists on ${b.name} but not on ${a.name}`,
      aSpan: sectionInsertion(fa, fa.peers),
      bSpan: sectionSpan(fb, section),
    });
  }
  return found;
}

/**
 * Nodes of one cluster whose HAProxy configurations disagree on backends, servers, server
 * addresses or `peers` sections: after a failover the other node would route traffic differently.
 * The first few differences of each pair are reported on both sides; pairs are those with one of
 * the first {@link REFERENCE_NODES} nodes.
 */
export const configDrift: Rule<ClusterRuleContext> = {
  code: 'config-drift',
  defaultSeverity: 'warning',
  summary: 'The HAProxy configurations of two nodes of one cluster differ.',
  check({ model }, report) {
    for (const cluster of haproxyClusters(model.nodes, model.groups)) {
      const nodes = cluster.filter((node) => node.haproxy !== undefined);
      for (let i = 0; i < Math.min(nodes.length, REFERENCE_NODES); i++) {
        for (let j = i + 1; j < nodes.length; j++) {
          const a = nodes[i];
          const b = nodes[j];
          const fa = a?.haproxy;
          const fb = b?.haproxy;
          // Most clusters run one configuration everywhere: nodes read from the same texts with
          // the same environment cannot differ, and comparing their backends and servers would
          // be most of the cluster analysis.
          if (!a || !b || !fa || !fb || sameInputs(fa.inputs, fb.inputs)) continue;
          countWork();
          const found = differences(a, fa, b, fb);
          const more =
            found.length > MAX_DIFFERENCES
              ? ` (${found.length} differences between ${a.name} and ${b.name}; the first ${MAX_DIFFERENCES} are shown)`
              : '';
          for (const difference of found.slice(0, MAX_DIFFERENCES)) {
            const { aSpan, bSpan } = difference;
            const aSide = aSpan && { node: a.name, ...aSpan };
            const bSide = bSpan && { node: b.name, ...bSpan };
            const unit = difference.unit ?? 'block';
            const findings: Finding[] = [
              findingAt(
                difference.a,
                `HAProxy config drift: ${difference.aMessage}${more}.`,
                [relatedAt(difference.b, `${b.name}: ${difference.bMessage}`)],
                syncData(unit, [aSide, bSide]),
              ),
              findingAt(
                difference.b,
                `HAProxy config drift: ${difference.bMessage}${more}.`,
                [relatedAt(difference.a, `${a.name}: ${difference.aMessage}`)],
                syncData(unit, [bSide, aSide]),
              ),
            ];
            for (const finding of findings) report(finding);
          }
        }
      }
    }
  },
};
