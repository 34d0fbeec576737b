/**
 * Target HAProxy versions and the version arithmetic of catalog entries.
 */
import { compareVersions } from '../../common/catalog.js';
import type { Lifecycle, VersionString } from '../../common/catalog.js';
import type { HaproxyArgSpec, HaproxyKeywordSpec } from './keyword-types.js';

/** The versions a configuration can be checked against (LTS releases and the latest). */
export const HAPROXY_VERSIONS = ['2.6', '2.8', '3.0', '3.2', '3.4'] as const;

type HaproxyVersion = (typeof HAPROXY_VERSIONS)[number];

/** What the linter should make of an entry at one version. */
export type LifecycleState = 'ok' | 'not-yet' | 'deprecated' | 'removed';

/** Anything with version facts: keywords, options, actions, fetches. */
export interface Versioned {
  readonly since?: VersionString;
  readonly deprecated?: Lifecycle;
  readonly removed?: Lifecycle;
}

/** Results of {@link majorMinor}: the settings only ever hold a handful of versions. */
const majorMinorCache = new Map<string, string>();

/** `2.6.12` → `2.6`; anything unparsable is returned unchanged. */
export function majorMinor(version: string): string {
  // Called for every resolved statement; the settings hold one or two distinct versions.
  let result = majorMinorCache.get(version);
  if (result === undefined) {
    const match = /^(\d+)\.(\d+)/.exec(version.trim());
    result = match ? `${match[1]}.${match[2]}` : version;
    majorMinorCache.set(version, result);
  }
  return result;
}

/** True when `version` is one of the supported targets (patch level ignored). */
export function isSupportedVersion(version: string): version is HaproxyVersion {
  return (HAPROXY_VERSIONS as readonly string[]).includes(majorMinor(version));
}

/** State of an entry at `version`: removal wins over deprecation. */
export function lifecycleAt(entry: Versioned, version: VersionString): LifecycleState {
  const v = majorMinor(version);
  if (entry.since !== undefined && compareVersions(v, entry.since) < 0) return 'not-yet';
  if (entry.removed !== undefined && compareVersions(v, entry.removed.since) >= 0) return 'removed';
  if (entry.deprecated !== undefined && compareVersions(v, entry.deprecated.since) >= 0) {
    return 'deprecated';
  }
  return 'ok';
}

/** True when HAProxy `version` accepts the entry (possibly with a deprecation warning). */
export function isAvailable(entry: Versioned, version: VersionString): boolean {
  const state = lifecycleAt(entry, version);
  return state === 'ok' || state === 'deprecated';
}

/** The sections a keyword may appear in at `version`, following its section history. */
export function sectionsAt(entry: HaproxyKeywordSpec, version: VersionString): readonly string[] {
  const v = majorMinor(version);
  for (const past of entry.sectionHistory ?? []) {
    if (compareVersions(v, past.until) < 0) return past.sections;
  }
  return entry.sections;
}

/** True when an enum value of `arg` exists at `version` (values without a date always do). */
export function valueAvailable(
  arg: HaproxyArgSpec,
  value: string,
  version: VersionString,
): boolean {
  const since = arg.valueSince?.[value];
  return since === undefined || compareVersions(majorMinor(version), since) >= 0;
}
