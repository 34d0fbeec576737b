/**
 * Small helpers shared by the HAProxy-side cluster rules: placing findings and related
 * locations, and describing nodes in messages.
 */
import type { RelatedLocation } from '../common/issue.js';
import type { Finding } from '../common/rule.js';
import type { FactLocation } from './haproxy-facts.js';
import { keepalivedFacts, type InstanceFact } from './keepalived-facts.js';
import type { ClusterModel, ClusterNode } from './model.js';

/** A related location with its message. */
export function relatedAt(location: FactLocation, message: string): RelatedLocation {
  return { uri: location.uri, start: location.start, end: location.end, message };
}

/** A finding at a location, with related locations. */
export function findingAt(
  location: FactLocation,
  message: string,
  related: readonly RelatedLocation[],
  data?: Readonly<Record<string, unknown>>,
): Finding {
  return {
    uri: location.uri,
    start: location.start,
    end: location.end,
    message,
    related,
    ...(data ? { data } : {}),
  };
}

/** Where an instance is named (the name word of its `vrrp_instance` line). */
export function instanceLocation(fact: InstanceFact): FactLocation {
  return { uri: fact.uri, start: fact.instance.word.start, end: fact.instance.word.end };
}

/** True when any node of the model has a Keepalived configuration. */
export function hasKeepalived(model: ClusterModel): boolean {
  return model.nodes.some((node) => node.keepalived.length > 0);
}

/** The nodes that run both daemons: HAProxy facts and at least one VRRP instance. */
export function nodesRunningBoth(model: ClusterModel): ClusterNode[] {
  return model.nodes.filter(
    (node) => node.haproxy !== undefined && keepalivedFacts(node).instances.length > 0,
  );
}
